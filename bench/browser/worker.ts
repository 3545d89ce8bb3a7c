/// <reference lib="webworker" />
// The bench worker: opens an index and loads its model with the app worker's own modules (every file checked
// against the manifest, the same Transformers.js settings), then times queries with performance.now() inside it.
import type { SearchIndex } from '../../src/core/search.ts';
import { loadEmbedder, useLocalModels, type Embedder } from '../../src/core/embedding.ts';
import { fetchManifest, openIndex } from '../../src/app/index-loading.ts';
import { loadModel, RUNTIME_URL } from '../../src/app/model-loading.ts';
import { withinBudget, type QueryTiming } from '../stats.ts';
import { timeEmbedders } from '../embed-timing.ts';
import { K } from '../k.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Milliseconds from the init message to: keyword search possible (passages or catalog and term dictionary in, index built), model ready (after one warm-up query). */
export interface LoadTimes {
  index: number;
  model: number;
}

/** ms per query of the query embedding alone: the path the app runs, and ONNX Runtime on the same model file. */
export interface EmbeddingTimes {
  app: number[];
  onnx: number[];
}

export type BenchReply =
  | { type: 'ready'; load: LoadTimes }
  | { type: 'timings'; rows: QueryTiming[] }
  | { type: 'embedding'; times: EmbeddingTimes }
  | { type: 'error'; message: string };

let opened: { ix: SearchIndex; embedder: Embedder; indexUrl: string } | null = null;

async function open(indexUrl: string): Promise<LoadTimes> {
  const started = performance.now();
  const manifest = await fetchManifest(indexUrl);
  const uncounted = () => () => undefined;
  const { ix, vectors } = await openIndex(indexUrl, manifest, uncounted);
  const index = performance.now() - started;
  ix.attachVectors(await vectors);
  // Loaded and warmed up (one query) as the app does.
  const embedder = await loadModel(manifest, indexUrl, uncounted, false).embedder;
  opened = { ix, embedder, indexUrl };
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

/**
 * The app's embedder against Transformers.js's pipeline on the same model (ONNX Runtime fetching its wasm from the
 * app's copy; the model's files come through the fetch the app's loading set up).
 */
async function compareEmbedding(queries: string[]): Promise<EmbeddingTimes> {
  const { ix, embedder, indexUrl } = opened!;
  useLocalModels(new URL(indexUrl).pathname, { wasm: RUNTIME_URL });
  const onnx = await loadEmbedder(ix.manifest.model.path);
  const times = await timeEmbedders({ typescript: embedder, onnx }, ix.manifest.model, queries);
  return { app: times.typescript, onnx: times.onnx };
}

self.onmessage = async (
  event: MessageEvent<
    { type: 'init'; indexUrl: string } | { type: 'run'; queries: string[] } | { type: 'embedding'; queries: string[] }
  >,
) => {
  try {
    const message = event.data;
    if (message.type === 'init') {
      self.postMessage({ type: 'ready', load: await open(message.indexUrl) } satisfies BenchReply);
      return;
    }
    if (message.type === 'embedding') {
      self.postMessage({ type: 'embedding', times: await compareEmbedding(message.queries) } satisfies BenchReply);
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
