/// <reference lib="webworker" />
// The search worker: opens the index (keyword search works as soon as passages.json is in), then loads the
// model in the background and answers hybrid/semantic queries once it is ready. Every file is checked
// against the manifest (size and sha256), so files from two different builds never mix silently.
import { env, type ProgressInfo } from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { SearchIndex } from '../core/search.ts';
import { loadEmbedder, queryInput, type Embedder } from '../core/embedding.ts';
import { validateManifest, type IndexManifest } from '../core/format.ts';
import type { DocumentAnswer, IndexSummary, InitMessage, Request, SearchAnswer, SearchRequest, WorkerMessage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: WorkerMessage) => self.postMessage(message);

let indexReady: Promise<SearchIndex>;
let embedder: Embedder | null = null;
/** Query vectors of recent queries: typing back and forth re-asks the same ones. */
const vectorCache = new Map<string, Float32Array>();

async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function fetchChecked(indexUrl: string, manifest: IndexManifest, file: string): Promise<ArrayBuffer> {
  const response = await fetch(new URL(file, indexUrl));
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  const expected = manifest.sizes[file];
  if (expected && bytes.byteLength !== expected.bytes) {
    throw new Error(`${file} is ${bytes.byteLength} bytes but this index (version ${manifest.version}) expects ${expected.bytes}: files from two builds are mixed. Reload the page.`);
  }
  if (expected && (await sha256(bytes)) !== expected.sha256) {
    throw new Error(`${file} does not match index version ${manifest.version} (sha256 differs): files from two builds are mixed. Reload the page.`);
  }
  return bytes;
}

function summarize(ix: SearchIndex): IndexSummary {
  const counts = new Map<string, number>();
  for (const p of ix.passages) for (const tag of p.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  const tags = [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  return { version: ix.manifest.version, documents: ix.documents, tags, passages: ix.passages.length };
}

async function openIndex(indexUrl: string): Promise<{ ix: SearchIndex; vectors: Promise<ArrayBuffer> }> {
  const started = performance.now();
  const response = await fetch(new URL('manifest.json', indexUrl));
  if (!response.ok) throw new Error(`manifest.json: HTTP ${response.status}`);
  const manifest = validateManifest(await response.json());
  const vectors = fetchChecked(indexUrl, manifest, manifest.files.vectors);
  vectors.catch(() => undefined); // reported when attached, below
  const passages = JSON.parse(new TextDecoder().decode(await fetchChecked(indexUrl, manifest, manifest.files.passages)));
  const ix = new SearchIndex({ manifest, passages });
  post({ type: 'index', summary: summarize(ix), seconds: (performance.now() - started) / 1000 });
  return { ix, vectors };
}

/** A response whose body streams through unchanged (download progress stays live) and errors at the end if its sha256 differs. */
function verified(response: Response, hash: string, name: string): Response {
  if (response.status !== 200 || !response.body) return response;
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (!done) {
        chunks.push(value);
        controller.enqueue(value);
        return;
      }
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) all.set(c, (at += c.length) - c.length);
      if ((await sha256(all.buffer)) === hash) controller.close();
      else controller.error(new Error(`${name} does not match the index manifest: files from two builds are mixed. Reload the page.`));
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * fetch for Transformers.js. Model files are checked against the manifest's sha256, and fetched once:
 * Transformers.js GETs each file a first time only to read its size, then again to load it.
 */
function modelFetch(expected: Map<string, string>): { fetch: typeof fetch; release: () => void } {
  const once = new Map<string, Promise<Response>>();
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, self.location.href).href;
    const hash = expected.get(url);
    if (!hash) return fetch(input, init);
    let shared = once.get(url);
    if (!shared) {
      shared = fetch(url).then((response) => verified(response, hash, url.split('/index/').pop()!));
      once.set(url, shared);
    }
    return (await shared).clone();
  };
  return { fetch: wrapped, release: () => once.clear() };
}

