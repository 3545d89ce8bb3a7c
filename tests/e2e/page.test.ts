// What the page says about itself and where it leaves the user: the tab title follows the screen, focus comes back
// to the result a passage was opened from, few tab stops before the first result, recent searches saved when a
// search settles, and the web manifest and the page agree on the theme colour.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serveApp, type ServedApp } from './served-index.ts';
import { search, waitForModel } from './browser.ts';
import { QUERY } from './screens.ts';

let served: ServedApp;

beforeAll(async () => {
  served = await serveApp();
});

afterAll(() => served?.close());

async function freshPage(): Promise<Page> {
  const context = await served.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(served.server.url);
  await waitForModel(page);
  return page;
}

describe('the page', () => {
  test('the tab title follows the screen: the site, the query, the passage, the query again after Back', async () => {
    const page = await freshPage();
    const SITE_NAME = (await page.getAttribute('meta[name="application-name"]', 'content'))!;
    expect(await page.title()).toBe(SITE_NAME);
    await search(page, QUERY);
    expect(await page.title()).toBe(`${QUERY} — ${SITE_NAME}`);
    const cardTitle = (await page.textContent('#results .result .result-title'))!;
    await page.click('#results .result a');
    await page.waitForSelector('.passage-target');
    const docTitle = (await page.textContent('.doc-title'))!.trim();
    await page.waitForFunction((t) => document.title.includes(t), docTitle);
    const title = await page.title();
    expect(title.endsWith(`${docTitle} — ${SITE_NAME}`)).toBe(true);
    // The tab is titled like the card: the passage's own heading first.
    expect(title.startsWith(cardTitle)).toBe(true);
    await page.getByRole('button', { name: '← Back' }).click();
    await page.waitForFunction((t) => document.title === t, `${QUERY} — ${SITE_NAME}`);
    await page.context().close();
  });

  test('after Back, focus is on the result the passage was opened from', async () => {
    const page = await freshPage();
    await search(page, QUERY);
    const second = page.locator('#results .result').nth(1);
    const id = await second.getAttribute('data-passage');
    await second.locator('a').click();
    await page.waitForSelector('.passage-target');
    await page.getByRole('button', { name: '← Back' }).click();
    await page.waitForFunction((id) => document.activeElement?.id === `r-${id}`, id);
    await page.context().close();
  });

  test('at most 6 tab stops before the first result (filters collapsed, one stop for the mode switch)', async () => {
    const page = await freshPage();
    await search(page, QUERY);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let stops = 0;
    for (; stops < 30; stops++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => Boolean(document.activeElement?.closest('#results')))) break;
    }
    expect(stops).toBeLessThanOrEqual(6);
    await page.context().close();
  });

  test('a search that settles goes into recent searches, without opening a passage', async () => {
    const page = await freshPage();
    await search(page, 'payment prediction');
    await page.waitForTimeout(1500);
    await page.fill('#q', '');
    await page.getByRole('button', { name: 'payment prediction', exact: true }).waitFor();
    // Only the query whose results settled, nothing else.
    expect(await page.locator('[aria-labelledby="recent-title"] .query-item').allTextContents()).toEqual([
      'payment prediction',
    ]);
    await page.context().close();
  });

  test('the web manifest and the page agree on the theme colour', async () => {
    const page = await freshPage();
    const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
    const colours = await page.$$eval('meta[name="theme-color"]', (metas) =>
      metas.map((m) => m.getAttribute('content')),
    );
    expect(colours).toEqual([manifest.theme_color]);
    await page.context().close();
  });
});
