// End to end: build a small model (2000 general words), run it through the
// Transformers.js feature-extraction pipeline as the app will, and rebuild it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoTokenizer, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareModel, readModelRecipe, type PrepareModelOptions } from '../../../src/indexer/model/index.ts';
import { DEFAULT_DIM } from '../../../src/indexer/model/prepare.ts';
import { normalizeText, preTokenize } from '../../../src/indexer/model/tokenizer.ts';
import { useLocalModels } from '../../../src/core/embedding.ts';

const GENERAL_WORDS = 2000;
const CORPUS = [
  'Speech recognition on a laptop',
  'Automatic speech-to-text transcription, running locally.',
  'How to cook pasta with tomato sauce',
  'Café au lait and croissants',
  // Words that are also Object.prototype's keys: the vocabulary once died on "constructor" (a duplicate, it said).
  'The constructor takes an options object: toString, valueOf, hasOwnProperty, isPrototypeOf, __proto__ and prototype.',
];
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];

type Progress = Parameters<NonNullable<PrepareModelOptions['onProgress']>>[0];
type Result = Awaited<ReturnType<typeof prepareModel>>;

let root: string;
let cacheDir: string;
let first: Result;
let firstEvents: Progress[];
let extractor: FeatureExtractionPipeline;

async function build(name: string, corpusWords: string[]): Promise<{ result: Result; events: Progress[] }> {
  const events: Progress[] = [];
  const result = await prepareModel({
    outDir: path.join(root, name),
    corpusWords,
    generalWords: GENERAL_WORDS,
    cacheDir,
    onProgress: (e) => events.push(e),
  });
  return { result, events };
}

const teacherTotal = (events: Progress[]) => events.filter((e) => e.stage === 'teacher').at(-1)?.total;
const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

async function embed(texts: string[]): Promise<number[][]> {
  const out = await extractor(texts, { pooling: 'mean', normalize: true });
  return out.tolist() as number[][];
}

/** Initialisers of the ONNX file, decoded with a schema independent of the writer's. */
function readInitializers(file: string): Map<string, { dims: number[]; data: Uint8Array }> {
  const root = protobuf.Root.fromJSON({
    nested: {
      Model: { fields: { graph: { id: 7, type: 'Graph' } } },
      Graph: { fields: { initializer: { id: 5, type: 'Tensor', rule: 'repeated' } } },
      Tensor: {
        fields: {
          dims: { id: 1, type: 'int64', rule: 'repeated' },
          name: { id: 8, type: 'string' },
          raw_data: { id: 9, type: 'bytes' },
        },
      },
    },
  });
  const model = root
    .lookupType('Model')
    .toObject(root.lookupType('Model').decode(fs.readFileSync(file)), { longs: Number }) as {
    graph: { initializer: { dims: number[]; name: string; raw_data: Uint8Array }[] };
  };
  return new Map(model.graph.initializer.map((t) => [t.name, { dims: t.dims, data: t.raw_data }]));
}

/** WordPiece by hand over the normalizer/pre-tokenizer mirror. */
function handTokenize(text: string, vocab: Record<string, number>): string[] {
  const tokens: string[] = [];
  for (const word of preTokenize(normalizeText(text))) {
    const pieces: string[] = [];
    let start = 0;
    const chars = [...word];
    while (start < chars.length) {
      let end = chars.length;
      let piece: string | null = null;
      for (; end > start; end--) {
        const candidate = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
        if (candidate in vocab) {
          piece = candidate;
          break;
        }
      }
      if (piece === null) break;
      pieces.push(piece);
      start = end;
    }
    tokens.push(...(start < chars.length ? ['[UNK]'] : pieces));
  }
  return tokens;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-model-test-'));
  cacheDir = path.join(root, 'cache');
  ({ result: first, events: firstEvents } = await build('m1', CORPUS));
  useLocalModels(root);
  extractor = await pipeline('feature-extraction', 'm1', { dtype: 'q8' });
}, 300_000);

