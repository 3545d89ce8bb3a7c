/// <reference lib="webworker" />
// The bench worker: opens an index and loads its model with the app worker's own modules (every file checked
// against the manifest, the same Transformers.js settings), then times queries with performance.now() inside it.
import type { SearchIndex } from '../../src/core/search.ts';
import type { Embedder } from '../../src/core/embedding.ts';
import { fetchManifest, openIndex } from '../../src/app/index-loading.ts';
import { loadModel } from '../../src/app/model-loading.ts';
import { withinBudget, type QueryTiming } from '../stats.ts';
import { K } from '../k.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Milliseconds from the init message to: keyword search possible (passages or catalog and term dictionary in, index built), model ready (after one warm-up query). */
export interface LoadTimes {
  index: number;
  model: number;
}

export type BenchReply =
  | { type: 'ready'; load: LoadTimes }
  | { type: 'timings'; rows: QueryTiming[] }
  | { type: 'error'; message: string };

let opened: { ix: SearchIndex; embedder: Embedder } | null = null;

async function open(indexUrl: string): Promise<LoadTimes> {
  const started = performance.now();
  const manifest = await fetchManifest(indexUrl);
  const uncounted = () => () => undefined;
  const { ix, vectors } = await openIndex(indexUrl, manifest, uncounted);
  const index = performance.now() - started;
  ix.attachVectors(await vectors);
  // Loaded and warmed up (one query) as the app does.
  const embedder = await loadModel(manifest, indexUrl, uncounted).embedder;
  opened = { ix, embedder };
  return { index, model: performance.now() - started };
}

async function time(text: string): Promise<QueryTiming> {
  const { ix, embedder } = opened!;
  const t0 = performance.now();
  const [vector] = await embedder.embedQueries([text], ix.manifest.model);
  const embed = performance.now() - t0;
  const t1 = performance.now();
  const { timings } = await ix.search(text, { mode: 'hybrid', k: K, queryVector: vector });
  return { embed, ...timings, total: embed + performance.now() - t1 };
}

self.onmessage = async (
  event: MessageEvent<{ type: 'init'; indexUrl: string } | { type: 'run'; queries: string[] }>,
) => {
  try {
    const message = event.data;
    if (message.type === 'init') {
      self.postMessage({ type: 'ready', load: await open(message.indexUrl) } satisfies BenchReply);
      return;
    }
    await time(message.queries[0]); // warm: the first query after load is not timed
    const rows: QueryTiming[] = [];
    const loop = performance.now();
    for (const text of message.queries) {
      if (!withinBudget(loop, rows.length)) break;
      rows.push(await time(text));
    }
    self.postMessage({ type: 'timings', rows } satisfies BenchReply);
  } catch (error) {
    self.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    } satisfies BenchReply);
  }
};
