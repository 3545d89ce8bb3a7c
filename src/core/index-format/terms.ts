// terms.json and terms-<n>.bin: the on-disk shapes of the term-sharded keyword index (Pagefind's approach: a small
// dictionary plus postings fragments, each holding a contiguous range of sorted terms, so a query downloads only
// the fragments of its terms), with their small codecs (varints, base64, a content hash). Written by
// ../term-index/build.ts, read by ../term-index/open.ts (the one keyword engine; keyword.ts builds it in memory).

/** Searched fields, in the order scores are summed in (keyword-rules/fields.ts). */
export const FIELDS = ['text', 'headings', 'title'] as const;

export const DICTIONARY_FORMAT = 'lantern-term-index';
export const VERSION = 1;
/** First bytes of every fragment: "LTI" and the format version. */
const MAGIC = [0x4c, 0x54, 0x49];

/**
 * What a query needs first (JSON): the terms, their statistics, the field lengths and where each fragment starts.
 * Measured sizes (uncompressed JSON / gzip): seed corpus, 147 passages: 13.7 KB, fragments 14.4 KB. SciFact, 5,183
 * abstracts: 223 KB (terms 124 KB, stats 40 KB, lengths 32 KB), fragments 876 KB in 14. SciFact ×20 with a tenth
 * of the words varied per copy, 103,660 passages and 83k terms: 1.02 MB / 216 KB (terms 317 KB, stats 157 KB,
 * lengths 465 KB, about 4.5 B per passage), fragments 16.6 MB in 233 of ~64 KB (bigger ones hold one common term).
 */
export interface TermDictionary {
  format: typeof DICTIONARY_FORMAT;
  version: number;
  /** Content hash of this dictionary, repeated in each fragment so fragments of another build are refused. */
  build: string;
  /** Number of passages (BM25's docsCount). */
  passages: number;
  /** Mean token count per field (text, headings, title), a running mean over the passages in row order. */
  averages: [number, number, number];
  /**
   * Token counts per passage as base64 varints: `text` one per passage, `headings` and `title` as
   * (run length, count) pairs since consecutive passages of a section or document repeat them.
   */
  lengths: { text: string; headings: string; title: string };
  /**
   * The analysed terms in ascending code-unit order, front-coded and '\n'-separated: each entry is one character
   * (code 48 + number of leading characters shared with the previous term) followed by the rest of the term.
   */
  terms: string;
  /** Per term, base64 varint of (largest per-field document frequency × 8 + field mask: 1 text, 2 headings, 4 title). */
  stats: string;
  /** Index of the first term of each fragment, ascending (fragment i holds terms fragments[i] … fragments[i+1]-1). */
  fragments: number[];
}

export class ByteWriter {
  private buf = new Uint8Array(1024);
  length = 0;

