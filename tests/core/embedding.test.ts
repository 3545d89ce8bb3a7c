// Query and passage embedding through Transformers.js with the index's own model.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadEmbedder, useLocalModels, type Embedder } from '../../src/core/embedding.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

let embedder: Embedder;
beforeAll(async () => {
  const dir = await ensureSeedIndex();
  useLocalModels(path.resolve(dir));
  embedder = await loadEmbedder('model');
});

describe('loadEmbedder', () => {
  it('gives unit vectors for text', async () => {
    const [v] = await embedder.embed(['speech recognition on a laptop']);
    expect(Math.hypot(...v)).toBeCloseTo(1, 4);
  });

  it('gives a zero vector, not NaN, for text without a single known token', async () => {
    const vectors = await embedder.embed(['', '😀😀', 'hello']);
    for (const v of vectors.slice(0, 2)) {
      expect(v.some(Number.isNaN)).toBe(false);
      expect(v.every((x) => x === 0)).toBe(true);
    }
    expect(Math.hypot(...vectors[2])).toBeCloseTo(1, 4);
  });
});

describe('embedQueries', () => {
  const model = { name: 'lantern-static', queryPrefix: '' };

  it('embeds a misspelled query like the same query spelled right (default model)', async () => {
    const [typed, right, other] = await embedder.embedQueries(
      ['speech recogntion on a laptop', 'speech recognition on a laptop', 'speech on a laptop'],
      model,
    );
    expect(Array.from(typed)).toEqual(Array.from(right));
    expect(Array.from(typed)).not.toEqual(Array.from(other));
  });

  it('embeds the queries of a hub model as typed, after its query prefix', async () => {
    const hub = { name: 'Xenova/bge-small-en-v1.5', queryPrefix: 'Represent this sentence: ' };
    const [typed] = await embedder.embedQueries(['speech recogntion'], hub);
    const [raw] = await embedder.embed(['Represent this sentence: speech recogntion']);
    expect(Array.from(typed)).toEqual(Array.from(raw));
  });
});
