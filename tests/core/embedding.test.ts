// Query and passage embedding through Transformers.js with the index's own model.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { loadEmbedder, type Embedder } from '../../src/core/embedding.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

let embedder: Embedder;
beforeAll(async () => {
  const dir = await ensureSeedIndex();
  env.allowRemoteModels = false;
  env.localModelPath = `${path.resolve(dir)}/`;
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
