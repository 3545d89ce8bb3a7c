// Lantern in Node: query latency by stage (embedding timed here, keyword/vector/fusion from SearchIndex's
// `timings`) over the corpus's queries, warm after one untimed query. Also hands the query vectors and the
// opened index to the peer comparison, so every engine gets the same inputs. The loop stops early when over
// budget (stats.ts); the peers then get the queries that ran.
import { openIndex } from '../src/indexer/read-index.ts';
import type { SearchIndex } from '../src/core/search.ts';
import { summarize, withinBudget, type LatencySummary, type QueryTiming } from './stats.ts';
import { K } from './k.ts';

export interface NodeRun {
  index: SearchIndex;
  vectors: Float32Array[];
  /** Seconds to read the files and build the keyword index (SearchIndex constructor included). */
  openSeconds: number;
  latency: LatencySummary;
}

export async function runNode(dir: string, queries: string[]): Promise<NodeRun> {
  const started = performance.now();
  const opened = await openIndex(dir);
  const openSeconds = (performance.now() - started) / 1000;
  await opened
    .embedQuery(queries[0])
    .then((v) => opened.index.search(queries[0], { mode: 'hybrid', k: K, queryVector: v }));
  const rows: QueryTiming[] = [];
  const vectors: Float32Array[] = [];
  const loop = performance.now();
  for (const text of queries) {
    if (!withinBudget(loop, rows.length)) break;
    const t0 = performance.now();
    const vector = await opened.embedQuery(text);
    const embed = performance.now() - t0;
    const t1 = performance.now();
    const { timings } = await opened.index.search(text, { mode: 'hybrid', k: K, queryVector: vector });
    rows.push({ embed, ...timings, total: embed + performance.now() - t1 });
    vectors.push(vector);
  }
  return { index: opened.index, vectors, openSeconds, latency: summarize(rows) };
}