async function loadModel(ix: SearchIndex, indexUrl: string): Promise<void> {
  const { model } = ix.manifest;
  const started = performance.now();
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // A path, not a URL: Transformers.js treats a URL-shaped local path as remote and then finds no files.
  env.localModelPath = new URL(indexUrl).pathname;
  // The service worker is the cache; Transformers.js must not keep a second copy in Cache Storage.
  env.useBrowserCache = false;
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } };
  if (onnx.wasm) {
    // Served by the app itself (never the CDN Transformers.js would pick); one thread: static hosts are not cross-origin isolated.
    onnx.wasm.wasmPaths = { wasm: new URL(ortWasmUrl, self.location.href).href };
    onnx.wasm.numThreads = 1;
  }
  const modelBase = new URL(`${model.path}/`, indexUrl).href;
  const files = modelFetch(new Map(Object.entries(model.files).map(([file, hash]) => [new URL(file, modelBase).href, hash])));
  env.fetch = files.fetch;

  let last = 0;
  post({ type: 'model', model: { state: 'loading', loaded: 0, total: 0 } });
  const progress = (info: ProgressInfo) => {
    if (info.status !== 'progress_total') return;
    const now = performance.now();
    if (now - last < 100 && info.loaded < info.total) return;
    last = now;
    post({ type: 'model', model: { state: 'loading', loaded: info.loaded, total: info.total } });
  };
  let loaded: Embedder;
  try {
    loaded = await loadEmbedder(model.path, { progress });
  } finally {
    files.release();
  }
  await loaded.embed([queryInput('warm up', model.queryPrefix)]);
  embedder = loaded;
  post({ type: 'model', model: { state: 'ready', seconds: (performance.now() - started) / 1000 } });
}

async function queryVector(ix: SearchIndex, query: string): Promise<Float32Array | null> {
  if (!embedder || !ix.hasVectors || !query.trim()) return null;
  const key = query.trim();
  let vector = vectorCache.get(key);
  if (!vector) {
    [vector] = await embedder.embed([queryInput(key, ix.manifest.model.queryPrefix)]);
    vectorCache.set(key, vector);
    if (vectorCache.size > 64) vectorCache.delete(vectorCache.keys().next().value!);
  }
  return vector;
}

async function search(ix: SearchIndex, request: SearchRequest): Promise<SearchAnswer> {
  const started = performance.now();
  const vector = request.mode === 'keyword' ? null : await queryVector(ix, request.query);
  const embed = performance.now() - started;
  const { mode, results, timings } = ix.search(request.query, { mode: request.mode, k: request.k, queryVector: vector, filters: request.filters, prefix: request.prefix });
  return { mode, results, timings: { ...timings, embed } };
}

function documentOf(ix: SearchIndex, passageId: string): DocumentAnswer {
  const row = ix.passageIndex(passageId);
  if (row === undefined) return { found: false };
  const doc = ix.passages[row].doc;
  const passages = ix.passages.filter((p) => p.doc === doc).map(({ id, headings, body }) => ({ id, headings, body }));
  return { found: true, document: ix.documents[doc], passages, target: passages.findIndex((p) => p.id === passageId) };
}

async function answer(request: Request): Promise<unknown> {
  const ix = await indexReady;
  switch (request.type) {
    case 'search':
      return search(ix, request.request);
    case 'document':
      return documentOf(ix, request.passageId);
    case 'more':
      return ix.moreLikeThis(request.passageId, request.k);
  }
}

self.onmessage = (event: MessageEvent<InitMessage | Request>) => {
  const message = event.data;
  if (message.type === 'init') {
    const opened = openIndex(message.indexUrl);
    indexReady = opened.then(({ ix }) => ix);
    opened.then(
      async ({ ix, vectors }) => {
        try {
          ix.attachVectors(await vectors);
          await loadModel(ix, message.indexUrl);
        } catch (error) {
          post({ type: 'model', model: { state: 'failed', message: error instanceof Error ? error.message : String(error) } });
        }
      },
      (error) => post({ type: 'index-failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  answer(message).then(
    (result) => post({ type: 'answer', id: message.id, answer: result }),
    (error) => post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) }),
  );
};
