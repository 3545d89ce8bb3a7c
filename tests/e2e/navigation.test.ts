// Finding your way, in Chromium: filters by folder (kept in the URL), "Show more" with the keyboard order and Back
// intact, a deep-linked passage that says where it is with the headers in reach (phone size), and the home
// screen's example questions and browsing by folder.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serveApp, serveIndexOf, type ServedApp, type ServedIndex } from './served-index.ts';
import { results, search, waitForModel } from './browser.ts';
import { QUERY } from './screens.ts';

const PHONE = { width: 390, height: 844 };
const LONG_LINE = `let ${'very_long_name_'.repeat(12)} = 1;`;

/** An Obsidian-style vault: notes in folders, one word ("release") in documents of every folder. */
const VAULT: Record<string, string> = {
  'notes/work/standup.md': '# Standup\n\nThe release is on Friday; the team reviewed the open bugs.\n',
  'notes/work/release.md': `# Release checklist\n\n## Before the release\n\nFreeze the branch and run the tests.\n\n\`\`\`js\n${LONG_LINE}\n\`\`\`\n`,
  'notes/home/garden.md': '# Garden\n\nPlant the tomatoes after the last frost, before the release of the new seeds.\n',
  'journal/monday.md': '# Monday\n\nWrote about the release and about the garden.\n',
  'readme.md': '# Read me\n\nThis vault holds notes and a journal; the release notes live in notes/work.\n',
};

let data: ServedApp;
let vault: ServedIndex;

beforeAll(async () => {
  [data, vault] = await Promise.all([serveApp(), serveIndexOf('lantern-vault-', VAULT)]);
});

afterAll(async () => {
  await Promise.all([data?.close(), vault?.close()]);
});

