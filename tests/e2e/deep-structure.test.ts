// What the build accepts, the app can open: a document whose list nests 700 levels deep on one line (the build
// flattens structure past its depth limit) opens in the app, with its text, instead of waiting forever.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { StaticServer } from './server.ts';
import { watchedPage } from './browser.ts';
import { serveIndexOf, type ServedIndex } from './served-index.ts';

const CORPUS: Record<string, string> = {
  'deep.md': `# Deep outline\n\n${'- '.repeat(700)}the innermost lighthouse item\n\nA closing paragraph after the outline.\n`,
  'quotes.md': `# Deep quotes\n\n${'> '.repeat(400)}a quoted lighthouse remark\n`,
};

let served: ServedIndex;
let server: StaticServer;
let browser: Browser;
let passages: { id: string; text: string }[];

beforeAll(async () => {
  served = await serveIndexOf('lantern-deep-', CORPUS);
  ({ server, browser } = served);
  passages = (
    JSON.parse(readFileSync(path.join(served.index, 'passages.json'), 'utf8')) as {
      passages: { id: string; text: string }[];
    }
  ).passages;
});

afterAll(() => served?.close());

describe('structure nested past the limit', () => {
  test('every passage opens, showing its text', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    expect(passages.some((p) => p.text.includes('innermost lighthouse item'))).toBe(true);
    for (const { id, text } of passages) {
      await page.goto(`${server.url}#/passage/${id}`);
      await page.locator(`#p-${id}`).waitFor({ timeout: 15_000 });
      const shown = (await page.textContent(`#p-${id}`)) ?? '';
      for (const word of text
        .split(/\s+/)
        .filter((w) => /^[a-z]{6,}$/.test(w))
        .slice(0, 5))
        expect(shown, id).toContain(word);
    }
    expect(watch.errors).toEqual([]);
    await watch.context.close();
  });
});
