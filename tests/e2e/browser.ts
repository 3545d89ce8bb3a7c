// Shared e2e helpers: Debian's Chromium through playwright-core, and a few page actions.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

/** Types a query and waits for the settled results ranked in `mode` (the results header names the mode that ranked them). */
export async function search(page: Page, query: string, mode: 'hybrid' | 'keyword' | 'semantic' = 'hybrid'): Promise<void> {
  await page.fill('#q', query);
  await page.waitForFunction(
    ({ q, m }) => {
      const input = document.querySelector<HTMLInputElement>('#q');
      const meta = document.querySelector('.results-meta[data-settled="true"]');
      const area = document.querySelector('.results-area');
      return input?.value === q && meta?.getAttribute('data-mode') === m && !area?.classList.contains('is-stale') && document.querySelectorAll('.result').length > 0;
    },
    { q: query, m: mode },
  );
}

export async function setMode(page: Page, mode: 'Hybrid' | 'Keyword' | 'Semantic'): Promise<void> {
  await page.click(`.modes [role="radio"]:text-is("${mode}")`);
}

export interface ResultRow {
  id: string;
  title: string;
  doc: string;
  crumbs: string;
}

export function results(page: Page): Promise<ResultRow[]> {
  return page.$$eval('#results .result', (items) =>
    items.map((li) => ({
      id: li.getAttribute('data-passage') ?? '',
      title: li.querySelector('.result-title')?.textContent ?? '',
      doc: li.getAttribute('data-doc') ?? '',
      crumbs: Array.from(li.querySelectorAll('.crumb'), (c) => c.textContent).join(' > '),
    })),
  );
}
