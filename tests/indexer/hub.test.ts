// Fetching a model from a hub at build time, against a local stand-in for the hub (tests/fixtures/hub.ts):
// files land in the index, a lock pins them, the cache is reused, corrupted downloads are refused.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fetchHubModel, isHubId, MODEL_FILES } from '../../src/indexer/hub.ts';
import { buildIndex } from '../../src/indexer/build.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { SearchIndex } from '../../src/core/search.ts';
import { readIndexFiles } from '../../src/indexer/read-index.ts';
import { openIndex } from '../../src/indexer/read-index.ts';
import { FIXTURE_CORPUS, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import { FakeHub } from '../fixtures/hub.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('hub models', () => {
  const { dir, cleanup } = tempDir('lantern-hub-');
  let modelDir: string;
  let hub: FakeHub;
  let fetchedUrls: string[] = [];

  beforeAll(async () => {
    modelDir = path.join(await ensureSeedIndex(), 'model');
    hub = new FakeHub({
      'test-org/tiny-model': { dir: modelDir },
      'test-org/corrupt-model': { dir: modelDir, serve: 'wrong-etag' },
      'test-org/no-weights': { dir: modelDir, serve: 'no-onnx' },
    });
    await hub.start();
    // Every fetch made in this file is recorded: only the fake hub may be contacted.
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      fetchedUrls.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await hub.stop();
    cleanup();
  });

  const served = (file: string) => readFileSync(path.join(modelDir, file));
  const cacheDir = path.join(dir, 'hub-cache');
  const out = path.join(dir, 'index');
  const build = (model: string, target = out, revision = 'main') =>
    buildIndex({
      data: FIXTURE_CORPUS,
      out: target,
      model,
      revision,
      hubHost: hub.host,
      modelCacheDir: cacheDir,
      reporter: silentReporter,
    });

  it('builds with a hub model: fetches its files once, embeds with them and stores them in the index', async () => {
    hub.requests.length = 0;
    fetchedUrls = [];
    const report = await build('test-org/tiny-model');
    // The four model files and the optional special_tokens_map.json, at the pinned revision, nothing else.
    expect([...hub.requests].sort()).toEqual(
      [...MODEL_FILES, 'special_tokens_map.json'].map((f) => `/test-org/tiny-model/resolve/main/${f}`).sort(),
    );
    expect(fetchedUrls.every((url) => url.startsWith(hub.host))).toBe(true);
    expect(fetchedUrls).toHaveLength(hub.requests.length);

    expect(report.manifest.model.name).toBe('test-org/tiny-model');
    // (Compared by hash: a deep equality of a 12 MB buffer takes minutes.)
    for (const file of MODEL_FILES) {
      expect(sha256(readFileSync(path.join(out, 'model', file)))).toBe(sha256(served(file)));
      expect(report.manifest.model.files[file]).toBe(sha256(served(file)));
    }
    expect(report.manifest.counts.documents).toBe(3);
    // The vectors were made by this model: embedding a passage's own words through it finds that passage.
    const opened = await openIndex(out);
    const query = 'Pinch off the suckers that grow between the main stem and the branches';
    const { results } = await opened.index.search(query, {
      mode: 'semantic',
      k: 1,
      queryVector: await opened.embedQuery(query),
    });
    expect(results[0].doc).toBe('garden/tomatoes.md');
  });

  it('writes a lock with the sha256 of every fetched file into the cache', () => {
    const lockFile = path.join(cacheDir, 'test-org--tiny-model', 'main', 'lantern-lock.json');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(lock).sort()).toEqual([...MODEL_FILES].sort());
    for (const file of MODEL_FILES) expect(lock[file]).toBe(sha256(served(file)));
    expect(readdirSync(cacheDir).filter((n) => n.includes('.partial-'))).toEqual([]);
  });

  it('re-uses the cache on the next build without any request', async () => {
    hub.requests.length = 0;
    fetchedUrls = [];
    const report = await build('test-org/tiny-model', path.join(dir, 'index-2'));
    expect(hub.requests).toEqual([]);
    expect(fetchedUrls).toEqual([]);
    expect(report.manifest.model.files).toEqual(
      JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).model.files,
    );
    expect(new SearchIndex(await readIndexFiles(path.join(dir, 'index-2'))).count).toBe(
      report.manifest.counts.passages,
    );
  });

  it('refuses a cached file that no longer matches its lock', async () => {
    const other = path.join(dir, 'tamper-cache');
    await fetchHubModel({ id: 'test-org/tiny-model', revision: 'main', cacheDir: other, host: hub.host });
    const cached = path.join(other, 'test-org--tiny-model', 'main', 'tokenizer_config.json');
    writeFileSync(cached, '{"tampered": true}');
    await expect(
      fetchHubModel({ id: 'test-org/tiny-model', revision: 'main', cacheDir: other, host: hub.host }),
    ).rejects.toThrow(/does not match its lock; delete .* to fetch it again/);
  });

  it('fetches each pinned revision separately', async () => {
    hub.requests.length = 0;
    const fetched = await fetchHubModel({ id: 'test-org/tiny-model', revision: 'v1.0', cacheDir, host: hub.host });
    expect(fetched.dir).toBe(path.join(cacheDir, 'test-org--tiny-model', 'v1.0'));
    expect(hub.requests.every((url) => url.startsWith('/test-org/tiny-model/resolve/v1.0/'))).toBe(true);
    expect(hub.requests.length).toBeGreaterThanOrEqual(MODEL_FILES.length);
  });

  it('rejects a corrupted download (sha256 differs from the etag) and caches nothing', async () => {
    const target = path.join(dir, 'corrupt-index');
    await expect(build('test-org/corrupt-model', target)).rejects.toThrow(
      /model test-org\/corrupt-model@main: onnx\/model_quantized\.onnx does not match the hub's sha256 \([0-9a-f]{64}\); the download is corrupted/,
    );
    expect(existsSync(path.join(cacheDir, 'test-org--corrupt-model', 'main'))).toBe(false);
    expect(readdirSync(path.join(cacheDir, 'test-org--corrupt-model')).filter((n) => n.includes('partial'))).toEqual(
      [],
    );
    expect(existsSync(target)).toBe(false);
  });

  it('names the missing file when the hub does not have it', async () => {
    await expect(
      fetchHubModel({ id: 'test-org/no-weights', revision: 'main', cacheDir, host: hub.host }),
    ).rejects.toThrow('model test-org/no-weights@main: onnx/model_quantized.onnx answered HTTP 404');
    await expect(fetchHubModel({ id: 'nobody/nothing', revision: 'main', cacheDir, host: hub.host })).rejects.toThrow(
      /config\.json answered HTTP 404/,
    );
  });

  it('says the hub cannot be reached when it is down, and suggests a local folder', async () => {
    const closed = new FakeHub({});
    await closed.start();
    const host = closed.host;
    await closed.stop();
    await expect(
      fetchHubModel({ id: 'test-org/tiny-model', revision: 'main', cacheDir: path.join(dir, 'down'), host }),
    ).rejects.toThrow(
      /cannot reach the model hub for test-org\/tiny-model .*use --model with a local folder when offline/,
    );
  });

  it('rejects model names that are neither a folder nor a hub id', async () => {
    for (const bad of ['../etc', 'just-a-name', 'a/b/c', 'owner/..', '/abs/path']) expect(isHubId(bad)).toBe(false);
    for (const good of ['Xenova/all-MiniLM-L6-v2', 'intfloat/e5-small-v2', 'a/b.c_d']) expect(isHubId(good)).toBe(true);
    await expect(fetchHubModel({ id: 'no-slash-model', revision: 'main', cacheDir, host: hub.host })).rejects.toThrow(
      '--model "no-slash-model" is neither a folder nor a hub model id (owner/name)',
    );
  });

  it('contacted nothing but the local hub in this whole file', () => {
    expect(fetchedUrls.every((url) => url.startsWith('http://127.0.0.1:'))).toBe(true);
  });
});
