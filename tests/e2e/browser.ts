// Shared e2e helpers: Debian's Chromium through playwright-core, and a few page actions.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export function launchPersistent(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS });
}

export async function waitForModel(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('[data-model="ready"]', { timeout });
}

/**
 * Types a query and waits for the settled answer ranked in `mode` (the results header names the mode that ranked
 * them): with at least one result unless `matches` is false (then it may match nothing).
 */
export async function search(
  page: Page,
  query: string,
  mode: 'hybrid' | 'keyword' | 'semantic' = 'hybrid',
  matches = true,
): Promise<void> {
  await page.fill('#q', query);
  await page.waitForFunction(
    ({ q, m, some }) => {
      const input = document.querySelector<HTMLInputElement>('#q');
      const meta = document.querySelector('.results-meta[data-settled="true"]');
      const area = document.querySelector('.results-area');
      return (
        input?.value === q &&
        meta?.getAttribute('data-mode') === m &&
        !area?.classList.contains('is-stale') &&
        (!some || document.querySelectorAll('#results .result').length > 0)
      );
    },
    { q: query, m: mode, some: matches },
  );
}

export async function setMode(page: Page, mode: 'Hybrid' | 'Keyword' | 'Semantic'): Promise<void> {
  await page.click(`.modes [role="radio"]:text-is("${mode}")`);
}

export interface ResultRow {
  id: string;
  /** The card's title: the passage's own heading (or its document's title when it has none). */
  title: string;
  doc: string;
  /** The card's context then its title, as read: "Document > Heading > Subheading" (a group names its document once, above). */
  crumbs: string;
}

export function results(page: Page): Promise<ResultRow[]> {
  return page.$$eval('#results .result', (items) =>
    items.map((li) => ({
      id: li.getAttribute('data-passage') ?? '',
      title: li.querySelector('.result-title')?.textContent ?? '',
      doc: li.getAttribute('data-doc') ?? '',
      crumbs: [
        ...Array.from(li.querySelectorAll('.crumb'), (c) => c.textContent),
        li.querySelector('.result-title')?.textContent,
      ].join(' > '),
    })),
  );
}

/** What a page did that it should not: dialogs, console errors, requests leaving 127.0.0.1. */
export interface Watch {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  errors: string[];
  foreign: string[];
}

/**
 * A fresh page that records dialogs, errors and foreign requests. Service workers are blocked: the app
 * build's precache lists the real index, and the hostile tests serve another one in its place.
 */
export async function watchedPage(browser: Browser): Promise<Watch> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const watch: Watch = { context, page, dialogs: [], errors: [], foreign: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', ''].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol))
      watch.foreign.push(request.url());
  });
  return watch;
}
