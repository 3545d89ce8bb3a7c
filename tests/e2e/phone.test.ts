// The phone layout (390×844) measured in Chromium: results lead (the first one starts in the top third with a
// query typed), filters wait behind one control, every primary control is at least 44×44 px, nothing is cut off.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serveApp, type ServedApp } from './served-index.ts';
import { QUERY, screenContext } from './screens.ts';
import { search, waitForModel } from './browser.ts';

const PHONE = { width: 390, height: 844 };
let served: ServedApp;

beforeAll(async () => {
  served = await serveApp();
});

afterAll(() => served?.close());

async function phonePage(): Promise<Page> {
  const context = await screenContext(served.browser, 'light', PHONE);
  const page = await context.newPage();
  await page.goto(served.server.url);
  await waitForModel(page);
  return page;
}

/** Boxes of the visible elements matching `selector`. */
function boxes(page: Page, selector: string) {
  return page.$$eval(selector, (els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          what: `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`,
          left: r.left,
          right: r.right,
          top: r.top,
          width: r.width,
          height: r.height,
        };
      }),
  );
}

async function expectTouchable(page: Page, selector: string): Promise<void> {
  const found = await boxes(page, selector);
  expect(found.length, selector).toBeGreaterThan(0);
  for (const b of found) {
    expect(b.width, b.what).toBeGreaterThanOrEqual(44);
    expect(b.height, b.what).toBeGreaterThanOrEqual(44);
  }
}

async function expectInside(page: Page, selector: string): Promise<void> {
  for (const b of await boxes(page, selector)) {
    expect(b.left, b.what).toBeGreaterThanOrEqual(0);
    expect(b.right, b.what).toBeLessThanOrEqual(PHONE.width);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

describe('phone, 390×844', () => {
  test('with a query typed the first result starts in the top third; the top bar is one row; controls are 44 px', async () => {
    const page = await phonePage();
    await search(page, QUERY);
    const [first] = await boxes(page, '#results .result');
    console.log(
      `[phone] first result starts ${Math.round(first.top)} px down (${Math.round((100 * first.top) / PHONE.height)}% of ${PHONE.height})`,
    );
    expect(first.top).toBeLessThan(PHONE.height / 3);
    // One row: the status sits beside the logo, not under it, and its text is whole.
    const [brand] = await boxes(page, '.brand');
    const [status] = await boxes(page, '.status-text');
    expect(Math.abs(status.top + status.height / 2 - (brand.top + brand.height / 2))).toBeLessThan(8);
    expect(await page.$eval('.status-text', (el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expectTouchable(page, '.brand, .theme select, #q, .mode, .filters-toggle, #results .result-link');
    await expectInside(page, '.topbar *, .searchbox *, #results .result');
    await page.context().close();
  });

  test('filters: one control saying what it offers; opened, every chip is reachable and 44 px; the active ones stay in sight when closed', async () => {
    const page = await phonePage();
    await search(page, QUERY);
    const toggle = page.locator('.filters-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.filters .chip').count()).toBe(0);
    expect(await toggle.textContent()).toMatch(/^Filters: 3 documents, \d+ tags$/);
    await toggle.click();
    expect(await page.locator('.filters .chip').count()).toBeGreaterThan(3);
    await expectTouchable(page, '.filters .chip');
    await expectInside(page, '.filters .chip');
    const chip = page.locator('.filters .chip-tag').first();
    const label = (await chip.textContent())!.replace(/ \d+ passages?$/, '');
    await chip.click();
    await page.waitForFunction(() => location.hash.includes('tag='));
    expect(await page.textContent('.filters-count')).toBe(' 1 on');
    await toggle.click();
    expect(await page.locator('.filters .chip').allTextContents()).toEqual([label]);
    await page.context().close();
  });

  test('a passage: the toolbar fits on one row of 44 px buttons', async () => {
    const page = await phonePage();
    await search(page, QUERY);
    await page.click('#results .result a');
    await page.waitForSelector('.passage-target');
    await expectTouchable(page, '.doc-toolbar .button');
    await expectInside(page, '.doc-toolbar .button');
    const tops = new Set((await boxes(page, '.doc-toolbar .button')).map((b) => Math.round(b.top)));
    expect(tops.size).toBe(1);
    await page.context().close();
  });
});