afterAll(async () => {
  await extractor?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('prepareModel', () => {
  it('writes the Transformers.js layout with the recipe in config.json', () => {
    const dir = path.join(root, 'm1');
    expect(first.dir).toBe(dir);
    expect(Object.keys(first.files).sort()).toEqual([...FILES].sort());
    for (const name of FILES) {
      expect(
        createHash('sha256')
          .update(fs.readFileSync(path.join(dir, name)))
          .digest('hex'),
      ).toBe(first.files[name]);
    }
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    expect(config.model_type).toBe('bert');
    expect(config.hidden_size).toBe(DEFAULT_DIM);
    expect(first.recipe).toMatchObject({ generalWords: GENERAL_WORDS, dim: DEFAULT_DIM, sifA: 1e-4 });
    expect(first.recipe.teacher).toMatch(/^@energetic-ai\/model-embeddings-en@\d/);
    expect(first.recipe.tableHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readModelRecipe(dir)).toEqual(first.recipe);

    const tokenizer = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8'));
    expect(Object.keys(tokenizer.model.vocab).length).toBe(first.recipe.vocabSize);
    expect(tokenizer.post_processor).toBeNull();
    expect(firstEvents.map((e) => e.stage).filter((s, i, all) => s !== all[i - 1])).toEqual([
      'vocabulary',
      'teacher',
      'pca',
      'write',
    ]);
  });

  it('stores an int8 table with zero rows for [PAD] and [UNK]', () => {
    const init = readInitializers(path.join(root, 'm1', 'onnx/model_quantized.onnx'));
    const { vocabSize, dim } = first.recipe;
    expect(init.get('table')!.dims).toEqual([vocabSize, dim]);
    expect(init.get('scales')!.dims).toEqual([vocabSize, 1]);
    const table = init.get('table')!.data;
    expect(table.subarray(0, 2 * dim).every((b) => b === 0)).toBe(true);
    expect(table.subarray(2 * dim, 3 * dim).some((b) => b !== 0)).toBe(true);
  });

  it('runs through the feature-extraction pipeline exactly as the hand computation', async () => {
    const dir = path.join(root, 'm1');
    const vocab: Record<string, number> = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')).model
      .vocab;
    const init = readInitializers(path.join(dir, 'onnx/model_quantized.onnx'));
    const tableBytes = init.get('table')!.data;
    const table = new Int8Array(tableBytes.buffer, tableBytes.byteOffset, tableBytes.byteLength);
    const scales = new Float32Array(new Uint8Array(init.get('scales')!.data).buffer); // copy: aligned, and Buffer#slice shares memory
    const dim = first.recipe.dim;

    const texts = ['Speech recognition, on a LAPTOP!', 'xgboostify café 東京 naïve', 'the the the', 'Tomato'];
    const tokenizer = await AutoTokenizer.from_pretrained('m1');
    const actual = await embed(texts);
    texts.forEach((text, t) => {
      const tokens = handTokenize(text, vocab);
      expect(tokenizer.tokenize(text)).toEqual(tokens);
      const ids = tokens.map((tok) => vocab[tok]);
      const sum = new Float64Array(dim);
      for (const id of ids) for (let i = 0; i < dim; i++) sum[i] += table[id * dim + i] * scales[id];
      const norm = Math.hypot(...sum);
      const expected = [...sum].map((x) => x / norm);
      expect(Math.max(...expected.map((x, i) => Math.abs(x - actual[t][i])))).toBeLessThan(1e-5);
    });
  });

  it('keeps corpus words that name Object.prototype keys as tokens of their own', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('m1');
    const vocab = JSON.parse(fs.readFileSync(path.join(root, 'm1', 'tokenizer.json'), 'utf8')).model.vocab;
    for (const word of [
      'constructor',
      'tostring',
      'valueof',
      'hasownproperty',
      'isprototypeof',
      'proto',
      'prototype',
    ]) {
      expect(Object.hasOwn(vocab, word), word).toBe(true);
      expect(tokenizer.tokenize(word)).toEqual([word]);
    }
    expect(tokenizer.tokenize('__proto__')).toEqual(['_', '_', 'proto', '_', '_']);
  });

  it('splits unknown words into pieces instead of [UNK]', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('m1');
    for (const word of ['xgboostify', 'kubernetesish', 'zqxj42']) {
      const tokens = tokenizer.tokenize(word);
      expect(tokens.length).toBeGreaterThan(1);
      expect(tokens).not.toContain('[UNK]');
    }
    const [vector] = await embed(['xgboostify']);
    expect(vector.every(Number.isFinite)).toBe(true);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('gives a text the same vector alone and padded in a batch', async () => {
    const [alone] = await embed(['tomato sauce']);
    const batch = await embed(['automatic speech to text transcription running locally on a laptop', 'tomato sauce']);
    expect(Math.max(...alone.map((x, i) => Math.abs(x - batch[1][i])))).toBeLessThan(1e-6);
  });

  it('places related sentences closer than unrelated ones', async () => {
    const [a, b, c] = await embed([
      'speech recognition on a laptop',
      'automatic speech to text transcription running locally',
      'how to cook pasta with tomato sauce',
    ]);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c) + 0.1);
  });

  it('rebuilds byte-identical files from the teacher cache', async () => {
    expect(teacherTotal(firstEvents)).toBeGreaterThan(GENERAL_WORDS);
    // Same words in another order, with duplicates: same inputs.
    const { result, events } = await build('m2', [...CORPUS].reverse().concat(CORPUS[0]));
    expect(teacherTotal(events)).toBe(0);
    expect(result.recipe).toEqual(first.recipe);
    expect(result.files).toEqual(first.files);
    for (const name of FILES) {
      expect(fs.readFileSync(path.join(root, 'm2', name)).equals(fs.readFileSync(path.join(root, 'm1', name)))).toBe(
        true,
      );
    }
  }, 120_000);

  it('embeds only new corpus words and replaces an existing model folder', async () => {
    const { result, events } = await build('m2', [...CORPUS, 'Quuxification']);
    expect(teacherTotal(events)).toBe(1);
    expect(result.recipe.corpusWordsHash).not.toBe(first.recipe.corpusWordsHash);
    expect(result.recipe.vocabSize).toBe(first.recipe.vocabSize + 1);
    expect(readModelRecipe(path.join(root, 'm2'))).toEqual(result.recipe);
    expect(fs.readdirSync(root).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual([]);
  }, 120_000);

  it('refuses to replace a folder that is not a Lantern model', async () => {
    const dir = path.join(root, 'not-a-model');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    await expect(build('not-a-model', CORPUS)).rejects.toThrow(/not a Lantern model/);
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('validates its options', async () => {
    await expect(prepareModel({ outDir: path.join(root, 'x'), dim: 600, cacheDir })).rejects.toThrow(/dim/);
    await expect(prepareModel({ outDir: path.join(root, 'x'), sifA: 0, cacheDir })).rejects.toThrow(/sifA/);
    await expect(prepareModel({ outDir: '', cacheDir })).rejects.toThrow(/outDir/);
  });
});

describe('readModelRecipe', () => {
  it('returns null for folders that are not Lantern models', () => {
    const dir = path.join(root, 'plain');
    fs.mkdirSync(dir, { recursive: true });
    expect(readModelRecipe(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ model_type: 'bert' }));
    expect(readModelRecipe(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, 'config.json'), '{');
    expect(() => readModelRecipe(dir)).toThrow(/config\.json/);
  });
});
