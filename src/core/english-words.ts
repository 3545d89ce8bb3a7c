// Which query words are English words: a Bloom filter over the analysed terms (stems, analysis.ts) of common
// English words, written into the index at build time (src/indexer/english-words.ts) so the app and the CLI
// read the same one. A word the corpus lacks but English has is a real word, not a typo: it is never "corrected"
// to a corpus word that looks like it ("recognition" is not "cognitive"). A false positive (about 1 in 200 of
// other strings) only means that typo is not corrected.
// Since version 2 the file also carries the corpus's word forms: groups of terms that are forms of one word whose
// stems differ ("won" and "win", "simpler" and "simple", "children" and "child"), found by a lemmatizer at build
// time; a query word is searched with the other forms of its group (query/parse.ts).

const MAGIC = 0x474e454c; // "LENG"
const VERSION = 2;
/** Header bytes by version. 1: magic, version, k, bits. 2: the same and the byte length of the forms. */
const headerOf = (version: number) => (version === 1 ? 16 : version === 2 ? 20 : undefined);

function hashes(term: string): [number, number] {
  // Two FNV-1a hashes with different offsets, combined by double hashing (h1 + i·h2).
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x0100019d);
  }
  return [a >>> 0, (b | 1) >>> 0];
}

export interface EnglishTerms {
  has(term: string): boolean;
  /** The other terms of the word-form groups that hold `term` (empty when none does). */
  formsOf(term: string): readonly string[];
}

/**
 * The filter of `terms`, sized for about `falsePositive` wrong answers on other strings, followed by `forms`:
 * groups of terms that are forms of one word.
 */
export function encodeEnglishTerms(
  terms: Iterable<string>,
  falsePositive = 0.005,
  forms: readonly (readonly string[])[] = [],
): Uint8Array {
  const unique = [...new Set(terms)];
  const bits = Math.max(64, Math.ceil((-unique.length * Math.log(falsePositive)) / Math.LN2 ** 2 / 8) * 8);
  const k = Math.max(1, Math.round((bits / Math.max(1, unique.length)) * Math.LN2));
  const header = headerOf(VERSION)!;
  const groups = new TextEncoder().encode(JSON.stringify(forms));
  const out = new Uint8Array(header + bits / 8 + groups.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, k, true);
  view.setUint32(12, bits, true);
  view.setUint32(16, groups.length, true);
  for (const term of unique) {
    const [h1, h2] = hashes(term);
    for (let i = 0; i < k; i++) {
      const bit = (h1 + i * h2) % bits;
      out[header + (bit >>> 3)] |= 1 << (bit & 7);
    }
  }
  out.set(groups, header + bits / 8);
  return out;
}

/** Per term, the other terms of its groups; a Map, as the terms come from the corpus. */
function formsByTerm(bytes: Uint8Array, file: string): Map<string, string[]> {
  let groups: unknown;
  try {
    groups = bytes.length ? JSON.parse(new TextDecoder().decode(bytes)) : [];
  } catch {
    throw new Error(`${file} is damaged`);
  }
  if (!Array.isArray(groups) || !groups.every((g) => Array.isArray(g) && g.every((t) => typeof t === 'string')))
    throw new Error(`${file} is damaged`);
  const out = new Map<string, string[]>();
  for (const group of groups as string[][])
    for (const term of group) {
      const others = out.get(term) ?? [];
      for (const other of group) if (other !== term && !others.includes(other)) others.push(other);
      out.set(term, others);
    }
  return out;
}

/** Reads a filter written by encodeEnglishTerms; `file` names it in the error when the bytes are not one. */
export function decodeEnglishTerms(bytes: Uint8Array, file = 'words.bin'): EnglishTerms {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < headerOf(1)! || view.getUint32(0, true) !== MAGIC)
    throw new Error(`${file} is not a Lantern word list`);
  const version = view.getUint32(4, true);
  const header = headerOf(version);
  if (header === undefined) throw new Error(`${file} has version ${version}, this code reads 1 and ${VERSION}`);
  if (bytes.byteLength < header) throw new Error(`${file} is damaged`);
  const k = view.getUint32(8, true);
  const bits = view.getUint32(12, true);
  const formBytes = version >= 2 ? view.getUint32(16, true) : 0;
  if (bits === 0 || bits / 8 + formBytes !== bytes.byteLength - header || k === 0 || k > 64)
    throw new Error(`${file} is damaged`);
  const filter = bytes.subarray(header, header + bits / 8);
  const forms = formsByTerm(bytes.subarray(header + bits / 8), file);
  return {
    formsOf: (term) => forms.get(term) ?? [],
    has(term) {
      const [h1, h2] = hashes(term);
      for (let i = 0; i < k; i++) {
        const bit = (h1 + i * h2) % bits;
        if ((filter[bit >>> 3] & (1 << (bit & 7))) === 0) return false;
      }
      return true;
    },
  };
}
