// Side by side on the same passages, the same query vectors, the same machine and run: Lantern (each mode)
// against Orama's own hybrid search (defaults, and tuned), MiniSearch (BM25 + stemming + stop words) and
// brute-force float32 cosine. The peers get Lantern's own vectors dequantised to float32, so rankings differ
// by engine only; brute force shares Lantern's top-k selection, so it isolates int8 vs float32 scoring. Latency is search alone (the query vector is given); the query embedding costs every
// engine the same.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { create, insertMultiple, save, search as oramaSearch, type AnyOrama } from '@orama/orama';
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import type { SearchIndex } from '../src/core/search.ts';
import type { SearchMode } from '../src/core/types.ts';
import { decodeVectors, vectorAt } from '../src/core/index-format/vectors.ts';
import { topK } from '../src/core/vector-search.ts';
import { dedupe, mean, queryMetrics, type Qrels } from '../src/eval/metrics.ts';
import { K } from './k.ts';
import { percentiles, withinBudget, type Percentiles } from './stats.ts';
import { STOP_WORDS } from './stopwords.ts';

export interface EngineResult {
  engine: string;
  /** The Lantern mode this engine is compared with. */
  versus: SearchMode;
  latency: Percentiles;
  /** What the engine needs to answer and show results, model excluded (serialised JSON for Orama and MiniSearch), bytes. */
  bytes: number;
  ndcg10?: number;
  buildSeconds: number;
}

interface Engine {
  name: string;
  versus: SearchMode;
  bytes: number;
  buildSeconds: number;
  /** Passage positions, best first. */
  /** Lantern's search is async (one entry point for every index); the peers answer at once. */
  search(text: string, vector: Float32Array): number[] | Promise<number[]>;
}

interface Row {
  title: string;
  headings: string;
  text: string;
}

/** Serialised JSON size without building one huge string (a 100k-passage Orama db with vectors would not fit). */
function jsonBytes(value: unknown, depth = 3): number {
  if (depth === 0 || value === null || typeof value !== 'object')
    return Buffer.byteLength(JSON.stringify(value) ?? 'null');
  if (Array.isArray(value))
    return 2 + Math.max(0, value.length - 1) + value.reduce<number>((n, v) => n + jsonBytes(v, depth - 1), 0);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  return (
    2 +
    Math.max(0, entries.length - 1) +
    entries.reduce((n, [k, v]) => n + Buffer.byteLength(JSON.stringify(k)) + 1 + jsonBytes(v, depth - 1), 0)
  );
}

function timed<T>(make: () => T): [T, number] {
  const t = performance.now();
  const value = make();
  return [value, (performance.now() - t) / 1000];
}

function lantern(index: SearchIndex, mode: SearchMode, bytes: number): Engine {
  return {
    name: `Lantern ${mode}`,
    versus: mode,
    bytes,
    buildSeconds: 0,
    search: async (text, vector) =>
      (await index.search(text, { mode, k: K, queryVector: vector, snippets: false })).results.map((r) => r.index),
  };
}

function orama(rows: Row[], vectors: Float32Array[], tuned: boolean): Engine {
  const dim = vectors[0].length;
  const [db, buildSeconds] = timed(() => {
    const db: AnyOrama = create({
      schema: { title: 'string', headings: 'string', text: 'string', embedding: `vector[${dim}]` } as const,
      ...(tuned ? { components: { tokenizer: { language: 'english', stemming: true, stopWords: STOP_WORDS } } } : {}),
    });
    insertMultiple(db, rows.map((r, i) => ({ id: String(i), ...r, embedding: Array.from(vectors[i]) })) as never, 1000);
    return db;
  });
  const bytes = jsonBytes(save(db));
  return {
    name: tuned ? 'Orama hybrid (tuned)' : 'Orama hybrid (defaults)',
    versus: 'hybrid',
    bytes,
    buildSeconds,
    search(text, vector) {
      const params = {
        mode: 'hybrid',
        term: text,
        vector: { value: Array.from(vector), property: 'embedding' },
        limit: K,
        ...(tuned ? { similarity: 0.1, hybridWeights: { text: 0.7, vector: 0.3 } } : {}),
      };
      const result = oramaSearch(db, params as never) as { hits: { id: string }[] };
      return result.hits.map((h) => Number(h.id));
    },
  };
}

