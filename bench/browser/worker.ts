/// <reference lib="webworker" />
// The bench worker: opens an index and loads its model exactly as src/app/worker.ts does (same core modules,
// same Transformers.js settings: local model, app-served wasm, one thread), then times queries with
// performance.now() inside the worker.
import { env } from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { SearchIndex } from '../../src/core/search.ts';
import { loadEmbedder, type Embedder } from '../../src/core/embedding.ts';
import { validateManifest } from '../../src/core/index-format/manifest.ts';
import { withinBudget, type QueryTiming } from '../stats.ts';
import { K } from '../k.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Milliseconds from the init message to: keyword search possible (passages or catalog and term dictionary in, index built), model ready (after one warm-up query). */
export interface LoadTimes {
  index: number;
  model: number;
}

export type BenchReply = { type: 'ready'; load: LoadTimes } | { type: 'timings'; rows: QueryTiming[] } | { type: 'error'; message: string };

let opened: { ix: SearchIndex; embedder: Embedder } | null = null;

async function fetchBytes(url: URL): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function open(indexUrl: string): Promise<LoadTimes> {
  const started = performance.now();
  const manifest = validateManifest(JSON.parse(new TextDecoder().decode(await fetchBytes(new URL('manifest.json', indexUrl)))));
  const vectors = fetchBytes(new URL(manifest.files.vectors, indexUrl));
  const json = async (file: string) => JSON.parse(new TextDecoder().decode(await fetchBytes(new URL(file, indexUrl))));
  const [passages, terms] = await Promise.all([json(manifest.files.passages), manifest.shards ? json(manifest.shards.terms) : undefined]);
  const load = async (file: string) => new Uint8Array(await fetchBytes(new URL(file, indexUrl)));
  const ix = new SearchIndex({ manifest, passages, terms, load });
  const index = performance.now() - started;
  ix.attachVectors(await vectors);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = new URL(indexUrl).pathname;
  env.useBrowserCache = false;
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
  if (onnx.wasm) {
    onnx.wasm.wasmPaths = { wasm: new URL(ortWasmUrl, self.location.href).href };
    onnx.wasm.numThreads = 1;
  }
  const embedder = await loadEmbedder(manifest.model.path);
  await embedder.embedQueries(['warm up'], manifest.model);
  opened = { ix, embedder };
  return { index, model: performance.now() - started };
}

async function time(text: string): Promise<QueryTiming> {
  const { ix, embedder } = opened!;
  const t0 = performance.now();
  const [vector] = await embedder.embedQueries([text], ix.manifest.model);
  const embed = performance.now() - t0;
  const t1 = performance.now();
  const { timings } = await ix.searchAsync(text, { mode: 'hybrid', k: K, queryVector: vector });
  return { embed, ...timings, total: embed + performance.now() - t1 };
}

self.onmessage = async (event: MessageEvent<{ type: 'init'; indexUrl: string } | { type: 'run'; queries: string[] }>) => {
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
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies BenchReply);
  }
};
