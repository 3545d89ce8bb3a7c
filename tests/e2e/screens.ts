// Every screen of the app, reached as a user would: used by the accessibility test (axe-core on each, light and
// dark) and by the screenshot script. Each step waits for what the user would wait for.
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Screen {
  name: string;
  /** Opens the screen in a fresh page at `url` (the served app); `query`: one that matches in its corpus. */
  open(page: Page, url: string, query?: string): Promise<void>;
}

export const QUERY = 'logistic regression';
/** Queries about nothing in data/ that still have passages near them in meaning (the first that does is used). */
export const FAR_QUERIES = ['cooking dinner', 'fixing a flat bicycle tire', 'best hiking trails', 'cooking'];

async function ready(page: Page, url: string, hash = ''): Promise<void> {
  await page.goto(url + hash);
  await page.waitForSelector('[data-model="ready"], [data-model="failed"], .error[role="alert"]', { timeout: 120_000 });
}

/** Waits until the results header has settled on what the search box holds. */
async function settledResults(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const meta = document.querySelector('.results-meta[data-settled="true"]');
    return meta !== null && !document.querySelector('.results-area')?.classList.contains('is-stale');
  });
}

async function results(page: Page, url: string, query = QUERY): Promise<void> {
  await ready(page, url);
  await page.fill('#q', query);
  await settledResults(page);
}

async function passage(page: Page, url: string, query = QUERY): Promise<void> {
  await results(page, url, query);
  await page.click('#results .result a');
  await page.waitForSelector('.passage-target');
}

export const SCREENS: Screen[] = [
  {
    name: 'home',
    async open(page, url) {
      await ready(page, url);
      await page.waitForSelector('.home');
      // Browsing by folder: the first folder opened, when there are folders.
      const folder = page.locator('.browse .tree-toggle').first();
      if (await folder.count()) await folder.click();
    },
  },
  { name: 'results', open: (page, url, query) => results(page, url, query) },
  {
    name: 'filters open',
    async open(page, url, query) {
      await results(page, url, query);
      const toggle = page.locator('.filters-toggle');
      if (await toggle.count()) await toggle.click();
      await page.waitForSelector('.filters .chip');
      const folder = page.locator('.filters .tree-toggle').first();
      if (await folder.count()) await folder.click();
    },
  },
  {
    name: 'show more',
    async open(page, url, query) {
      await results(page, url, query);
      const count = await page.locator('#results .result').count();
      await page.click('.show-more');
      await page.waitForFunction((n) => document.querySelectorAll('#results .result').length > n, count);
    },
  },
  { name: 'passage', open: (page, url, query) => passage(page, url, query) },
  {
    name: 'more like this',
    async open(page, url, query) {
      await passage(page, url, query);
      await page.getByRole('button', { name: 'More like this' }).click();
      await page.waitForSelector('#more .result');
    },
  },
  {
    name: 'no results',
    async open(page, url) {
      // Keyword mode: the words match nothing (meaning always finds something near).
      await ready(page, url);
      await page.click('.modes [role="radio"]:text-is("Keyword")');
      await page.fill('#q', 'zzqxv wwkjy');
      await settledResults(page);
      await page.getByText('No passages match.', { exact: false }).waitFor();
    },
  },
  {
    name: 'closest by meaning',
    async open(page, url) {
      // Hybrid: no match, and the closest passages by meaning under their own heading.
      await ready(page, url);
      for (const query of FAR_QUERIES) {
        await page.fill('#q', query);
        await settledResults(page);
        if (await page.locator('#closest .result').count()) return;
      }
      throw new Error(`none of ${FAR_QUERIES.join(', ')} shows closest passages`);
    },
  },
  {
    name: 'model failed',
    async open(page, url) {
      await page.route('**/index/model.*/onnx/*.onnx', (route) => route.fulfill({ status: 500, body: 'server error' }));
      await results(page, url);
      await page.waitForSelector('.problem-notice');
    },
  },
  {
    name: 'index failed',
    async open(page, url) {
      await page.route('**/index/passages.*', (route) => route.fulfill({ status: 500, body: 'server error' }));
      await ready(page, url);
    },
  },
  {
    name: 'missing passage',
    async open(page, url) {
      await ready(page, url, '#/passage/zzzzzzzzzzzz?q=logistic');
      await page.getByText('This passage is no longer in the index').waitFor();
    },
  },
];

export type ColorScheme = 'light' | 'dark';

/** A context for a screen: the colour scheme of a system theme, no service worker (the network path, routable). */
export function screenContext(
  browser: Browser,
  scheme: ColorScheme,
  viewport = { width: 1280, height: 800 },
  bypassCSP = false,
): Promise<BrowserContext> {
  return browser.newContext({ serviceWorkers: 'block', colorScheme: scheme, viewport, bypassCSP });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeFinding {
  id: string;
  impact: string;
  nodes: number;
}

/** axe-core's violations on the page as it is (the page's CSP must be bypassed: see screenContext). */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}
