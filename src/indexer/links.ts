// Links between documents, resolved once every document of the corpus is chunked (a link may name any of them).
// Each link placeholder of the display markup (document/document-link.ts) becomes an `a` whose only property is
// the target passage's id (`dataPassage`: the heading's passage, else the document's first), or, when the corpus
// holds no such document, a `span` marked `unresolved` that keeps the link's text. Every document then lists the
// documents that link to it (`linkedFrom`, with the first passage holding such a link).
//
// Wiki links are found as Obsidian finds them: by path from the corpus root or by file name anywhere (case-insensitive,
// with or without the extension), a name held by several documents going to the one in the linking document's folder,
// else the one nearest the root. Relative links are resolved from the linking document's folder (an `.html` page
// names the document it was made from, as mdBook and static site generators name them); one without a folder
// (`Note.md`, Obsidian's shortest form) falls back to the file name. Corpus text is only ever a Map key.
import { posix } from 'node:path';
import { slug } from 'github-slugger';
import type { DisplayNode, DocumentInfo, Passage } from '../core/types.ts';
import { PLACEHOLDER, type LinkTarget } from './document/document-link.ts';

export interface LinkReport {
  /** Links that lead to a passage of another document, or of the same one. */
  resolved: number;
  /** Links to nothing in the corpus, shown as marked text. */
  unresolved: number;
  /** Resolved links naming a heading their document does not have: they open the document's first passage. */
  headingMissing: number;
}

type Element = Extract<DisplayNode, { type: 'element' }>;

const DOCUMENT_EXTENSION = /\.(md|markdown|txt)$/i;
const PAGE_EXTENSION = /\.html?$/i;

const withoutExtension = (id: string) => id.replace(DOCUMENT_EXTENSION, '');
const folderOf = (id: string) => posix.dirname(id);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The documents of a corpus by the names a link may give them. */
class DocumentNames {
  private readonly byId = new Map<string, number>();
  /** Lower-cased path without its extension → documents. */
  private readonly byPath = new Map<string, number[]>();
  /** Lower-cased file name without its extension → documents. */
  private readonly byName = new Map<string, number[]>();

  constructor(private readonly documents: DocumentInfo[]) {
    documents.forEach((doc, i) => {
      this.byId.set(doc.id, i);
      const bare = withoutExtension(doc.id).toLowerCase();
      push(this.byPath, bare, i);
      push(this.byName, posix.basename(bare), i);
    });
  }

  /** The document `target` names from document `from`, or null. */
  find(target: LinkTarget, from: number): number | null {
    const name = target.path.trim();
    if (!name) return from;
    if (target.kind === 'path') {
      const found = this.relative(name, from);
      if (found !== null || name.includes('/')) return found;
    }
    const bare = withoutExtension(name.replace(PAGE_EXTENSION, '')).replace(/^\/+/, '').toLowerCase();
    if (bare.includes('/')) {
      // A path from the root, or the end of one (`folder/Note` finds `notes/folder/Note.md`).
      const exact = this.byPath.get(bare);
      if (exact) return this.nearest(exact, from);
      const ending = this.byName.get(posix.basename(bare))?.filter((d) => this.bare(d).endsWith(`/${bare}`));
      return ending?.length ? this.nearest(ending, from) : null;
    }
    const named = this.byName.get(bare);
    return named ? this.nearest(named, from) : null;
  }

  private bare(doc: number): string {
    return withoutExtension(this.documents[doc].id).toLowerCase();
  }

  /** A path relative to the linking document (or to the root, starting with `/`): exact, then ignoring case. */
  private relative(name: string, from: number): number | null {
    const joined = posix.normalize(
      name.startsWith('/') ? name.slice(1) : posix.join(folderOf(this.documents[from].id), name),
    );
    if (joined.startsWith('../') || joined === '..') return null;
    const candidates = PAGE_EXTENSION.test(joined)
      ? ['.md', '.markdown', '.txt'].map((ext) => joined.replace(PAGE_EXTENSION, ext))
      : [joined];
    for (const id of candidates) {
      const exact = this.byId.get(id);
      if (exact !== undefined) return exact;
    }
    const loose = this.byPath.get(withoutExtension(joined.replace(PAGE_EXTENSION, '')).toLowerCase());
    return loose ? this.nearest(loose, from) : null;
  }

  /** Of several documents, the one in the linking document's folder, else the one nearest the root (then by name). */
  private nearest(docs: number[], from: number): number {
    const folder = folderOf(this.documents[from].id);
    const same = docs.find((d) => folderOf(this.documents[d].id) === folder);
    if (same !== undefined) return same;
    const depth = (d: number) => this.documents[d].id.split('/').length;
    return [...docs].sort((a, b) => depth(a) - depth(b) || (this.documents[a].id < this.documents[b].id ? -1 : 1))[0];
  }
}

