// A sharded index (catalog, term dictionary, keyword fragments, passage shards) ranks exactly like the
// single-file index of the same corpus, and a query loads only the files it needs. Its keyword fragments are made
// small (2 KB instead of 64 KB) so that the seed corpus has several, as a large corpus has.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { buildIndex } from '../../src/indexer/build.ts';
import { openIndexFolder, readIndexFiles } from '../../src/indexer/read-index.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { SearchIndex } from '../../src/core/search.ts';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';
import { decodeVectors, vectorAt } from '../../src/core/index-format/vectors.ts';
import { SEARCH_MODES } from '../../src/core/types.ts';
import { tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const { dir, cleanup } = tempDir('lantern-sharded-');
const single = path.join(dir, 'single');
const sharded = path.join(dir, 'sharded');
let manifest: IndexManifest;
const questions = readFileSync('tests/quality/questions.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

beforeAll(async () => {
  const model = path.join(await ensureSeedIndex(), 'model');
  await buildIndex({ data: 'data', out: single, model, shard: 'never', reporter: silentReporter });
  manifest = (
    await buildIndex({
      data: 'data',
      out: sharded,
      model,
      shard: 'always',
      fragmentBytes: 2048,
      reporter: silentReporter,
    })
  ).manifest;
});
afterAll(cleanup);

/** The sharded index opened the way the app opens it: files read on demand, each read recorded. */
async function lazily(): Promise<{ index: SearchIndex; reads: string[] }> {
  const files = await readIndexFiles(sharded);
  const reads: string[] = [];
  const load = files.load!;
  return {
    index: new SearchIndex({
      ...files,
      load: (file) => {
        reads.push(file);
        return load(file);
      },
    }),
    reads,
  };
}

describe('a sharded index', () => {
  it('lists every shard in its manifest, with size and sha256, and has no passages.json', () => {
    const shards = manifest.shards!;
    expect(shards.passages).toHaveLength(Math.ceil(manifest.counts.passages / shards.passagesPerShard));
    expect(existsSync(path.join(sharded, 'passages.json'))).toBe(false);
    for (const file of [
      manifest.files.passages,
      manifest.files.vectors,
      shards.terms,
      ...shards.fragments,
      ...shards.passages,
    ]) {
      const bytes = readFileSync(path.join(sharded, file));
      expect(manifest.sizes[file], file).toEqual({
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    }
  });

  it('ranks every question exactly like the single-file index, in every mode', async () => {
    const [a, b] = await Promise.all([openIndexFolder(single), openIndexFolder(sharded)]);
    const store = decodeVectors(await readFile(path.join(single, 'vectors.bin')));
    for (const [i, q] of questions.entries()) {
      const queryVector = vectorAt(store, (i * 7) % store.count); // any fixed vector: fusion sees the same input on both sides
      for (const mode of SEARCH_MODES) {
        const ranked = async (ix: SearchIndex) =>
          (await ix.search(q, { mode, k: 20, queryVector })).results.map((r) => [r.id, r.score, r.snippet.text]);
        expect(await ranked(b), `${mode}: ${q}`).toEqual(await ranked(a));
      }
    }
  });

  it('answers a query after loading only its keyword fragments and the passage shards of the results shown', async () => {
    const { index, reads } = await lazily();
    const { results } = await index.search('sentiment classification of customer reviews', {
      mode: 'keyword',
      k: 3,
    });
    expect(results.length).toBeGreaterThan(0);
    const shards = manifest.shards!;
    const passageReads = reads.filter((f) => shards.passages.includes(f));
    const wanted = new Set(results.map((r) => shards.passages[Math.floor(r.index / shards.passagesPerShard)]));
    expect(new Set(passageReads)).toEqual(wanted);
    expect(shards.fragments.length).toBeGreaterThan(2);
    const fragmentReads = reads.filter((f) => shards.fragments.includes(f));
    expect(fragmentReads.length).toBeGreaterThan(0);
    expect(fragmentReads.length).toBeLessThan(shards.fragments.length);
    // The same results as the whole index, snippets included.
    const whole = await (await openIndexFolder(sharded)).search('sentiment classification of customer reviews', {
      mode: 'keyword',
      k: 3,
    });
    expect(results).toEqual(whole.results);
  });

  it('opens a document from a passage id by loading only that document’s passages', async () => {
    const { index, reads } = await lazily();
    const whole = await openIndexFolder(single);
    const row = manifest.counts.passages - 1;
    const id = whole.passage(row).id;
    const found = await index.documentOf(id);
    expect(found?.passages[found.target].id).toBe(id);
    expect(found?.passages.map((p) => p.id)).toEqual((await whole.documentOf(id))?.passages.map((p) => p.id));
    const { passages: shardFiles, passagesPerShard } = manifest.shards!;
    const docRows = Array.from({ length: whole.count }, (_, r) => r).filter((r) => whole.docOf(r) === whole.docOf(row));
    expect(new Set(reads.filter((f) => shardFiles.includes(f)))).toEqual(
      new Set(docRows.map((r) => shardFiles[Math.floor(r / passagesPerShard)])),
    );
    expect(await index.documentOf('no-such-passage')).toBeNull();
  });

  it('names the damaged shard when one does not hold what the manifest says', async () => {
    const files = await readIndexFiles(sharded);
    const index = new SearchIndex({
      ...files,
      load: async (file) => (file.startsWith('passages-') ? new TextEncoder().encode('[]') : files.load!(file)),
    });
    await expect(index.search('logistic regression', { mode: 'keyword', k: 3 })).rejects.toThrow(
      /passage shard \d+ holds 0 passages instead of \d+/,
    );
  });
});
