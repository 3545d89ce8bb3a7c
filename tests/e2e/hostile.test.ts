// Hostile content: a corpus full of markup that would run script if it ever became HTML, and deep links
// carrying markup. Nothing may run, no CSP violation may come from our code, no request may leave 127.0.0.1.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { StaticServer } from './server.ts';
import { search, waitForModel, watchedPage, type Watch } from './browser.ts';
import { serveIndexOf, type ServedIndex } from './served-index.ts';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1))',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
];

const CORPUS: Record<string, string> = {
  'xss-notes.md': `---\ntitle: "<img src=x onerror=alert(1)> Notes"\ntags: [security]\n---\n# Cross-site scripting notes\n\nLantern must show ${PAYLOADS.join(' and ')} as plain text, never run it. The lantern keeper checks every payload twice.\n\n## Links\n\nA [javascript link](javascript:alert(1)) and a [data link](data:text/html,<script>alert(1)</script>) and a [safe link](https://example.org/) about the lantern keeper.\n`,
  'svg.md': `# <svg onload=alert(1)> heading\n\n<div onclick="alert(1)">raw html block about the lantern keeper</div>\n\n| a | b |\n|---|---|\n| <script>alert(1)</script> | <b onmouseover=alert(1)>bold</b> |\n\n- [ ] task with lantern keeper\n- [x] done <img src=x onerror=alert(1)>\n`,
};

let served: ServedIndex;
let server: StaticServer;
let browser: Browser;
let passageIds: string[];

beforeAll(async () => {
  served = await serveIndexOf('lantern-hostile-', CORPUS);
  ({ server, browser } = served);
  passageIds = (
    JSON.parse(readFileSync(path.join(served.index, 'passages.json'), 'utf8')) as { passages: { id: string }[] }
  ).passages.map((p) => p.id);
});

afterAll(() => served?.close());

async function checkDom(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    scripts: document.querySelectorAll(
      'main script, main img, main svg:not(.search-icon), main iframe, main object, main embed',
    ).length,
    handlers: Array.from(document.querySelectorAll('main *')).filter((el) =>
      Array.from(el.attributes).some((a) => a.name.startsWith('on')),
    ).length,
    badLinks: Array.from(document.querySelectorAll('main a[href]')).filter((a) =>
      /^\s*(javascript|data|vbscript):/i.test(a.getAttribute('href')!),
    ).length,
    blankLinks: Array.from(document.querySelectorAll('main a[target="_blank"]')).filter(
      (a) => a.getAttribute('rel') !== 'noopener noreferrer',
    ).length,
  }));
  expect(found).toEqual({ scripts: 0, handlers: 0, badLinks: 0, blankLinks: 0 });
}

function expectClean(watch: Watch): void {
  expect(watch.dialogs).toEqual([]);
  expect(watch.errors).toEqual([]);
  expect(watch.foreign).toEqual([]);
}

describe('hostile input', () => {
  test('hostile documents are searchable and shown as text', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(server.url);
    await waitForModel(page);
    await search(page, 'lantern keeper payload', 'hybrid');
    // The title carries markup: it must read as the characters typed.
    expect(await page.textContent('#results')).toContain('<img src=x onerror=alert(1)> Notes');
    await checkDom(page);
    for (const id of passageIds) {
      await page.goto(`${server.url}#/passage/${id}?q=${encodeURIComponent('<script>alert(1)</script> keeper')}`);
      await page.locator(`#p-${id}`).waitFor();
      await checkDom(page);
    }
    expectClean(watch);
    await watch.context.close();
  });

  test('deep links carrying markup stay text', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    const links = [
      `#/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
      `#/search?q=${encodeURIComponent('"><svg onload=alert(1)>')}&doc=${encodeURIComponent('<script>alert(1)</script>')}&tag=${encodeURIComponent('<b>x</b>')}`,
      `#/passage/${encodeURIComponent('<img src=x onerror=alert(1)>')}?q=${encodeURIComponent('<script>alert(1)</script>')}`,
      `#/passage/${passageIds[0]}?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
      '#/search?q=%E0%A4%A', // malformed percent-encoding
    ];
    for (const link of links) {
      await page.goto(server.url + link);
      await page.waitForSelector('.search-view:not([hidden]), .document, .missing');
      await page.waitForTimeout(200);
      await checkDom(page);
    }
    await page.goto(server.url + links[2]);
    await page.getByText('This passage is no longer in the index').waitFor();
    expectClean(watch);
    await watch.context.close();
  });
});
