// Links between documents in the app, on an Obsidian-style vault: a wiki link with a heading and a relative
// markdown link open the passage they name inside the app (Back returns to the passage they were followed from),
// "Linked from" lists the notes linking to the one shown and opens them, a link to a missing note is marked text.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { PassagesFile } from '../../src/core/index-format/manifest.ts';
import { serveIndexOf, type ServedIndex } from './served-index.ts';
import { writeVault } from '../fixtures/vault.ts';
import { tempDir } from '../fixtures/helpers.ts';
import { axeViolations, screenContext } from './screens.ts';

let served: ServedIndex;
let index: PassagesFile;
const vault = tempDir('lantern-vault-e2e-');

beforeAll(async () => {
  const folder = path.join(vault.dir, 'vault');
  mkdirSync(folder);
  served = await serveIndexOf('lantern-links-', writeVault(folder));
  index = JSON.parse(readFileSync(path.join(served.index, served.manifest.files.passages), 'utf8')) as PassagesFile;
});

afterAll(async () => {
  await served?.close();
  vault.cleanup();
});

/** The passage of document `doc` under `heading` (its first passage when none is given). */
function passageId(doc: string, heading?: string): string {
  const d = index.documents.findIndex((x) => x.id === doc);
  const p = index.passages.find((x) => x.doc === d && (heading === undefined || x.headings.at(-1) === heading));
  if (!p) throw new Error(`no passage of ${doc} under ${heading}`);
  return p.id;
}

/** Waits until the passage view shows passage `id` as the target, and returns its document's title. */
async function landedOn(page: Page, id: string): Promise<string> {
  await page.waitForFunction((id) => location.hash.startsWith(`#/passage/${id}`), id);
  await page.waitForSelector(`#p-${id}.passage-target`);
  return (await page.textContent('.doc-title'))!.trim();
}

describe('links between documents', () => {
  test('a wiki link to a heading and a relative link open the passage they name; Back returns; Linked from opens the linking note', async () => {
    const context = await served.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const home = passageId('Home.md');
    await page.goto(`${served.server.url}#/passage/${home}`);
    expect(await landedOn(page, home)).toBe('Welcome to the vault');

    // [[Internal links#Link to a heading|how heading links work]]
    await page.click(`#p-${home} a:text-is("how heading links work")`);
    const heading = passageId('Internal links.md', 'Link to a heading');
    expect(await landedOn(page, heading)).toBe('Internal links');
    expect(await page.textContent(`#p-${heading}`)).toContain('linking to a heading');
    // The note is linked from Home (its title), and from nowhere else.
    expect(await page.locator('.linked-from a').allTextContents()).toEqual(['Welcome to the vault']);

    await page.getByRole('button', { name: '← Back' }).click();
    expect(await landedOn(page, home)).toBe('Welcome to the vault');

    // [the setup guide](Guides/Setup.md#install-the-app)
    await page.click(`#p-${home} a:text-is("the setup guide")`);
    const install = passageId('Guides/Setup.md', 'Install the app');
    expect(await landedOn(page, install)).toBe('Setting up');
    expect(await page.textContent(`#p-${install}`)).toContain('installing the app');

    // Linked from: the deep note (by [[Setup#Sync]]) and Home, each opening the passage holding the link.
    expect(await page.locator('.linked-from a').allTextContents()).toEqual(['Deep note', 'Welcome to the vault']);
    await page.click('.linked-from a:text-is("Deep note")');
    expect(await landedOn(page, passageId('Folders/Deep note.md'))).toBe('Deep note');
    await context.close();
  });

  test('a link to a missing note is marked text, not a link; links carry no URL from the notes', async () => {
    const context = await served.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const home = passageId('Home.md');
    await page.goto(`${served.server.url}#/passage/${home}`);
    await landedOn(page, home);
    const missing = page.locator(`#p-${home} .unresolved`);
    expect(await missing.allTextContents()).toEqual(['Missing note']);
    expect(await missing.getAttribute('title')).toBe('Not in this site');
    const hrefs = await page.$$eval('.document a[href]', (links) => links.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(5);
    expect(hrefs.every((href) => /^#\/passage\/[a-z0-9-]+$/.test(href))).toBe(true);
    await context.close();
  });

  test('the passage view with links, a missing note and Linked from: no axe violation on a phone and a laptop, light and dark', async () => {
    const found: string[] = [];
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const context = await screenContext(served.browser, 'light', viewport, true);
      const page = await context.newPage();
      const id = passageId('Guides/Setup.md', 'Install the app');
      await page.goto(`${served.server.url}#/passage/${id}`);
      await landedOn(page, id);
      await page.waitForSelector('.linked-from a');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const v of await axeViolations(page)) found.push(`${viewport.width}px ${scheme}: ${v.id} (${v.impact})`);
      }
      // The page that holds the missing note's marked text too.
      await page.goto(`${served.server.url}#/passage/${passageId('Home.md')}`);
      await landedOn(page, passageId('Home.md'));
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const v of await axeViolations(page))
          found.push(`${viewport.width}px ${scheme} home: ${v.id} (${v.impact})`);
      }
      await context.close();
    }
    expect(found).toEqual([]);
  });
});
