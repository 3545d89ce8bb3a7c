// Broken state in the service worker's cache: a damaged index file, and a manifest that names another model.
// Each is detected by the worker's size/sha256 checks and told in plain words; keyword search keeps working
// where it can; the damaged copies are evicted, so a plain reload (online) recovers — no clearing site data —
// and the repaired offline copy answers again with the network gone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StaticServer } from './server.ts';
import { serveApp, type ServedApp } from './served-index.ts';
import { search, waitForModel } from './browser.ts';
import { cachedSizes, overwriteCached, readManifest, settled } from './app-copy.ts';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';

let served: ServedApp;
let manifest: IndexManifest;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  served = await serveApp('lantern-broken-cache-');
  ({ server, browser } = served);
  manifest = readManifest(served.app);
});

afterAll(() => served?.close());

/** A first online visit: model ready, service worker active and everything precached. */
async function visited(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url);
  await waitForModel(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  return { context, page, errors };
}

async function recovers(context: BrowserContext, page: Page, keys: string[], bytes: number): Promise<void> {
  // The cause is gone (the server has good files): one plain reload downloads the evicted files again…
  await page.reload();
  await waitForModel(page);
  await search(page, 'logistic regression', 'hybrid');
  expect(await page.locator('.problem-notice, .error[role="alert"]').count()).toBe(0);
  // …and puts them back into the offline copy, so the app works offline again.
  await expect.poll(() => cachedSizes(page, keys), { timeout: 10_000 }).toEqual(keys.map(() => bytes));
  await context.setOffline(true);
  await page.reload();
  await waitForModel(page);
  await search(page, 'logistic regression', 'hybrid');
  await context.setOffline(false);
}

describe('broken files in the offline copy', () => {
  test('a damaged passages.json in Cache Storage: told, evicted, a reload recovers', async () => {
    const { context, page, errors } = await visited();
    const keys = await overwriteCached(page, manifest.files.passages, '{"documents": [], "passages": [garbage');
    expect(keys.length).toBeGreaterThan(0);
    await page.reload();
    const alert = page.locator('.error[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /The index could not be opened: passages\.[0-9a-f]{12}\.json is damaged or belongs to another build .* reload the page to download it again/,
    );
    expect(await page.textContent('.status-text')).toBe('Index failed to load');
    // Evicted: nothing in Cache Storage holds the damaged copy any more.
    expect(await cachedSizes(page, keys)).toEqual(keys.map(() => 0));
    await recovers(context, page, keys, manifest.sizes[manifest.files.passages].bytes);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a truncated vectors.bin: keyword search keeps working, a reload recovers semantic search', async () => {
    const { context, page, errors } = await visited();
    const keys = await overwriteCached(page, manifest.files.vectors, 'LNTV');
    expect(keys.length).toBeGreaterThan(0);
    await page.reload();
    await page.waitForSelector('[data-model="failed"]');
    expect(await page.textContent('.status-text')).toBe('Model failed — keyword search still works');
    expect(await page.textContent('.problem-notice')).toMatch(
      /^Semantic search is unavailable: vectors\.[0-9a-f]{12}\.bin is damaged or belongs to another build \(its size, 4 bytes instead of \d+, does not match .*Keyword search still works\.$/,
    );
    const answer = await settled(page, 'logistic regression');
    expect(answer.mode).toBe('keyword');
    expect(answer.count).toBeGreaterThan(0);
    await recovers(context, page, keys, manifest.sizes[manifest.files.vectors].bytes);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a cached manifest naming another model than the cached model file: detected, keyword works, a reload recovers', async () => {
    const { context, page, errors } = await visited();
    const other = structuredClone(manifest);
    const onnx = Object.keys(other.model.files).find((f) => f.endsWith('.onnx'))!;
    other.model.files[onnx] = '0'.repeat(64);
    const keys = await overwriteCached(page, 'manifest.json', JSON.stringify(other));
    expect(keys.length).toBeGreaterThan(0);
    await page.reload();
    await page.waitForSelector('[data-model="failed"]');
    expect(await page.textContent('.problem-notice')).toContain(
      `the model file ${manifest.model.path}/${onnx} does not match this index (version ${manifest.version}): it is damaged, or the index was built with a different model.`,
    );
    const answer = await settled(page, 'logistic regression');
    expect(answer.mode).toBe('keyword');
    expect(answer.count).toBeGreaterThan(0);
    const bytes = Buffer.byteLength(
      await (await context.request.get(new URL('index/manifest.json', server.url).href)).text(),
    );
    await recovers(context, page, keys, bytes);
    expect(errors).toEqual([]);
    await context.close();
  });
});
