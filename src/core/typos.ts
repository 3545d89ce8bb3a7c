// Typo candidates: the words of a field's vocabulary within k edits (Levenshtein) of a query term, all of
// them. The sorted vocabulary is walked as a trie: consecutive words share a prefix, so the dynamic-programming
// rows of that prefix are reused, and a prefix whose row already exceeds k skips every word that starts with
// it. Both keyword engines (keyword.ts and the term index) ask this, so they find the same candidates.
// editDistance compares two given words (a swap of neighbours counting one): which spelling a correction reads as.

/** First position at or after `from` whose word does not start with `prefix` (`words` sorted). */
function pastPrefix(words: readonly string[], prefix: string, from: number): number {
  let lo = from;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid].startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words of `words` (sorted, unique) at most `maxEdits` insertions, deletions or substitutions from `term`, in order. */
export function wordsWithinEdits(words: readonly string[], term: string, maxEdits: number): string[] {
  const n = term.length;
  // rows[d][j]: edits between the first d characters of the current path and the first j of the term.
  const rows: Int32Array[] = [Int32Array.from({ length: n + 1 }, (_, j) => j)];
  const out: string[] = [];
  let path = ''; // rows 1..path.length hold this prefix
  let i = 0;
  while (i < words.length) {
    const word = words[i];
    let d = 0;
    const shared = Math.min(path.length, word.length);
    while (d < shared && path.charCodeAt(d) === word.charCodeAt(d)) d++;
    let dead = 0;
    for (; d < word.length; d++) {
      const above = rows[d];
      const row = (rows[d + 1] ??= new Int32Array(n + 1));
      const c = word.charCodeAt(d);
      row[0] = d + 1;
      let min = row[0];
      for (let j = 1; j <= n; j++) {
        const v = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (term.charCodeAt(j - 1) === c ? 0 : 1));
        row[j] = v;
        if (v < min) min = v;
      }
      if (min > maxEdits) {
        dead = d + 1;
        break;
      }
    }
    if (dead) {
      path = word.slice(0, dead);
      i = pastPrefix(words, path, i + 1);
      continue;
    }
    path = word;
    if (rows[word.length][n] <= maxEdits) out.push(word);
    i++;
  }
  return out;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit (deletion, substitution, insertion, swap of neighbours) from a lowercase ASCII word. */
export function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      out.add(head + c + tail);
      if (tail) out.add(head + c + tail.slice(1));
    }
  }
  return out;
}

/** Edits between two words: insertions, deletions, substitutions and swaps of neighbours, each counting one. */
export function editDistance(a: string, b: string): number {
  // d[i][j] over the first i letters of a and j of b, three rows kept (a swap looks two rows back).
  let before = new Int32Array(b.length + 1);
  let above = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Int32Array(b.length + 1);
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1];
      row[j] = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (same ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = above;
    above = row;
  }
  return above[b.length];
}
