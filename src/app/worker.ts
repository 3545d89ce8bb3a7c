/// <reference lib="webworker" />
// The search worker: opens the index (keyword search works as soon as passages.json, or a sharded index's
// catalog and term dictionary, is in), then loads the model in the background and answers hybrid/semantic
// queries once it is ready; a sharded index's fragments and passage shards are fetched per query. Every file is
// checked against the manifest (size and sha256), so files from two different builds never mix silently.
import { env, type ProgressInfo } from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { SearchIndex } from '../core/search.ts';
import { loadEmbedder, type Embedder } from '../core/embedding.ts';
import { validateManifest, type IndexManifest } from '../core/format.ts';
import type { DocumentAnswer, IndexSummary, InitMessage, Request, SearchAnswer, SearchRequest, WorkerMessage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: WorkerMessage) => self.postMessage(message);

let indexReady: Promise<SearchIndex>;
/** Documents and tags sent to the page as filters: a corpus of 20,000 documents must not become 20,000 chips. */
const SUMMARY_LIMIT = 50;
let embedder: Embedder | null = null;
/** Query vectors of recent queries: typing back and forth re-asks the same ones. */
const vectorCache = new Map<string, Float32Array>();

async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Cache repair. A file that fails its check may come from the service worker's cache (damaged on disk, or
// left from another build); reloading would serve the same bad copy forever. So every cached copy of it and
// of the manifest is deleted (the service worker then fetches them from the network, as Workbox does for a
// precache miss), and where each copy was is noted in REPAIR_CACHE: when a later load verifies a good copy,
// it is put back, so the app works offline again without clearing site data.
const REPAIR_CACHE = 'lantern-repair';
const bare = (url: string) => url.replace(/[?#].*$/, '');

async function evict(urls: string[]): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const wanted = new Set(urls.map(bare));
    const repair = await caches.open(REPAIR_CACHE);
    for (const name of await caches.keys()) {
      if (name === REPAIR_CACHE) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (!wanted.has(bare(request.url))) continue;
        await cache.delete(request);
        await repair.put(bare(request.url), new Response(JSON.stringify({ cache: name, key: request.url })));
      }
    }
  } catch (error) {
    console.warn('Lantern: could not remove a damaged file from the offline copy', error);
  }
}

async function restore(url: string, bytes: ArrayBuffer, headers: Headers): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    if (!(await caches.has(REPAIR_CACHE))) return;
    const repair = await caches.open(REPAIR_CACHE);
    const marker = await repair.match(bare(url));
    if (!marker) return;
    const { cache, key } = (await marker.json()) as { cache: string; key: string };
    if (await caches.has(cache)) await (await caches.open(cache)).put(key, new Response(bytes.slice(0), { headers }));
    await repair.delete(bare(url));
    if ((await repair.keys()).length === 0) await caches.delete(REPAIR_CACHE);
  } catch (error) {
    console.warn('Lantern: could not restore a file to the offline copy', error);
  }
}

function mismatch(file: string, version: string, what: string): string {
  return `${file} is damaged or belongs to another build (${what} does not match index version ${version}). The saved copy was removed: reload the page to download it again.`;
}

async function fetchChecked(indexUrl: string, manifest: IndexManifest, file: string): Promise<ArrayBuffer> {
  const url = new URL(file, indexUrl).href;
  const response = await fetch(url).catch(() => {
    throw new Error(navigator.onLine ? `${file} could not be downloaded (network error).` : `${file} is not saved on this device and this device is offline: connect once to search for this.`);
  });
  if (!response.ok) throw new Error(`${file} could not be downloaded (HTTP ${response.status}).`);
  const bytes = await response.arrayBuffer();
  const expected = manifest.sizes[file];
  if (expected && bytes.byteLength !== expected.bytes) {
    await evict([url, new URL('manifest.json', indexUrl).href]);
    throw new Error(mismatch(file, manifest.version, `its size, ${bytes.byteLength} bytes instead of ${expected.bytes},`));
  }
  if (expected && (await sha256(bytes)) !== expected.sha256) {
    await evict([url, new URL('manifest.json', indexUrl).href]);
    throw new Error(mismatch(file, manifest.version, 'its sha256'));
  }
  await restore(url, bytes, response.headers);
  return bytes;
}

/** What the page shows of the index: counts, and the documents and tags offered as filters (the most used). */
function summarize(ix: SearchIndex): IndexSummary {
  const tagCounts = new Map<string, number>();
  const docCounts = new Array<number>(ix.documents.length).fill(0);
  for (let row = 0; row < ix.count; row++) {
    for (const tag of ix.tagsOf(row)) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    docCounts[ix.docOf(row)]++;
  }
  const tags = [...tagCounts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)).slice(0, SUMMARY_LIMIT);
  const documents = ix.documents.length <= SUMMARY_LIMIT ? ix.documents : ix.documents.map((d, i) => ({ d, n: docCounts[i] })).sort((a, b) => b.n - a.n).slice(0, SUMMARY_LIMIT).map(({ d }) => d);
  return { version: ix.manifest.version, documents, documentCount: ix.documents.length, tags, passages: ix.count };
}

