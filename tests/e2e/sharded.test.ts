// The app on a sharded index (what `lantern build` writes above 20,000 passages; forced here on the seed
// corpus, with keyword fragments of 2 KB so that it has several): keyword results come after downloading only the
// catalog, the term dictionary, the fragments of the query's terms and the passage shards of the results shown;
// passages open from deep links; hybrid works.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';
import type { StaticServer } from './server.ts';
import { results, search, setMode, waitForModel } from './browser.ts';
import { serveIndexOf, type ServedIndex } from './served-index.ts';

let served: ServedIndex;
let server: StaticServer;
let browser: Browser;
let manifest: IndexManifest;
let catalogIds: string[];

beforeAll(async () => {
  served = await serveIndexOf('lantern-sharded-app-', 'data', { shard: 'always', fragmentBytes: 2048 });
  ({ server, browser, manifest } = served);
  catalogIds = (
    JSON.parse(await readFile(path.join(served.index, manifest.files.passages), 'utf8')) as { ids: string[] }
  ).ids;
});

afterAll(() => served?.close());

const shardOf = (id: string) =>
  manifest.shards!.passages[Math.floor(catalogIds.indexOf(id) / manifest.shards!.passagesPerShard)];
const requested = (prefix: string, since: number) =>
  new Set(
    server.requests
      .slice(since)
      .filter((p) => p.startsWith(`/index/${prefix}`))
      .map((p) => p.slice('/index/'.length)),
  );

describe('a sharded index in the app', () => {
  test('keyword results load only the query’s fragments and the shards of the passages shown', async () => {
    // The precache lists the app's own index; this test serves another one in its place.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const since = server.requests.length;
    await page.goto(server.url);
    await setMode(page, 'Keyword');
    await search(page, 'logistic regression', 'keyword');
    const shown = await results(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(requested('passages-', since)).toEqual(new Set(shown.map((r) => shardOf(r.id))));
    const fragments = requested('terms-', since);
    expect(fragments.size).toBeGreaterThan(0);
    expect(manifest.shards!.fragments.length).toBeGreaterThan(2);
    expect(fragments.size).toBeLessThan(manifest.shards!.fragments.length);
    expect(server.requests.slice(since).some((p) => p.endsWith('/passages.json'))).toBe(false);
    await context.close();
  });

  test('offline, a query that needs a part never downloaded says so; back online it is answered', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByText(`Search ${manifest.counts.passages} passages`).waitFor();
    await setMode(page, 'Keyword');
    await context.setOffline(true);
    await page.fill('#q', 'logistic regression');
    const notice = page.locator('.problem-notice[data-problem="search"]');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^This search could not finish: terms-\d+\.bin is not saved on this device and this device is offline/,
    );
    await context.setOffline(false);
    await page.fill('#q', 'logistic regression model');
    await search(page, 'logistic regression model', 'keyword');
    expect(await notice.count()).toBe(0);
    await context.close();
  });

  test('a deep link opens its passage inside its document; hybrid search works once the model is ready', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const id = catalogIds[catalogIds.length - 1];
    await page.goto(`${server.url}#/passage/${encodeURIComponent(id)}`);
    const section = page.locator(`#p-${id}`);
    await section.waitFor();
    expect(await section.getAttribute('class')).toContain('passage-target');
    await waitForModel(page);
    await page.goto(server.url);
    await search(page, 'why did a simple model win', 'hybrid');
    expect((await results(page)).length).toBeGreaterThan(0);
    await context.close();
  });
});
