// Turning text into vectors with Transformers.js, identically in Node (build, CLI) and in the browser
// (the app's worker): same tokenizer, same model file, same pooling and normalisation.
// Where the model is loaded from is set once, by useLocalModels, in every place that loads one.
import { env, pipeline, type FeatureExtractionPipeline, type ProgressCallback } from '@huggingface/transformers';
import { QuerySpeller } from './query-spelling.ts';
import { DEFAULT_MODEL, type ModelInfo } from './index-format/manifest.ts';

/** Pooling and normalisation: fixed, because the index's vectors were made with them. */
export const POOLING = { pooling: 'mean', normalize: true } as const;
/** The quantised ONNX file (onnx/model_quantized.onnx). */
export const DTYPE = 'q8';

export interface Embedder {
  /** Passage texts (already in passageInput form) → vectors. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /**
   * Query vectors for an index's model: after its query prefix, and, for the default model, each query spelled
   * for its vocabulary (query-spelling.ts). That vocabulary holds every word of the corpus, so only words the
   * corpus lacks are respelled; a hub model's does not, so its queries are embedded as typed. `asTyped`: never
   * respelled (the user asked for the words exactly as typed); `keep(word)`: words never respelled, because they
   * are real words (SearchIndex.isWord).
   */
  embedQueries(
    queries: string[],
    model: Pick<ModelInfo, 'name' | 'queryPrefix'>,
    options?: { asTyped?: boolean; keep?: (word: string) => boolean },
  ): Promise<Float32Array[]>;
}

/**
 * Transformers.js's global settings for loading a model from local files only: model ids resolve to folders under
 * `root` (in the browser a URL path, not a URL: Transformers.js treats a URL-shaped local path as remote and then
 * finds no files), never a model hub. In the browser the service worker is the cache, so Transformers.js keeps no
 * second copy in Cache Storage, and ONNX Runtime's wasm comes from `wasm` (served by the app itself, never the CDN
 * Transformers.js would pick) on one thread (static hosts are not cross-origin isolated), and model files may be
 * fetched through `fetch` (the app checks each against the manifest); `wasmBinary` is the wasm already downloaded.
 */
export function useLocalModels(
  root: string,
  browser?: { wasm: string; wasmBinary?: ArrayBuffer; fetch?: typeof env.fetch },
): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root.endsWith('/') ? root : `${root}/`;
  if (!browser) return;
  env.useBrowserCache = false;
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; wasmBinary?: ArrayBuffer; numThreads?: number } };
  if (onnx.wasm) {
    onnx.wasm.wasmPaths = { wasm: browser.wasm };
    // Already downloaded (the app counts its bytes with the model's): ONNX Runtime does not fetch it again.
    if (browser.wasmBinary) onnx.wasm.wasmBinary = browser.wasmBinary;
    onnx.wasm.numThreads = 1;
  }
  if (browser.fetch) env.fetch = browser.fetch;
}

/** What a passage is embedded as: its place in the document gives the words their context. */
export function passageInput(title: string, headings: string[], text: string, prefix = ''): string {
  return prefix + [title, ...headings, text].filter(Boolean).join('\n');
}

export async function loadEmbedder(
  model: string,
  options: { progress?: ProgressCallback; device?: 'cpu' | 'wasm' } = {},
): Promise<Embedder> {
  const extractor = (await pipeline('feature-extraction', model, {
    dtype: DTYPE,
    ...(options.device ? { device: options.device } : {}),
    ...(options.progress ? { progress_callback: options.progress } : {}),
  })) as FeatureExtractionPipeline;
  let speller: QuerySpeller | undefined;
  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const output = await extractor(texts, POOLING);
    const [rows, dim] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => {
      const vector = data.slice(i * dim, (i + 1) * dim);
      // A text with no known token (empty, emoji only, an unknown script) pools to 0/0: make it a zero
      // vector, which matches nothing, instead of NaN, which would poison every ranking it touches.
      return Number.isNaN(vector[0]) ? vector.fill(0) : vector;
    });
  };
  return {
    embed,
    embedQueries(queries, { name, queryPrefix }, options = {}) {
      if (name !== DEFAULT_MODEL || options.asTyped) return embed(queries.map((q) => queryPrefix + q.trim()));
      speller ??= new QuerySpeller(extractor.tokenizer.get_vocab());
      return embed(queries.map((q) => queryPrefix + speller!.correct(q.trim(), options.keep)));
    },
  };
}
