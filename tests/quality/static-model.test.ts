// The static model run in TypeScript (core/static-model.ts, what the app and the CLI use for lantern-static) gives
// the vectors ONNX Runtime gives for the same model file through Transformers.js: on every passage of data/ and
// 1,000 passages of the tldr linux pages (../shared/corpora/tldr, each with the model built for it), and the same
// top 10 for every question of the quality sets. Reuses the seed and tldr indexes the other tests build.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, ONNX_FILE, passageInput, useLocalModels, type Embedder } from '../../src/core/embedding.ts';
import { readStaticModel } from '../../src/core/static-model.ts';
import type { SearchIndex } from '../../src/core/search.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';
import { readQueries } from '../../src/eval/dataset.ts';
import { corpusIndex } from '../../src/eval/quality.ts';
import { openEmbedder } from '../../src/indexer/embedder.ts';
import { readCorpus } from '../../src/indexer/ingest.ts';
import { openIndexFolder } from '../../src/indexer/read-index.ts';
import { DATA, ROOT } from '../fixtures/helpers.ts';
import { ensureSeedIndex, TEACHER_CACHE_DIR, TEST_BUILD_DIR } from '../fixtures/seed.ts';

const LINUX = path.join(ROOT, '../shared/corpora/tldr/linux');
const TLDR_PASSAGES = 1000;

interface Side {
  index: SearchIndex;
  /** The TypeScript path and the ONNX Runtime path, over the same model folder. */
  typescript: Embedder;
  onnx: Embedder;
}

async function sides(dir: string): Promise<Side> {
  const index = await openIndexFolder(dir);
  const { path: folder } = index.manifest.model;
  // Otherwise both sides would be the same pipeline, and the test would compare ONNX Runtime with itself.
  expect(readStaticModel(await readFile(path.join(dir, folder, ONNX_FILE)))).not.toBeNull();
  const typescript = await openEmbedder(dir, folder);
  useLocalModels(dir);
  return { index, typescript, onnx: await loadEmbedder(folder) };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  // Two zero vectors (a text without a known word) are the same vector.
  return aa === 0 && bb === 0 ? 1 : dot / Math.sqrt(aa * bb);
}

/** Passage inputs as the build embeds them. */
async function passageInputs(folder: string, limit = Infinity): Promise<string[]> {
  const corpus = await readCorpus(folder, DEFAULT_CHUNKING);
  return corpus.passages.slice(0, limit).map((p) => passageInput(corpus.documents[p.doc].title, p.headings, p.text));
}

/** The smallest cosine between the two paths' vectors of `texts`, with the text it belongs to. */
async function worst(side: Side, texts: string[]): Promise<{ cosine: number; text: string }> {
  let found = { cosine: Infinity, text: '' };
  for (let i = 0; i < texts.length; i += 16) {
    const batch = texts.slice(i, i + 16);
    const [a, b] = await Promise.all([side.typescript.embed(batch), side.onnx.embed(batch)]);
    batch.forEach((text, j) => {
      const c = cosine(a[j], b[j]);
      if (c < found.cosine) found = { cosine: c, text };
    });
  }
  return found;
}

/** Queries whose top 10 differ between the two paths, hybrid or semantic. */
async function differentTop10(side: Side, queries: string[]): Promise<string[]> {
  const { model } = side.index.manifest;
  const [a, b] = await Promise.all([
    side.typescript.embedQueries(queries, model),
    side.onnx.embedQueries(queries, model),
  ]);
  const top = async (query: string, mode: 'hybrid' | 'semantic', queryVector: Float32Array) =>
    (await side.index.search(query, { mode, k: 10, queryVector })).results.map((r) => r.id).join(' ');
  const different: string[] = [];
  for (const [i, q] of queries.entries())
    for (const mode of ['hybrid', 'semantic'] as const)
      if ((await top(q, mode, a[i])) !== (await top(q, mode, b[i]))) {
        different.push(q);
        break;
      }
  return different;
}

const texts = async (file: string) => (await readQueries(path.join(ROOT, 'tests/quality', file))).map((q) => q.text);

let seed: Side;
let tldr: Side;
beforeAll(async () => {
  if (!existsSync(LINUX))
    throw new Error(
      `${LINUX} is missing: this test reads the tldr corpus from ../shared/corpora/tldr beside the repository`,
    );
  seed = await sides(await ensureSeedIndex());
  tldr = await sides(await corpusIndex(LINUX, path.join(TEST_BUILD_DIR, 'eval'), undefined, TEACHER_CACHE_DIR));
}, 900_000);

describe('the static model in TypeScript and through ONNX Runtime', () => {
  it('embeds every passage of data/ alike', async () => {
    const inputs = await passageInputs(DATA);
    expect(inputs.length).toBeGreaterThan(100);
    expect((await worst(seed, inputs)).cosine).toBeGreaterThanOrEqual(0.9999);
  });

  it('embeds 1,000 passages of the tldr linux pages alike', async () => {
    const inputs = await passageInputs(LINUX, TLDR_PASSAGES);
    expect(inputs.length).toBe(TLDR_PASSAGES);
    expect((await worst(tldr, inputs)).cosine).toBeGreaterThanOrEqual(0.9999);
  });

  it('ranks the same top 10 for every question of the quality sets', async () => {
    const data = [
      ...(await texts('questions.jsonl')),
      ...(await texts('questions-plain.jsonl')),
      ...(await texts('unanswerable-data.jsonl')),
    ];
    const linux = [...(await texts('tldr-questions.jsonl')), ...(await texts('unanswerable-tldr.jsonl'))];
    expect(data.length + linux.length).toBe(252);
    expect(await differentTop10(seed, data)).toEqual([]);
    expect(await differentTop10(tldr, linux)).toEqual([]);
  });
});
