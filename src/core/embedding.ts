// Turning text into vectors, identically in Node (build, CLI) and in the browser (the app's worker): same
// tokenizer, same model file, same pooling and normalisation. A static model (static-model.ts: its graph is a
// table lookup) runs in TypeScript after the model's own Transformers.js tokenizer; any other model runs through
// Transformers.js's pipeline and ONNX Runtime. Where the model is loaded from is set once, by useLocalModels, in
// every place that loads one.
import {
  AutoTokenizer,
  env,
  pipeline,
  type FeatureExtractionPipeline,
  type PreTrainedTokenizer,
  type ProgressCallback,
} from '@huggingface/transformers';
import { QuerySpeller } from './query-spelling.ts';
import { DEFAULT_MODEL, type ModelInfo } from './index-format/manifest.ts';
import { embedTokens, type StaticModel } from './static-model.ts';

/** Pooling and normalisation: fixed, because the index's vectors were made with them. */
export const POOLING = { pooling: 'mean', normalize: true } as const;
/** Which ONNX file Transformers.js loads: the quantised one, ONNX_FILE. */
export const DTYPE = 'q8';
/** The model file DTYPE selects, inside a model folder. */
export const ONNX_FILE = 'onnx/model_quantized.onnx';

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
 * A static model needs no wasm (it never starts ONNX Runtime).
 */
export function useLocalModels(
  root: string,
  browser?: { wasm?: string; wasmBinary?: ArrayBuffer; fetch?: typeof env.fetch },
): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root.endsWith('/') ? root : `${root}/`;
  if (!browser) return;
  env.useBrowserCache = false;
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; wasmBinary?: ArrayBuffer; numThreads?: number } };
  if (onnx.wasm && browser.wasm) {
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

/** A model's own vectors of texts, and its tokenizer (whose vocabulary the query speller reads). */
interface Encoder {
  embed(texts: string[]): Promise<Float32Array[]>;
  tokenizer: PreTrainedTokenizer;
}

/** Through Transformers.js's pipeline: the ONNX graph in ONNX Runtime, then mean pooling and normalisation. */
async function pipelineEncoder(
  model: string,
  options: { progress?: ProgressCallback; device?: 'cpu' | 'wasm' },
): Promise<Encoder> {
  const extractor = (await pipeline('feature-extraction', model, {
    dtype: DTYPE,
    ...(options.device ? { device: options.device } : {}),
    ...(options.progress ? { progress_callback: options.progress } : {}),
  })) as FeatureExtractionPipeline;
  return {
    tokenizer: extractor.tokenizer,
    async embed(texts) {
      const output = await extractor(texts, POOLING);
      const [rows, dim] = output.dims as [number, number];
      const data = output.data as Float32Array;
      return Array.from({ length: rows }, (_, i) => data.slice(i * dim, (i + 1) * dim));
    },
  };
}

/** A static model: the same tokenizer call the pipeline makes (truncated at the model's length), then the table. */
async function staticEncoder(model: string, table: StaticModel): Promise<Encoder> {
  const tokenizer = await AutoTokenizer.from_pretrained(model);
  return {
    tokenizer,
    async embed(texts) {
      const { input_ids } = tokenizer(texts, { truncation: true, return_tensor: false }) as { input_ids: number[][] };
      return input_ids.map((ids) => embedTokens(table, ids));
    },
  };
}

/**
 * `staticModel`: the model's graph read by readStaticModel (static-model.ts) from its ONNX file, when it is a static
 * model: it then runs without ONNX Runtime. Null or absent: Transformers.js's pipeline.
 */
export async function loadEmbedder(
  model: string,
  options: { progress?: ProgressCallback; device?: 'cpu' | 'wasm'; staticModel?: StaticModel | null } = {},
): Promise<Embedder> {
  const encoder = options.staticModel
    ? await staticEncoder(model, options.staticModel)
    : await pipelineEncoder(model, options);
  let speller: QuerySpeller | undefined;
  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    // A text with no known token (empty, emoji only, an unknown script) pools to 0/0: make it a zero
    // vector, which matches nothing, instead of NaN, which would poison every ranking it touches.
    return (await encoder.embed(texts)).map((vector) => (Number.isNaN(vector[0]) ? vector.fill(0) : vector));
  };
  return {
    embed,
    embedQueries(queries, { name, queryPrefix }, options = {}) {
      if (name !== DEFAULT_MODEL || options.asTyped) return embed(queries.map((q) => queryPrefix + q.trim()));
      speller ??= new QuerySpeller(encoder.tokenizer.get_vocab());
      return embed(queries.map((q) => queryPrefix + speller!.correct(q.trim(), options.keep)));
    },
  };
}
