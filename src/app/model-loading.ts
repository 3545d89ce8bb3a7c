// The model in the worker: Transformers.js pointed at the index's model folder and the app's own ONNX Runtime
// wasm, its model files fetched once and checked against the manifest while they stream (verified-files.ts).
import type { ProgressInfo } from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { loadEmbedder, useLocalModels, type Embedder } from '../core/embedding.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
import { verifiedStream } from './verified-files.ts';

export interface ModelProgress {
  loaded: number;
  total: number;
}

/**
 * Why the model failed, in plain words. Transformers.js wraps the errors of its fetches in its own, and when a
 * model file's download fails at the network level it only logs a warning and never settles: so the first
 * problem seen fails the load itself.
 */
class ModelProblem {
  message: string | null = null;
  private reject: ((error: Error) => void) | null = null;
  /** Rejects with the first problem reported (now or later). */
  readonly failed = new Promise<never>((_, reject) => (this.reject = reject));

  constructor() {
    this.failed.catch(() => undefined);
  }

  report(message: string): string {
    this.message ??= message;
    this.reject?.(new Error(this.message));
    return this.message;
  }
}

/**
 * fetch for Transformers.js. Model files are checked against the manifest's sha256, and fetched once:
 * Transformers.js GETs each file a first time only to read its size, then again to load it.
 */
function modelFetch(expected: Map<string, string>, manifestUrl: string, version: string, problem: ModelProblem): { fetch: typeof fetch; release: () => void } {
  const once = new Map<string, Promise<Response>>();
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, self.location.href).href;
    const hash = expected.get(url);
    if (!hash) return fetch(input, init);
    let shared = once.get(url);
    if (!shared) {
      const name = url.split('/index/').pop()!;
      shared = fetch(url).then(
        (response) => {
          if (response.status !== 200 || !response.body) {
            problem.report(`the model file ${name} could not be downloaded (HTTP ${response.status}).`);
            return response;
          }
          const mismatch = `the model file ${name} does not match this index (version ${version}): it is damaged, or the index was built with a different model. The saved copies were removed: reload the page to download them again.`;
          return verifiedStream(response, { hash, url, manifestUrl, onMismatch: () => problem.report(mismatch) });
        },
        (error) => {
          problem.report(`the model file ${name} could not be downloaded (${error instanceof Error ? error.message : String(error)}).`);
          throw error;
        },
      );
      once.set(url, shared);
    }
    return (await shared).clone();
  };
  return { fetch: wrapped, release: () => once.clear() };
}

/** Loads and warms up the index's model; `onProgress` hears the bytes downloaded (at most every 100 ms). */
export async function loadModel(manifest: IndexManifest, indexUrl: string, onProgress: (progress: ModelProgress) => void): Promise<Embedder> {
  const { model } = manifest;
  const problem = new ModelProblem();
  const modelBase = new URL(`${model.path}/`, indexUrl).href;
  const hashes = new Map(Object.entries(model.files).map(([file, hash]) => [new URL(file, modelBase).href, hash]));
  const files = modelFetch(hashes, new URL('manifest.json', indexUrl).href, manifest.version, problem);
  // Transformers.js loads the index's model folder, the app's own copy of ONNX Runtime's wasm, each file checked.
  useLocalModels(new URL(indexUrl).pathname, { wasm: new URL(ortWasmUrl, self.location.href).href, fetch: files.fetch });

  let last = 0;
  onProgress({ loaded: 0, total: 0 });
  let failed = false;
  const progress = (info: ProgressInfo) => {
    // A load failed by a reported problem may still be running inside Transformers.js: its progress is stale.
    if (info.status !== 'progress_total' || failed) return;
    const now = performance.now();
    if (now - last < 100 && info.loaded < info.total) return;
    last = now;
    onProgress({ loaded: info.loaded, total: info.total });
  };
  let loaded: Embedder;
  try {
    loaded = await Promise.race([loadEmbedder(model.path, { progress }), problem.failed]);
  } catch (error) {
    failed = true;
    throw problem.message ? new Error(problem.message) : error;
  } finally {
    files.release();
  }
  await loaded.embedQueries(['warm up'], model);
  return loaded;
}
