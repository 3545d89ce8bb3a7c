// Broken state at run time: the model file fails to download, and IndexedDB is missing, refuses to open or
// is over quota. The user is told in plain words (model), keyword search keeps working, recent searches fall
// back to memory without a word of alarm, and a reload after the cause is gone recovers.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StaticServer } from './server.ts';
import { serveApp, type ServedApp } from './served-index.ts';
import { search, waitForModel } from './browser.ts';
import { settled } from './app-copy.ts';

let served: ServedApp;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  served = await serveApp('lantern-broken-runtime-');
  ({ server, browser } = served);
});

afterAll(() => served?.close());

async function freshPage(): Promise<{ page: Page; errors: string[] }> {
  // Network path only: the service worker would answer from its cache, out of reach of page routes.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

describe('the model file fails to load', () => {
  for (const [name, fail, message] of [
    [
      'HTTP 500',
      (route: import('playwright-core').Route) => route.fulfill({ status: 500, body: 'server error' }),
      /could not be downloaded \(HTTP 500\)/,
    ],
    [
      'aborted',
      (route: import('playwright-core').Route) => route.abort('connectionreset'),
      /could not be downloaded \(.+\)/,
    ],
  ] as const) {
    test(`${name}: "model failed — keyword search still works", keyword results; reload without the fault → model ready`, async () => {
      const { page, errors } = await freshPage();
      await page.route('**/index/model.*/onnx/*.onnx', fail);
      await page.goto(server.url);
      await page.waitForSelector('[data-model="failed"]');
      expect(await page.textContent('.status-text')).toBe('Model failed — keyword search still works');
      const notice = await page.textContent('.problem-notice');
      expect(notice).toMatch(/^Semantic search is unavailable: the model file model\.[0-9a-f]{12}\/onnx\/\S+\.onnx /);
      expect(notice).toMatch(message);
      expect(notice).toMatch(/Keyword search still works\.$/);
      // Hybrid asked, keyword answered.
      const answer = await settled(page, 'logistic regression');
      expect(answer).toMatchObject({ mode: 'keyword' });
      expect(answer.count).toBeGreaterThan(0);
      expect(await page.textContent('.results-meta')).toContain('keyword until the model is ready');
      // Semantic mode says why it has nothing.
      await page.click('.modes [role="radio"]:text-is("Semantic")');
      await page
        .getByText('Semantic search is unavailable: the model failed to load. Keyword search still works.')
        .waitFor();
      await page.click('.modes [role="radio"]:text-is("Hybrid")');
      await page.waitForFunction(() => location.hash.includes('mode=hybrid'));

      await page.unroute('**/index/model.*/onnx/*.onnx');
      await page.reload();
      await waitForModel(page);
      await search(page, 'logistic regression', 'hybrid');
      expect(await page.locator('.problem-notice').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

const STORAGE_FAULTS: Record<string, string> = {
  'window.indexedDB removed': `Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });`,
  'indexedDB.open throws': `IDBFactory.prototype.open = function () { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };`,
  'indexedDB getter throws': `Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); }, configurable: true });`,
  'put() throws QuotaExceededError': `IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };`,
  'transactions abort with QuotaExceededError': `{
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      const request = put.apply(this, args);
      const tx = this.transaction;
      queueMicrotask(() => { try { tx.abort(); } catch {} });
      return request;
    };
  }`,
};

describe('storage unavailable or full', () => {
  test('search works and recent searches fall back to memory, with no alarm shown', async () => {
    const { page, errors } = await freshPage();
    const context = page.context();
    for (const [name, script] of Object.entries(STORAGE_FAULTS)) {
      const p = await context.newPage();
      p.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
      await p.addInitScript(script);
      await p.goto(server.url);
      await waitForModel(p);
      // A setting change (saved to storage) must not break anything either.
      await p.selectOption('.theme select', 'dark');
      expect(await p.getAttribute('html', 'data-theme')).toBe('dark');
      await search(p, 'logistic regression', 'hybrid');
      // Opening a result remembers the query; back home, it is listed.
      await p.press('#q', 'Enter');
      await p.locator('.passage-target').waitFor();
      await p.keyboard.press('Escape');
      await p.waitForSelector('#q');
      await p.press('#q', 'Escape');
      await p
        .locator('[aria-labelledby="recent-title"] .query-item', { hasText: 'logistic regression' })
        .waitFor({ timeout: 10_000 });
      expect(await p.locator('[role="alert"], .problem-notice').count(), name).toBe(0);
      await p.close();
    }
    // The faults were real: nothing reached IndexedDB (a clean page in the same profile remembers nothing).
    const clean = await context.newPage();
    await clean.goto(server.url);
    await waitForModel(clean);
    await clean.waitForTimeout(500);
    expect(await clean.locator('[aria-labelledby="recent-title"] .query-item').count()).toBe(0);
    expect(await clean.getAttribute('html', 'data-theme')).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});
