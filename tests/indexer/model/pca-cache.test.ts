// The PCA of the general vocabulary is cached beside the teacher cache: a warm build reads it and
// must write exactly the bytes a cold build writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareModel } from '../../../src/indexer/model/index.ts';

describe('PCA cache', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-pca-test-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const cacheDir = path.join(root, 'cache');
  const build = (name: string, corpusWords: string[]) =>
    prepareModel({ outDir: path.join(root, name), corpusWords, generalWords: 300, dim: 32, cacheDir });
  const pcaFiles = () =>
    fs
      .readdirSync(cacheDir, { recursive: true })
      .map(String)
      .filter((f) => /pca-[0-9a-f]+\.bin$/.test(f));

  it('is written once, reused for other corpora, and gives the same bytes as a cold build', async () => {
    const cold = await build('cold', ['zebrafish telomerase assays']);
    expect(pcaFiles()).toHaveLength(1);
    const other = await build('other', ['an entirely different corpus of words']);
    expect(pcaFiles()).toHaveLength(1);
    const warm = await build('warm', ['zebrafish telomerase assays']);
    expect(warm.files).toEqual(cold.files);
    expect(other.files['onnx/model_quantized.onnx']).not.toBe(cold.files['onnx/model_quantized.onnx']);
    // A different dim or general vocabulary gets its own entry.
    await prepareModel({ outDir: path.join(root, 'd16'), corpusWords: [], generalWords: 300, dim: 16, cacheDir });
    expect(pcaFiles()).toHaveLength(2);
    // A torn cache file is ignored and rewritten.
    const file = path.join(cacheDir, pcaFiles()[0]);
    fs.truncateSync(file, 100);
    const again = await build('again', ['zebrafish telomerase assays']);
    expect(again.files).toEqual(cold.files);
  }, 300_000);
});