async function openApp(served: ServedApp, hash = '', viewport?: { width: number; height: number }): Promise<Page> {
  const context = await served.browser.newContext({ serviceWorkers: 'block', ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  await page.goto(served.server.url + hash);
  await waitForModel(page);
  return page;
}

const docsShown = async (page: Page) => [...new Set((await results(page)).map((r) => r.doc))].sort();

describe('folders', () => {
  test('a folder filter keeps the documents in it and below; it is in the URL, and the link opens the same filter', async () => {
    const page = await openApp(vault);
    await search(page, 'release', 'hybrid');
    expect(await docsShown(page)).toEqual(
      [
        'journal/monday.md',
        'notes/home/garden.md',
        'notes/work/release.md',
        'notes/work/standup.md',
        'readme.md',
      ].sort(),
    );
    await page.click('.filters-toggle');
    // Collapsed: the top folders with their document counts, and the document at the root.
    expect(await page.locator('.filters .chip-folder').allTextContents()).toEqual([
      'journal 1 document',
      'notes 3 documents',
    ]);
    await page.getByRole('button', { name: 'notes 3 documents' }).click();
    await page.waitForFunction(() => location.hash.includes('folder=notes'));
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#results .result')].every((r) => r.getAttribute('data-doc')?.startsWith('notes/')),
    );
    expect(await docsShown(page)).toEqual(['notes/home/garden.md', 'notes/work/release.md', 'notes/work/standup.md']);
    // Open the folder: its folders, each with its count.
    await page.getByRole('button', { name: 'notes: 3 documents' }).click();
    expect(await page.getByRole('button', { name: 'work 2 documents' }).count()).toBe(1);

    // The same link in a new page shows the same filtered results, the filter in sight.
    const hash = new URL(page.url()).hash;
    const again = await openApp(vault, hash);
    await again.waitForSelector('.results-meta[data-settled="true"]');
    expect(await docsShown(again)).toEqual(['notes/home/garden.md', 'notes/work/release.md', 'notes/work/standup.md']);
    expect(await again.locator('.filters-active .chip').allTextContents()).toEqual(['notes/']);
    await page.context().close();
    await again.context().close();
  });

  test('home: browse by folder; a document opens at its first passage', async () => {
    const page = await openApp(vault);
    await page.getByRole('button', { name: 'notes 3 documents' }).click();
    await page.getByRole('button', { name: 'work 2 documents' }).click();
    await page.getByRole('link', { name: 'Release checklist' }).click();
    await page.waitForSelector('.passage-target');
    expect(await page.textContent('#doc-title')).toBe('Release checklist');
    // The first passage of the document is the one opened.
    const first = await page.$eval('.document .passage', (el) => el.id);
    expect(await page.$eval('.passage-target', (el) => el.id)).toBe(first);
    await page.context().close();
  });
});

describe('Show more', () => {
  test('honest counts; Show more loads the next page, focus on its first result; Back returns to the same list', async () => {
    const page = await openApp(data);
    await search(page, QUERY, 'hybrid');
    const meta = await page.textContent('.results-meta');
    const total = Number(/^Top 20 of (\d+)\+? matches/.exec(meta ?? '')?.[1]);
    expect(total, meta ?? '').toBeGreaterThan(20);
    const firstPage = (await results(page)).map((r) => r.id);
    await page.click('.show-more');
    await page.waitForFunction(() => document.querySelectorAll('#results .result').length > 20);
    const shown = (await results(page)).map((r) => r.id);
    expect(shown.slice(0, 20)).toEqual(firstPage);
    expect(shown.length).toBe(Math.min(40, total));
    const focused = await page.evaluate(() => document.activeElement?.id);
    expect(shown.indexOf(focused?.slice(2) ?? ''), focused).toBe(20);
    expect(page.url()).toContain(`n=40`);
    // The keyboard goes on from there, through the new results.
    await page.focus('#q');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#q', 'aria-activedescendant')).toBe(`r-${shown[25]}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.passage-target');
    await page.goBack();
    await page.waitForFunction((n) => document.querySelectorAll('#results .result').length === n, shown.length);
    await page.waitForFunction((id) => document.activeElement?.id === id, `r-${shown[25]}`);
    await page.context().close();
  });
});

describe('a deep link on a phone', () => {
  test('says which document and headings the passage is under, keeps both headers in reach, and lands below them', async () => {
    const page = await openApp(data, '', PHONE);
    await search(page, QUERY, 'hybrid');
    const deep = (await results(page)).find((r) => r.crumbs.split(' > ').length >= 3)!;
    expect(deep, 'a result two headings deep').toBeDefined();
    const linked = await openApp(data, `#/passage/${deep.id}`, PHONE);
    await linked.waitForSelector('.passage-target');
    await linked.waitForTimeout(300);
    const context = await linked.$$eval('.passage-context .crumb', (els) => els.map((e) => e.textContent));
    const docTitle = await linked.textContent('#doc-title');
    expect(context[0]).toBe(docTitle);
    expect(context.at(-1)).toBe(deep.title);
    const box = (selector: string) => linked.$eval(selector, (el) => el.getBoundingClientRect().toJSON());
    // Scrolled into the document, yet the site header and the passage's header are on screen, the passage under them.
    expect(await linked.evaluate(() => scrollY)).toBeGreaterThan(0);
    const top = await box('.topbar');
    const head = await box('.passage-head');
    expect(top.top).toBe(0);
    expect(head.top).toBeGreaterThanOrEqual(top.bottom - 1);
    expect((await box('.passage-target')).top).toBeGreaterThanOrEqual(head.bottom);
    expect(await linked.isVisible('.brand')).toBe(true);
    await page.context().close();
    await linked.context().close();
  });

  test('a code block wider than the phone can be reached with the keyboard', async () => {
    const page = await openApp(vault, '', PHONE);
    await search(page, 'freeze branch', 'hybrid');
    await page.click('#results .result a');
    await page.waitForSelector('.passage-target pre[tabindex="0"]');
    expect(await page.getAttribute('.passage-target pre', 'aria-label')).toBe('Code (scrolls sideways)');
    await page.context().close();
  });
});

describe('home', () => {
  test("offers the configuration's example questions; one runs a search", async () => {
    const page = await openApp(data);
    const examples = page.getByRole('region', { name: 'Try asking' }).getByRole('button');
    expect(await examples.allTextContents()).toEqual([
      'Why did a simple model win?',
      'Which model won for payment prediction?',
      'What was the consulting case study about?',
      'Where was the engineering fellowship?',
    ]);
    await examples.nth(1).click();
    await page.waitForSelector('#results .result');
    expect(await page.inputValue('#q')).toBe('Which model won for payment prediction?');
    expect(decodeURIComponent(page.url())).toContain('q=Which+model+won');
    await page.context().close();
  });
});
