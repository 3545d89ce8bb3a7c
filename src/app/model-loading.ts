// The model in the worker. Its files are downloaded from the start, each checked against the manifest
// (verified-files.ts) and counted towards one progress figure. A static model (its ONNX graph a table lookup,
// core/static-model.ts) then runs in TypeScript: ONNX Runtime's wasm is never downloaded or started for it. Any
// other model also needs that wasm, downloaded beside its files when the site build expected it (`runtimeExpected`:
// site/write-site.ts reads the graph and says so in index.html; only a forecast, the downloaded graph decides),
// after them otherwise; then Transformers.js builds the model from those bytes in memory (never fetching a file a
// second time). Either way the model is warmed up before it is ready.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { loadEmbedder, ONNX_FILE, useLocalModels, type Embedder } from '../core/embedding.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
import { readStaticModel } from '../core/static-model.ts';
import { downloadChecked, type OnBytes } from './verified-files.ts';

/** ONNX Runtime's wasm as the app serves it; its size is recorded by the build (vite.config.ts). */
export const RUNTIME_URL = new URL(ortWasmUrl, self.location.href).href;
export const RUNTIME_BYTES = __LANTERN_RUNTIME_BYTES__;

export interface ModelFile {
  url: string;
  /** As the index names it: model.<hash>/onnx/model_quantized.onnx. */
  name: string;
  sha256: string;
  /** Recorded when the app was built (the published manifest's sizes); unknown for an index served unpublished. */
  bytes?: number;
}

/** The model's files, with their sizes where the published manifest has them. */
export function modelFiles(manifest: IndexManifest, indexUrl: string): ModelFile[] {
  const { model } = manifest;
  return Object.entries(model.files).map(([file, sha256]) => {
    const name = `${model.path}/${file}`;
    return { url: new URL(name, indexUrl).href, name, sha256, bytes: manifest.sizes[name]?.bytes };
  });
}

/** Points Transformers.js at the index's model folder, answers its requests from `files`, and hands ONNX Runtime its wasm when it needs one. */
function configureTransformers(indexUrl: string, files: Map<string, ArrayBuffer>, wasm?: ArrayBuffer): void {
  const answer: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, self.location.href).href;
    const bytes = files.get(url);
    if (!bytes) return fetch(input, init);
    return new Response(bytes.slice(0), { status: 200, headers: { 'Content-Length': String(bytes.byteLength) } });
  };
  const path = new URL(indexUrl).pathname;
  useLocalModels(path, wasm ? { wasm: RUNTIME_URL, wasmBinary: wasm, fetch: answer } : { fetch: answer });
}

export interface ModelLoad {
  /** Every file downloaded and checked: what remains is building the model in memory. */
  downloaded: Promise<void>;
  embedder: Promise<Embedder>;
}

/** ONNX Runtime's wasm, checked against the size the build recorded. */
async function downloadRuntime(manifestUrl: string, onBytes: (url: string) => OnBytes): Promise<ArrayBuffer> {
  const got = await downloadChecked(RUNTIME_URL, { bytes: RUNTIME_BYTES }, manifestUrl, onBytes(RUNTIME_URL));
  if (got.ok) return got.bytes;
  throw new Error(
    `ONNX Runtime (${RUNTIME_URL.split('/').pop()}) could not be downloaded (${got.problem === 'offline' ? 'this device is offline' : got.problem}).`,
  );
}

/**
 * Starts downloading the model's files (and ONNX Runtime's wasm when `runtimeExpected`); `onBytes(file, n)` hears
 * each chunk. A file that cannot be downloaded or fails its check fails the load, with the reason in plain words.
 */
export function loadModel(
  manifest: IndexManifest,
  indexUrl: string,
  onBytes: (url: string) => OnBytes,
  runtimeExpected: boolean,
): ModelLoad {
  const manifestUrl = new URL('manifest.json', indexUrl).href;
  const files = modelFiles(manifest, indexUrl);
  const modelBytes = files.map(async (file) => {
    const got = await downloadChecked(
      file.url,
      { bytes: file.bytes, sha256: file.sha256 },
      manifestUrl,
      onBytes(file.url),
    );
    if (got.ok) return [file.url, got.bytes] as const;
    if (got.problem === 'sha256' || got.problem.startsWith('size')) {
      throw new Error(
        `the model file ${file.name} does not match this index (version ${manifest.version}): it is damaged, or the index was built with a different model. The saved copies were removed: reload the page to download them again.`,
      );
    }
    throw new Error(
      `the model file ${file.name} could not be downloaded (${got.problem === 'offline' ? 'this device is offline' : got.problem}).`,
    );
  });
  let runtime: Promise<ArrayBuffer> | undefined;
  const wasm = () => (runtime ??= downloadRuntime(manifestUrl, onBytes));
  if (runtimeExpected) wasm().catch(() => undefined); // awaited below, if the graph needs it
  const onnxUrl = new URL(`${manifest.model.path}/${ONNX_FILE}`, indexUrl).href;
  const all = Promise.all(modelBytes).then(async (downloaded) => {
    const bytes = new Map(downloaded);
    const onnx = bytes.get(onnxUrl);
    const staticModel = onnx ? readStaticModel(new Uint8Array(onnx)) : null;
    return { bytes, staticModel, runtime: staticModel ? undefined : await wasm() };
  });
  const downloaded = all.then(() => undefined);
  const embedder = all.then(async ({ bytes, staticModel, runtime }) => {
    configureTransformers(indexUrl, bytes, runtime);
    const loaded = await loadEmbedder(manifest.model.path, { staticModel });
    await loaded.embedQueries(['warm up'], manifest.model);
    return loaded;
  });
  downloaded.catch(() => undefined);
  embedder.catch(() => undefined); // the caller awaits downloaded first; this failure then reaches it too
  return { downloaded, embedder };
}
