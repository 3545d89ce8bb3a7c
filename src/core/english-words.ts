// Which query words are English words: a Bloom filter over the analysed terms (stems, analysis.ts) of common
// English words, written into the index at build time (src/indexer/english-words.ts) so the app and the CLI
// read the same one. A word the corpus lacks but English has is a real word, not a typo: it is never "corrected"
// to a corpus word that looks like it ("recognition" is not "cognitive"). A false positive (about 1 in 200 of
// other strings) only means that typo is not corrected.

const MAGIC = 0x474e454c; // "LENG"
const VERSION = 1;
const HEADER = 16;

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
}

/** The filter of `terms`, sized for about `falsePositive` wrong answers on other strings. */
export function encodeEnglishTerms(terms: Iterable<string>, falsePositive = 0.005): Uint8Array {
  const unique = [...new Set(terms)];
  const bits = Math.max(64, Math.ceil((-unique.length * Math.log(falsePositive)) / Math.LN2 ** 2 / 8) * 8);
  const k = Math.max(1, Math.round((bits / Math.max(1, unique.length)) * Math.LN2));
  const out = new Uint8Array(HEADER + bits / 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, k, true);
  view.setUint32(12, bits, true);
  for (const term of unique) {
    const [h1, h2] = hashes(term);
    for (let i = 0; i < k; i++) {
      const bit = (h1 + i * h2) % bits;
      out[HEADER + (bit >>> 3)] |= 1 << (bit & 7);
    }
  }
  return out;
}

/** Reads a filter written by encodeEnglishTerms; `file` names it in the error when the bytes are not one. */
export function decodeEnglishTerms(bytes: Uint8Array, file = 'words.bin'): EnglishTerms {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER || view.getUint32(0, true) !== MAGIC)
    throw new Error(`${file} is not a Lantern word list`);
  if (view.getUint32(4, true) !== VERSION)
    throw new Error(`${file} has version ${view.getUint32(4, true)}, this code reads ${VERSION}`);
  const k = view.getUint32(8, true);
  const bits = view.getUint32(12, true);
  if (bits === 0 || bits / 8 !== bytes.byteLength - HEADER || k === 0 || k > 64) throw new Error(`${file} is damaged`);
  const filter = bytes.subarray(HEADER);
  return {
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
