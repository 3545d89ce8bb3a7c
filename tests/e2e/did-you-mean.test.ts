// "Did you mean" and the answer marked, in the app: a misspelt query says which words it searched, offers the words
// as typed (kept in the URL), and the opened passage marks the corrected words and the answer sentence.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StaticServer } from './server.ts';
import { serveApp, type ServedApp } from './served-index.ts';

let served: ServedApp;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  served = await serveApp();
  ({ server, browser } = served);
});

afterAll(() => served?.close());

const QUERY = 'logistc regresion';

async function settled(page: Page, mode: string): Promise<void> {
  await page.waitForFunction((m) => {
    const meta = document.querySelector('.results-meta[data-settled="true"]');
    return meta?.getAttribute('data-mode') === m && !document.querySelector('.results-area.is-stale');
  }, mode);
}

describe('did you mean', () => {
  test('says which words it searched, marks them and the answer, and searches the words as typed on request', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.url}#/search?q=${encodeURIComponent(QUERY)}&mode=keyword`);
    await page.waitForSelector('.did-you-mean');
    await settled(page, 'keyword');
    expect((await page.textContent('.did-you-mean'))?.replace(/\s+/g, ' ')).toBe(
      `Showing results for logistic regression. Search instead for ${QUERY}`,
    );
    const first = page.locator('#results .result').first();
    const marks = (await first.locator('.snippet mark:not(.answer)').allTextContents()).map((m) => m.toLowerCase());
    expect(marks).toEqual(expect.arrayContaining(['logistic', 'regression']));
    expect((await first.locator('.snippet mark.answer').textContent())?.toLowerCase()).toContain('logistic regression');

    await page.click('.did-you-mean button');
    await page.waitForFunction(() => location.hash.includes('exact=1'));
    await page.waitForFunction(
      () =>
        !document.querySelector('.did-you-mean') &&
        document.querySelector('.results-meta')?.textContent?.includes('No passages match'),
    );
    expect(await page.locator('#results .result').count()).toBe(0);
    // The choice is in the URL: a reload keeps the words as typed.
    await page.reload();
    await settled(page, 'keyword');
    expect(await page.locator('.did-you-mean').count()).toBe(0);
    expect(await page.textContent('.results-meta')).toContain('No passages match');
    await context.close();
  });

  test('the opened passage marks the corrected words and its answer sentence', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.url}#/search?q=${encodeURIComponent(QUERY)}&mode=keyword`);
    await settled(page, 'keyword');
    await page.locator('#results .result-link').first().click();
    const answer = page.locator('.passage-target mark.answer');
    await answer.first().waitFor();
    expect((await answer.allTextContents()).join(' ').toLowerCase()).toContain('logistic regression');
    const terms = (await page.locator('.passage-target mark:not(.answer)').allTextContents()).map((m) =>
      m.toLowerCase(),
    );
    expect(terms).toEqual(expect.arrayContaining(['logistic', 'regression']));
    // Only the asked passage is marked.
    expect(await page.locator('.passage:not(.passage-target) mark').count()).toBe(0);
    await context.close();
  });

  test('offers the corrected words when nothing matches', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    // "XGBoost" is only in technical-projects.md: filtered to another document, nothing matches.
    await page.goto(`${server.url}#/search?q=xgbost&mode=keyword&doc=amgen-digital-persona-case-study.md`);
    await settled(page, 'keyword');
    await page.waitForSelector('.no-match .did-you-mean');
    expect((await page.textContent('.did-you-mean'))?.replace(/\s+/g, ' ')).toBe('Did you mean xgboost?');
    await page.click('.did-you-mean button');
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#q')?.value === 'xgboost' && location.hash.includes('q=xgboost'),
    );
    await settled(page, 'keyword');
    // Spelled as the documents spell it, there is nothing left to correct.
    expect(await page.locator('.did-you-mean').count()).toBe(0);
    await context.close();
  });
});