  private reserve(n: number) {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number) {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  bytes(bytes: Uint8Array) {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^53. */
  varint(n: number) {
    this.reserve(8);
    while (n >= 0x80) {
      this.buf[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.length++] = n;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  pos = 0;
  constructor(
    readonly bytes: Uint8Array,
    private readonly corrupt: () => Error,
  ) {}

  get done() {
    return this.pos >= this.bytes.length;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw this.corrupt();
    return this.bytes[this.pos++];
  }

  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
      if (scale > 2 ** 49) throw this.corrupt();
    }
  }
}

export function encodeVarints(values: ArrayLike<number>): string {
  const w = new ByteWriter();
  for (let i = 0; i < values.length; i++) w.varint(values[i]);
  return toBase64(w.finish());
}

export function decodeVarints(base64: string, what: string): number[] {
  const r = new ByteReader(fromBase64(base64), () => new Error(`term dictionary: ${what} is corrupt`));
  const out: number[] = [];
  while (!r.done) out.push(r.varint());
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      B64[n >> 18] +
      B64[(n >> 12) & 63] +
      (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') +
      (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = B64_INDEX[clean.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error('term dictionary: invalid base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell two builds apart. */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function frontCode(sorted: string[]): string {
  let prev = '';
  const parts: string[] = [];
  for (const term of sorted) {
    let shared = 0;
    const max = Math.min(prev.length, term.length, 40);
    while (shared < max && prev.charCodeAt(shared) === term.charCodeAt(shared)) shared++;
    parts.push(String.fromCharCode(48 + shared) + term.slice(shared));
    prev = term;
  }
  return parts.join('\n');
}

export function frontDecode(coded: string): string[] {
  if (!coded) return [];
  const out: string[] = [];
  let prev = '';
  for (const entry of coded.split('\n')) {
    const shared = entry.charCodeAt(0) - 48;
    if (!(shared >= 0 && shared <= prev.length)) throw new Error('term dictionary: the term list is corrupt');
    prev = prev.slice(0, shared) + entry.slice(1);
    out.push(prev);
  }
  return out;
}

/** The postings of one term in one field: passage rows (ascending) and the term's raw count in each. */
export interface FieldPostings {
  rows: Uint32Array;
  tfs: Uint32Array;
}

/** A decoded fragment: postings of terms first … first+count-1, three fields per term (null: not in that field). */
export interface Fragment {
  first: number;
  count: number;
  postings: (FieldPostings | null)[];
}

/** Header of fragment `number`: magic + version, fragment number, build hash, first term, term count. */
export function writeFragmentHeader(w: ByteWriter, number: number, build: string, first: number, count: number) {
  for (const b of MAGIC) w.byte(b);
  w.byte(VERSION);
  w.varint(number);
  w.varint(parseInt(build, 16));
  w.varint(first);
  w.varint(count);
}

/** Appends one term's postings: per field the document count, then per passage (row delta × 2 + [tf is 1]) and tf if not 1. */
export function writePostings(w: ByteWriter, fields: { rows: number[]; tfs: number[] }[]) {
  for (const { rows, tfs } of fields) {
    w.varint(rows.length);
    let prev = 0;
    for (let i = 0; i < rows.length; i++) {
      const tf = tfs[i];
      w.varint((rows[i] - prev) * 2 + (tf === 1 ? 1 : 0));
      if (tf !== 1) w.varint(tf);
      prev = rows[i];
    }
  }
}

export function decodeFragment(
  bytes: Uint8Array,
  number: number,
  dictionary: { build: string; fragments: number[]; termCount: number; passages: number },
): Fragment {
  const name = `fragment ${number}`;
  if (!(bytes instanceof Uint8Array) || bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Error(`${name} is not a Lantern term-index fragment`);
  }
  if (bytes[3] !== VERSION)
    throw new Error(`${name} has term-index format version ${bytes[3]}, this code reads version ${VERSION}`);
  const r = new ByteReader(bytes, () => new Error(`${name} is truncated or corrupt`));
  r.pos = 4;
  if (r.varint() !== number)
    throw new Error(`${name} is another fragment of the term index (its header names a different number)`);
  if (r.varint() !== parseInt(dictionary.build, 16))
    throw new Error(`${name} belongs to another build of the term index than its dictionary`);
  const first = r.varint();
  const count = r.varint();
  const end = number + 1 < dictionary.fragments.length ? dictionary.fragments[number + 1] : dictionary.termCount;
  if (first !== dictionary.fragments[number] || first + count !== end)
    throw new Error(`${name} does not hold the terms its dictionary expects`);
  const postings: (FieldPostings | null)[] = new Array(count * FIELDS.length).fill(null);
  for (let t = 0; t < count * FIELDS.length; t++) {
    const n = r.varint();
    if (n === 0) continue;
    if (n > dictionary.passages) throw new Error(`${name} is truncated or corrupt`);
    const rows = new Uint32Array(n);
    const tfs = new Uint32Array(n);
    let row = 0;
    for (let i = 0; i < n; i++) {
      const v = r.varint();
      row += Math.floor(v / 2);
      rows[i] = row;
      tfs[i] = v % 2 ? 1 : r.varint();
    }
    if (row >= dictionary.passages) throw new Error(`${name} is truncated or corrupt`);
    postings[t] = { rows, tfs };
  }
  if (!r.done) throw new Error(`${name} is truncated or corrupt`);
  return { first, count, postings };
}