function minisearch(rows: Row[]): Engine {
  const stop = new Set(STOP_WORDS);
  const [ms, buildSeconds] = timed(() => {
    const ms = new MiniSearch<Row & { id: number }>({
      fields: ['title', 'headings', 'text'],
      storeFields: ['title', 'headings', 'text'],
      processTerm: (term) => (stop.has(term.toLowerCase()) ? null : stemmer(term.toLowerCase())),
    });
    ms.addAll(rows.map((r, i) => ({ id: i, ...r })));
    return ms;
  });
  return {
    name: 'MiniSearch BM25',
    versus: 'keyword',
    bytes: jsonBytes(ms.toJSON()),
    buildSeconds,
    search: (text) =>
      ms
        .search(text)
        .slice(0, K)
        .map((h) => h.id as number),
  };
}

function bruteForce(vectors: Float32Array[], passagesBytes: number): Engine {
  const dim = vectors[0].length;
  const matrix = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => matrix.set(v, i * dim));
  return {
    name: 'Brute-force float32 cosine',
    versus: 'semantic',
    bytes: passagesBytes + matrix.byteLength,
    buildSeconds: 0,
    search(_text, query) {
      const scores = new Float32Array(vectors.length);
      for (let row = 0; row < vectors.length; row++) {
        let dot = 0;
        for (let i = 0, o = row * dim; i < dim; i++) dot += matrix[o + i] * query[i];
        scores[row] = dot;
      }
      return topK(scores, K).map((h) => h.index);
    },
  };
}

/** Runs every engine over the queries (one untimed warm-up query each); nDCG@10 when judgments exist. */
export async function comparePeers(
  dir: string,
  index: SearchIndex,
  queries: { id: string; text: string }[],
  vectors: Float32Array[],
  qrels?: Qrels,
): Promise<EngineResult[]> {
  const manifest = index.manifest;
  const [meta, passages, vectorFile] = await Promise.all(
    ['manifest.json', manifest.files.passages, manifest.files.vectors].map((f) => readFile(path.join(dir, f))),
  );
  const lanternBytes = meta.length + passages.length + vectorFile.length;
  const store = decodeVectors(vectorFile);
  const floats = Array.from({ length: store.count }, (_, row) => vectorAt(store, row));
  const rows: Row[] = Array.from({ length: index.count }, (_, row) => index.passage(row)).map((p) => ({
    title: index.documents[p.doc].title,
    headings: p.headings.join('\n'),
    text: p.text,
  }));

  const makers: (() => Engine)[] = [
    () => lantern(index, 'hybrid', lanternBytes),
    () => orama(rows, floats, false),
    () => orama(rows, floats, true),
    () => lantern(index, 'keyword', lanternBytes),
    () => minisearch(rows),
    () => lantern(index, 'semantic', lanternBytes),
    () => bruteForce(floats, passages.length),
  ];
  const out: EngineResult[] = [];
  // One engine at a time, so at most one peer index is in memory.
  for (const make of makers) {
    const engine = make();
    await engine.search(queries[0].text, vectors[0]);
    const times: number[] = [];
    const judged = [];
    const loop = performance.now();
    for (const [i, q] of queries.entries()) {
      if (!withinBudget(loop, i)) break;
      const t = performance.now();
      const ranked = await engine.search(q.text, vectors[i]);
      times.push(performance.now() - t);
      if (qrels)
        judged.push(
          queryMetrics(
            dedupe(ranked.map((r) => index.documents[index.passage(r).doc].id)),
            qrels.get(q.id) ?? new Map(),
          ),
        );
    }
    out.push({
      engine: engine.name,
      versus: engine.versus,
      latency: percentiles(times),
      bytes: engine.bytes,
      buildSeconds: engine.buildSeconds,
      ...(judged.length ? { ndcg10: mean(judged).ndcg10 } : {}),
    });
  }
  return out;
}