async function openIndex(indexUrl: string): Promise<{ ix: SearchIndex; vectors: Promise<ArrayBuffer> }> {
  const started = performance.now();
  const manifestUrl = new URL('manifest.json', indexUrl).href;
  const response = await fetch(manifestUrl);
  if (!response.ok) throw new Error(`manifest.json could not be downloaded (HTTP ${response.status}).`);
  const manifestBytes = await response.arrayBuffer();
  let manifest: IndexManifest;
  try {
    manifest = validateManifest(JSON.parse(new TextDecoder().decode(manifestBytes)));
  } catch (error) {
    await evict([manifestUrl]);
    throw new Error(`manifest.json is damaged (${error instanceof Error ? error.message : String(error)}). The saved copy was removed: reload the page to download it again.`);
  }
  await restore(manifestUrl, manifestBytes, response.headers);
  const vectors = fetchChecked(indexUrl, manifest, manifest.files.vectors);
  vectors.catch(() => undefined); // reported when attached, below
  const json = async (file: string) => JSON.parse(new TextDecoder().decode(await fetchChecked(indexUrl, manifest, file)));
  // A sharded index opens with its catalog and term dictionary; fragments and passages load per query.
  const [passages, terms] = await Promise.all([json(manifest.files.passages), manifest.shards ? json(manifest.shards.terms) : undefined]);
  const load = async (file: string) => new Uint8Array(await fetchChecked(indexUrl, manifest, file));
  const ix = new SearchIndex({ manifest, passages, terms, load });
  post({ type: 'index', summary: summarize(ix), seconds: (performance.now() - started) / 1000 });
  return { ix, vectors };
}

/**
 * Why the model failed, in plain words. Transformers.js wraps the errors of its fetches in its own, and when a
 * model file's download fails at the network level it only logs a warning and never settles: so the first
 * problem seen here fails the load itself.
 */
let modelProblem: string | null = null;
let onModelProblem: (() => void) | null = null;

function reportModelProblem(message: string): void {
  modelProblem ??= message;
  onModelProblem?.();
}

/**
 * A response whose body streams through unchanged (download progress stays live) and errors at the end if its
 * sha256 differs (the cached copies of the file and of the manifest are then removed, see evict); a good file
 * that was removed earlier is put back into the offline copy.
 */
function verified(response: Response, hash: string, name: string, url: string, manifestUrl: string, version: string): Response {
  if (response.status !== 200 || !response.body) {
    reportModelProblem(`the model file ${name} could not be downloaded (HTTP ${response.status}).`);
    return response;
  }
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
      if ((await sha256(all.buffer)) === hash) {
        await restore(url, all.buffer, response.headers);
        controller.close();
        return;
      }
      await evict([url, manifestUrl]);
      reportModelProblem(`the model file ${name} does not match this index (version ${version}): it is damaged, or the index was built with a different model. The saved copies were removed: reload the page to download them again.`);
      controller.error(new Error(modelProblem!));
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * fetch for Transformers.js. Model files are checked against the manifest's sha256, and fetched once:
 * Transformers.js GETs each file a first time only to read its size, then again to load it.
 */
function modelFetch(expected: Map<string, string>, manifestUrl: string, version: string): { fetch: typeof fetch; release: () => void } {
  const once = new Map<string, Promise<Response>>();
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, self.location.href).href;
    const hash = expected.get(url);
    if (!hash) return fetch(input, init);
    let shared = once.get(url);
    if (!shared) {
      const name = url.split('/index/').pop()!;
      shared = fetch(url).then(
        (response) => verified(response, hash, name, url, manifestUrl, version),
        (error) => {
          reportModelProblem(`the model file ${name} could not be downloaded (${error instanceof Error ? error.message : String(error)}).`);
          throw error;
        },
      );
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
  const files = modelFetch(new Map(Object.entries(model.files).map(([file, hash]) => [new URL(file, modelBase).href, hash])), new URL('manifest.json', indexUrl).href, ix.manifest.version);
  env.fetch = files.fetch;

  let last = 0;
  post({ type: 'model', model: { state: 'loading', loaded: 0, total: 0 } });
  let failed = false;
  const progress = (info: ProgressInfo) => {
    // A load failed by reportModelProblem may still be running inside Transformers.js: its progress is stale.
    if (info.status !== 'progress_total' || failed) return;
    const now = performance.now();
    if (now - last < 100 && info.loaded < info.total) return;
    last = now;
    post({ type: 'model', model: { state: 'loading', loaded: info.loaded, total: info.total } });
  };
  let loaded: Embedder;
  const problem = new Promise<never>((_, reject) => (onModelProblem = () => reject(new Error(modelProblem!))));
  problem.catch(() => undefined);
  if (modelProblem) onModelProblem!();
  try {
    loaded = await Promise.race([loadEmbedder(model.path, { progress }), problem]);
  } catch (error) {
    failed = true;
    throw modelProblem ? new Error(modelProblem) : error;
  } finally {
    files.release();
  }
  await loaded.embedQueries(['warm up'], model);
  embedder = loaded;
  post({ type: 'model', model: { state: 'ready', seconds: (performance.now() - started) / 1000 } });
}

async function queryVector(ix: SearchIndex, query: string): Promise<Float32Array | null> {
  if (!embedder || !ix.hasVectors || !query.trim()) return null;
  const key = query.trim();
  let vector = vectorCache.get(key);
  if (!vector) {
    [vector] = await embedder.embedQueries([key], ix.manifest.model);
    vectorCache.set(key, vector);
    if (vectorCache.size > 64) vectorCache.delete(vectorCache.keys().next().value!);
  }
  return vector;
}

async function search(ix: SearchIndex, request: SearchRequest): Promise<SearchAnswer> {
  const started = performance.now();
  const vector = request.mode === 'keyword' ? null : await queryVector(ix, request.query);
  const embed = performance.now() - started;
  const { mode, results, timings } = await ix.searchAsync(request.query, { mode: request.mode, k: request.k, queryVector: vector, filters: request.filters, prefix: request.prefix });
  return { mode, results, timings: { ...timings, embed } };
}

async function documentOf(ix: SearchIndex, passageId: string): Promise<DocumentAnswer> {
  const found = await ix.documentOf(passageId);
  return found ? { found: true, ...found } : { found: false };
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
    indexReady.catch(() => undefined); // reported once as index-failed, below; requests get the error too
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
