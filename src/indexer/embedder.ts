// The embedder of a model folder on disk, for the build and the CLI: a static model (its ONNX graph a table lookup,
// core/static-model.ts) runs in TypeScript, which is many times faster than a session of ONNX Runtime; any other
// model runs through Transformers.js's pipeline (core/embedding.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEmbedder, ONNX_FILE, useLocalModels, type Embedder } from '../core/embedding.ts';
import { readStaticModel } from '../core/static-model.ts';

/** The model in `root`/`folder` (Transformers.js's settings now point at `root`). */
export async function openEmbedder(root: string, folder: string): Promise<Embedder> {
  useLocalModels(root);
  const staticModel = readStaticModel(await readFile(path.join(root, folder, ONNX_FILE)));
  return loadEmbedder(folder, { staticModel });
}