function textOf(node: DisplayNode): string {
  return node.type === 'text' ? node.value : node.children.map(textOf).join('');
}

const isHeading = (node: DisplayNode | undefined): boolean => node?.type === 'element' && /^h[1-6]$/.test(node.tagName);

/** The headings of display markup in order, those inside quotes and lists too (`> ### The Stack and the Heap`). */
function headingsIn(nodes: DisplayNode[]): string[] {
  return nodes.flatMap((node) => {
    if (node.type !== 'element') return [];
    return isHeading(node) ? [textOf(node)] : headingsIn(node.children);
  });
}

/**
 * The passage each heading of a document starts in, by slug as GitHub and mdBook make them (`stack-only-data-copy`;
 * a repeated heading's slug numbered `-1`, `-2`), which is also the slug of an Obsidian heading link's text.
 */
function headingPassages(passages: Passage[]): Map<string, string> {
  const bySlug = new Map<string, string>();
  const seen = new Map<string, number>();
  const add = (text: string, id: string) => {
    const base = slug(text.trim());
    if (!base) return;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    const key = n ? `${base}-${n}` : base;
    if (!bySlug.has(key)) bySlug.set(key, id);
  };
  let previous: string[] = [];
  for (const passage of passages) {
    // Headings of the path that differ from the previous passage's open here; a leading body heading repeats the last.
    let same = 0;
    while (same < previous.length && same < passage.headings.length && previous[same] === passage.headings[same])
      same++;
    for (const heading of passage.headings.slice(same)) add(heading, passage.id);
    const inBody = headingsIn(passage.body);
    if (isHeading(passage.body[0]) && inBody[0].trim() === passage.headings.at(-1) && passage.headings.length > same)
      inBody.shift();
    for (const heading of inBody) add(heading, passage.id);
    previous = passage.headings;
  }
  return bySlug;
}

function targetOf(node: Element): LinkTarget | null {
  const p = node.properties ?? {};
  const kind = p[PLACEHOLDER.kind];
  if (node.tagName !== 'a' || (kind !== 'name' && kind !== 'path')) return null;
  return { kind, path: String(p[PLACEHOLDER.path] ?? ''), heading: String(p[PLACEHOLDER.heading] ?? '') };
}

/**
 * Resolves every link placeholder in the passages' display markup (in place) and records each document's backlinks
 * in `documents` (`linkedFrom`, in corpus order). Passages are in row order.
 */
export function linkDocuments(documents: DocumentInfo[], passages: Passage[]): LinkReport {
  const report: LinkReport = { resolved: 0, unresolved: 0, headingMissing: 0 };
  const names = new DocumentNames(documents);
  const byDocument = new Map<number, Passage[]>();
  for (const passage of passages) push(byDocument, passage.doc, passage);
  const headings = new Map<number, Map<string, string>>();
  const headingsOf = (doc: number) => {
    let map = headings.get(doc);
    if (!map) headings.set(doc, (map = headingPassages(byDocument.get(doc) ?? [])));
    return map;
  };
  const resolve = (target: LinkTarget, from: number): { doc: number; passage: string } | null => {
    const doc = names.find(target, from);
    const first = doc === null ? undefined : byDocument.get(doc)?.[0];
    if (doc === null || !first) return null;
    if (!target.heading) return { doc, passage: first.id };
    const passage = headingsOf(doc).get(slug(target.heading));
    if (!passage) report.headingMissing++;
    return { doc, passage: passage ?? first.id };
  };

  /** Target document → linking document → the first passage holding such a link. */
  const backlinks = new Map<number, Map<number, string>>();
  const rewrite = (nodes: DisplayNode[], passage: Passage, inLink: boolean): DisplayNode[] =>
    nodes.flatMap((node): DisplayNode[] => {
      if (node.type !== 'element') return [node];
      const target = targetOf(node);
      if (!target) return [{ ...node, children: rewrite(node.children, passage, inLink || node.tagName === 'a') }];
      // A link inside a link (a wiki link in a web link's text) is its text: anchors never nest.
      const children = rewrite(node.children, passage, true);
      if (inLink) return children;
      const found = resolve(target, passage.doc);
      if (!found) {
        report.unresolved++;
        return [{ type: 'element', tagName: 'span', properties: { className: ['unresolved'] }, children }];
      }
      report.resolved++;
      if (found.doc !== passage.doc) {
        let from = backlinks.get(found.doc);
        if (!from) backlinks.set(found.doc, (from = new Map()));
        if (!from.has(passage.doc)) from.set(passage.doc, passage.id);
      }
      return [{ type: 'element', tagName: 'a', properties: { dataPassage: found.passage }, children }];
    });

  for (const passage of passages) passage.body = rewrite(passage.body, passage, false);
  for (const [doc, from] of backlinks)
    documents[doc].linkedFrom = [...from].sort(([a], [b]) => a - b).map(([d, passage]) => ({ doc: d, passage }));
  return report;
}
