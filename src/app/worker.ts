/// <reference lib="webworker" />
// The search worker: opens the index (keyword search works as soon as passages.json, or a sharded index's
// catalog and term dictionary, is in), then loads the model in the background and answers hybrid/semantic
// queries once it is ready; a sharded index's fragments and passage shards are fetched per query. Loading and
// checking files is verified-files.ts and index-loading.ts, the model is model-loading.ts; this file routes messages.
import type { SearchIndex } from '../core/search.ts';
import type { Embedder } from '../core/embedding.ts';
import type { AnswerOf, InitMessage, Request, RequestType, WorkerMessage } from './protocol.ts';
import { fetchManifest, openIndex, openingFiles, summarize } from './index-loading.ts';
import { loadModel, modelFiles, RUNTIME_BYTES, RUNTIME_URL } from './model-loading.ts';
import { DownloadProgress } from './download-progress.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: WorkerMessage) => self.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let indexReady: Promise<SearchIndex>;
let embedder: Embedder | null = null;
/** Query vectors of recent queries: typing back and forth re-asks the same ones. */
const vectorCache = new Map<string, Float32Array>();

async function queryVector(ix: SearchIndex, query: string, exact = false): Promise<Float32Array | null> {
  if (!embedder || !ix.hasVectors || !query.trim()) return null;
  const text = query.trim();
  const key = `${exact ? 1 : 0}${text}`;
  let vector = vectorCache.get(key);
  if (!vector) {
    [vector] = await embedder.embedQueries([text], ix.manifest.model, { asTyped: exact, keep: (w) => ix.isWord(w) });
    vectorCache.set(key, vector);
    if (vectorCache.size > 64) vectorCache.delete(vectorCache.keys().next().value!);
  }
  return vector;
}

type RequestOf<K extends RequestType> = Extract<Request, { type: K }>;
type Handlers = { [K in RequestType]: (ix: SearchIndex, request: RequestOf<K>) => Promise<AnswerOf[K]> };

/** One handler per request type, each returning exactly the answer the page expects for it (protocol.ts). */
const handlers: Handlers = {
  async search(ix, { request }) {
    const started = performance.now();
    const vector = request.mode === 'keyword' ? null : await queryVector(ix, request.query, request.exact);
    const embed = performance.now() - started;
    const { mode, results, total, more, closest, corrections, searched, timings } = await ix.search(request.query, {
      mode: request.mode,
      k: request.k,
      queryVector: vector,
      filters: request.filters,
      prefix: request.prefix,
      exact: request.exact,
    });
    return { mode, results, total, more, closest, corrections, searched, timings: { ...timings, embed } };
  },
  async document(ix, { passageId, query, exact }) {
    const found = await ix.documentOf(passageId);
    if (!found) return { found: false };
    const linkedFrom = (found.document.linkedFrom ?? []).map(({ doc, passage }) => ({
      title: ix.documents[doc].title,
      passage,
    }));
    return { found: true, ...found, marks: await ix.passageMarks(passageId, query ?? '', { exact }), linkedFrom };
  },
  more: (ix, { passageId, k }) => ix.moreLikeThis(passageId, k),
};

async function answer<K extends RequestType>(request: RequestOf<K>): Promise<AnswerOf[K]> {
  const handler: Handlers[K] = handlers[request.type as K];
  return handler(await indexReady, request);
}

/**
 * Opens the index, then loads the model: the keyword part of the index first (results while the rest downloads),
 * then the model files (and ONNX Runtime's wasm, for a model that needs it) all at once beside the vectors, with one
 * progress figure over them all.
 */
function start(indexUrl: string, runtimeExpected: boolean): void {
  const started = performance.now();
  const loads = fetchManifest(indexUrl).then((manifest) => {
    const sizes = new Map([
      ...openingFiles(manifest, indexUrl),
      ...modelFiles(manifest, indexUrl).map((f) => [f.url, f.bytes] as const),
      ...(runtimeExpected ? [[RUNTIME_URL, RUNTIME_BYTES] as const] : []),
    ]);
    const progress = new DownloadProgress(sizes, (p) => post({ type: 'progress', progress: p }));
    post({ type: 'progress', progress: { loaded: 0, total: progress.total } });
    post({ type: 'model', model: { state: 'loading' } });
    return { manifest, progress, index: openIndex(indexUrl, manifest, progress.counter) };
  });
  indexReady = loads.then(({ index }) => index).then(({ ix }) => ix);
  indexReady.catch(() => undefined); // reported once as index-failed, below; requests get the error too
  void (async () => {
    let opened: Awaited<Awaited<typeof loads>['index']>;
    let progress: DownloadProgress;
    try {
      const load = await loads;
      progress = load.progress;
      opened = await load.index;
    } catch (error) {
      return post({ type: 'index-failed', message: messageOf(error) });
    }
    const { ix, vectors } = opened;
    post({ type: 'index', summary: summarize(ix), seconds: (performance.now() - started) / 1000 });
    const model = loadModel(ix.manifest, indexUrl, progress.counter, runtimeExpected);
    try {
      ix.attachVectors(await vectors);
      await model.downloaded;
      post({ type: 'model', model: { state: 'preparing' } });
      embedder = await model.embedder;
      post({ type: 'model', model: { state: 'ready', seconds: (performance.now() - started) / 1000 } });
    } catch (error) {
      post({ type: 'model', model: { state: 'failed', message: messageOf(error) } });
    }
  })();
}

self.onmessage = (event: MessageEvent<InitMessage | Request>) => {
  const message = event.data;
  if (message.type === 'init') return start(message.indexUrl, message.runtime);
  // A reply that cannot be sent (too deep to copy, say) still answers, with an error: the page never waits forever.
  answer(message)
    .then((result) => post({ type: 'answer', id: message.id, answer: result }))
    .catch((error) => post({ type: 'error', id: message.id, message: messageOf(error) }));
};
