// Typo candidates exactly as keyword.ts gets them from Orama, without Orama's radix tree in memory.
//
// keyword.ts asks Orama's RadixNode._findLevenshtein (node_modules/@orama/orama/dist/esm/trees/radix.js) for the
// words within `tolerance` edits of a query term, then keeps those whose Levenshtein distance really is within it.
// That walk is not exhaustive: it advances one term character per radix edge whatever the edge's length, so it can
// miss real candidates (e.g. "dcea" never reaches "acea" in some vocabularies), and which ones it misses depends
// on the shape of the tree, i.e. on the field's whole vocabulary. To rank exactly alike, the walk below is a port
// of _findLevenshtein run on the same radix tree, represented implicitly by the field's sorted vocabulary: a node
// is the range of words sharing its word as prefix, its children the sub-ranges grouped by the next character
// (with the group's common prefix as the child's word), which is the shape Orama's insertions produce.
import { internals } from '@orama/orama';

interface RadixNode {
  /** Range of the field's sorted words in this subtree. */
  lo: number;
  hi: number;
  /** The node's word (prefix shared by its subtree). */
  w: string;
  /** Whether the node's word itself is a word of the field. */
  end: boolean;
  children?: RadixNode[];
}

export class FieldVocabulary {
  private readonly root: RadixNode;

  constructor(readonly words: string[]) {
    this.root = { lo: 0, hi: words.length, w: '', end: false };
  }

  private children(node: RadixNode): RadixNode[] {
    if (node.children) return node.children;
    const { words } = this;
    const d = node.w.length;
    const out: RadixNode[] = [];
    let i = node.end ? node.lo + 1 : node.lo;
    while (i < node.hi) {
      const c = words[i].charCodeAt(d);
      let lo = i + 1;
      let hi = node.hi;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (words[mid].charCodeAt(d) > c) hi = mid;
        else lo = mid + 1;
      }
      const a = words[i];
      const b = words[lo - 1];
      let shared = d + 1;
      while (shared < a.length && a.charCodeAt(shared) === b.charCodeAt(shared)) shared++;
      const w = a.slice(0, shared);
      out.push({ lo: i, hi: lo, w, end: a.length === shared });
      i = lo;
    }
    return (node.children = out);
  }

  /** The words Orama's `find({ term, exact: false, tolerance })` returns for this field (before keyword.ts's edit-distance filter). */
  oramaFuzzyFind(term: string, tolerance: number): Set<string> {
    const output = new Set<string>();
    const stack: { node: RadixNode; index: number; tolerance: number }[] = [{ node: this.root, index: 0, tolerance }];
    while (stack.length > 0) {
      const { node, index, tolerance: left } = stack.pop()!;
      if (node.w.startsWith(term)) {
        // findAllWords with tolerance 0: every word of the subtree.
        for (let k = node.lo; k < node.hi; k++) output.add(this.words[k]);
        continue;
      }
      if (left < 0) continue;
      if (node.end && node.w && internals.boundedLevenshtein(term, node.w, tolerance).isBounded) output.add(node.w);
      if (index >= term.length) continue;
      const current = term[index];
      const children = this.children(node);
      const d = node.w.length;
      const same = children.find((child) => child.w[d] === current);
      if (same) stack.push({ node: same, index: index + 1, tolerance: left });
      stack.push({ node, index: index + 1, tolerance: left - 1 });
      for (const child of children) {
        stack.push({ node: child, index, tolerance: left - 1 });
        if (child.w[d] !== current) stack.push({ node: child, index: index + 1, tolerance: left - 1 });
      }
    }
    return output;
  }
}
