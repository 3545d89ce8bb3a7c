// The model in the worker. Its files and ONNX Runtime's wasm are downloaded together, from the start, each checked
// against the manifest (verified-files.ts) and counted towards one progress figure; then Transformers.js builds
// the model from those bytes in memory (never fetching a file a second time) and it is warmed up.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { loadEmbedder, useLocalModels, type Embedder } from '../core/embedding.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
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

/** Points Transformers.js at the index's model folder, answers its requests from `files`, and hands ONNX Runtime its wasm. */
function configureTransformers(indexUrl: string, files: Map<string, ArrayBuffer>, wasm: ArrayBuffer): void {
  const answer: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, self.location.href).href;
    const bytes = files.get(url);
    if (!bytes) return fetch(input, init);
    return new Response(bytes.slice(0), { status: 200, headers: { 'Content-Length': String(bytes.byteLength) } });
  };
  useLocalModels(new URL(indexUrl).pathname, { wasm: RUNTIME_URL, wasmBinary: wasm, fetch: answer });
}

export interface ModelLoad {
  /** Every file downloaded and checked: what remains is building the model in memory. */
  downloaded: Promise<void>;
  embedder: Promise<Embedder>;
}

/**
 * Starts downloading the model's files and ONNX Runtime's wasm at once; `onBytes(file, n)` hears each chunk.
 * A file that cannot be downloaded or fails its check fails the load, with the reason in plain words.
 */
export function loadModel(manifest: IndexManifest, indexUrl: string, onBytes: (url: string) => OnBytes): ModelLoad {
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
  const wasm = downloadChecked(RUNTIME_URL, { bytes: RUNTIME_BYTES }, manifestUrl, onBytes(RUNTIME_URL)).then((got) => {
    if (got.ok) return got.bytes;
    throw new Error(
      `ONNX Runtime (${RUNTIME_URL.split('/').pop()}) could not be downloaded (${got.problem === 'offline' ? 'this device is offline' : got.problem}).`,
    );
  });
  const all = Promise.all([Promise.all(modelBytes), wasm]);
  const downloaded = all.then(() => undefined);
  const embedder = all.then(async ([model, runtime]) => {
    configureTransformers(indexUrl, new Map(model), runtime);
    const loaded = await loadEmbedder(manifest.model.path);
    await loaded.embedQueries(['warm up'], manifest.model);
    return loaded;
  });
  downloaded.catch(() => undefined);
  embedder.catch(() => undefined); // the caller awaits downloaded first; this failure then reaches it too
  return { downloaded, embedder };
}
