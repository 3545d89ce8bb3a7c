// The query embedding alone in Node, on both paths of a static model over the same model file: TypeScript (what the
// app and the CLI run, core/static-model.ts) and ONNX Runtime through Transformers.js's pipeline (embed-timing.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEmbedder, ONNX_FILE, useLocalModels } from '../src/core/embedding.ts';
import type { ModelInfo } from '../src/core/index-format/manifest.ts';
import { readStaticModel } from '../src/core/static-model.ts';
import { percentiles, type Percentiles } from './stats.ts';
import { timeEmbedders } from './embed-timing.ts';

export interface EmbeddingRun {
  typescript: Percentiles;
  onnx: Percentiles;
}

/** In Node, for the index in `dir`; undefined when its model is not a static one (it has one path only). */
export async function compareEmbedding(dir: string, queries: string[]): Promise<EmbeddingRun | undefined> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { model: ModelInfo };
  const folder = manifest.model.path;
  const staticModel = readStaticModel(await readFile(path.join(dir, folder, ONNX_FILE)));
  if (!staticModel) return undefined;
  useLocalModels(dir);
  const embedders = {
    typescript: await loadEmbedder(folder, { staticModel }),
    onnx: await loadEmbedder(folder),
  };
  const times = await timeEmbedders(embedders, manifest.model, queries);
  return { typescript: percentiles(times.typescript), onnx: percentiles(times.onnx) };
}
