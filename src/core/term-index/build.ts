// Build side of the term index: analyse the passages' fields (keyword-rules/fields.ts) as keyword.ts does, then write the
// dictionary and the postings in fragments of contiguous sorted terms.
import { terms } from '../analysis.ts';
import type { DocumentInfo, Passage } from '../types.ts';
import { fieldValues } from '../keyword-rules/fields.ts';
import { runningMean } from '../keyword-rules/bm25.ts';
import {
  ByteWriter,
  DICTIONARY_FORMAT,
  FIELDS,
  VERSION,
  encodeVarints,
  frontCode,
  hash32,
  writeFragmentHeader,
  writePostings,
  type TermDictionary,
} from '../index-format/terms.ts';

export interface TermIndexFiles {
  dictionary: TermDictionary;
  fragments: Uint8Array[];
}

export interface BuildTermIndexOptions {
  /** Target size of one fragment in bytes (a term is never split, so a very common term may exceed it). Default 64 KiB. */
  fragmentBytes?: number;
}

type Postings = { rows: number[]; tfs: number[] }[];

/** Writes the term-sharded keyword index of the passages (fields as in keyword.ts: text, headings joined by '\n', document title). */
export function buildTermIndex(
  passages: Passage[],
  documents: DocumentInfo[],
  options: BuildTermIndexOptions = {},
): TermIndexFiles {
  const target = Math.max(1, options.fragmentBytes ?? 64 * 1024);
  const lengths = FIELDS.map(() => new Array<number>(passages.length));
  const averages: [number, number, number] = [0, 0, 0];
  const byTerm = new Map<string, Postings>();
  passages.forEach((passage, row) => {
    const values = fieldValues(passage, documents[passage.doc]);
    for (let f = 0; f < FIELDS.length; f++) {
      const tokens = terms(values[f]);
      lengths[f][row] = tokens.length;
      // The mean as keyword.ts's index keeps it, updated as each passage is inserted, so the float is the same.
      averages[f] = runningMean(averages[f], row + 1, tokens.length);
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [term, count] of counts) {
        let postings = byTerm.get(term);
        if (!postings) byTerm.set(term, (postings = FIELDS.map(() => ({ rows: [], tfs: [] }))));
        postings[f].rows.push(row);
        postings[f].tfs.push(count);
      }
    }
  });

  const sorted = [...byTerm.keys()].sort();
  const stats = sorted.map((term) => {
    const postings = byTerm.get(term)!;
    let mask = 0;
    let df = 0;
    postings.forEach(({ rows }, f) => {
      if (rows.length) mask |= 1 << f;
      df = Math.max(df, rows.length);
    });
    return df * 8 + mask;
  });

  // Cut the sorted terms into fragments of about `target` bytes of postings.
  const bodies: Uint8Array[] = [];
  const starts: number[] = [];
  let body = new ByteWriter();
  sorted.forEach((term, i) => {
    if (body.length === 0) starts.push(i);
    writePostings(body, byTerm.get(term)!);
    if (body.length >= target || i === sorted.length - 1) {
      bodies.push(body.finish());
      body = new ByteWriter();
    }
  });

  /** (run length, value) pairs: consecutive passages of a document or section repeat their title and headings. */
  const runs = (values: number[]) => {
    const out: number[] = [];
    for (const value of values) {
      if (out.length && out[out.length - 1] === value) out[out.length - 2]++;
      else out.push(1, value);
    }
    return out;
  };
  const content: Omit<TermDictionary, 'build'> = {
    format: DICTIONARY_FORMAT,
    version: VERSION,
    passages: passages.length,
    averages,
    lengths: {
      text: encodeVarints(lengths[0]),
      headings: encodeVarints(runs(lengths[1])),
      title: encodeVarints(runs(lengths[2])),
    },
    terms: frontCode(sorted),
    stats: encodeVarints(stats),
    fragments: starts,
  };
  const dictionary: TermDictionary = { ...content, build: hash32(JSON.stringify(content)) };
  const fragments = bodies.map((bytes, n) => {
    const w = new ByteWriter();
    const first = starts[n];
    const end = n + 1 < starts.length ? starts[n + 1] : sorted.length;
    writeFragmentHeader(w, n, dictionary.build, first, end - first);
    w.bytes(bytes);
    return w.finish();
  });
  return { dictionary, fragments };
}
