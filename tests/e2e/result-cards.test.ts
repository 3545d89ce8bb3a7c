// Results a reader can scan, and honest when nothing matches: each card titled by its passage's own heading,
// consecutive passages of one document grouped under it (each still its own deep link, in rank order for the
// arrow keys), and with no match the count 0, help to search another way, and the closest passages by meaning
// shown under a heading that says they are not matches. Compared with the Node core on the same index.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openIndex } from '../../src/indexer/read-index.ts';
import type { SearchIndex, SearchResponse } from '../../src/core/search.ts';
import type { SearchMode } from '../../src/core/types.ts';
import { SEED_INDEX_DIR } from '../fixtures/seed.ts';
import type { StaticServer } from './server.ts';
import { serveApp, type ServedApp } from './served-index.ts';
import { results, search, waitForModel } from './browser.ts';
import { FAR_QUERIES } from './screens.ts';

/** Several passages of one document rank next to each other for it. */
const GROUPED_QUERY = 'payment prediction';

let served: ServedApp;
let server: StaticServer;
let browser: Browser;
let core: { index: SearchIndex; embedQuery: (q: string) => Promise<Float32Array> };

beforeAll(async () => {
  served = await serveApp();
  ({ server, browser } = served);
  core = await openIndex(SEED_INDEX_DIR);
});

afterAll(() => served?.close());

/** What the Node core answers (the app asks for 20). */
async function coreAnswer(q: string, mode: SearchMode): Promise<SearchResponse> {
  return core.index.search(q, { mode, k: 20, queryVector: mode === 'keyword' ? null : await core.embedQuery(q) });
}

async function readyPage(): Promise<Page> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForModel(page);
  return page;
}

const activeOption = (page: Page) => page.getAttribute('#q', 'aria-activedescendant');

describe('result cards', () => {
  test('consecutive passages of one document are grouped under it, each titled by its heading, with its own deep link, in rank order', async () => {
    const ranked = (await coreAnswer(GROUPED_QUERY, 'hybrid')).results;
    const page = await readyPage();
    await search(page, GROUPED_QUERY, 'hybrid');
    const cards = await results(page);
    // Grouping never reorders: the cards read in order are the core's ranking.
    expect(cards.map((c) => c.id)).toEqual(ranked.map((r) => r.id));
    // Each card is titled by its passage's own heading (the document's title when it has none).
    cards.forEach((card, i) => expect(card.title, card.id).toBe(ranked[i].headings.at(-1) ?? ranked[i].title));

    const groups = await page.$$eval('#results .result-group', (els) =>
      els.map((g) => ({
        title: g.querySelector('.group-title')?.textContent ?? '',
        ids: Array.from(g.querySelectorAll('.result'), (r) => r.getAttribute('data-passage') ?? ''),
      })),
    );
    expect(groups.length, 'the query ranks passages of one document next to each other').toBeGreaterThan(0);
    for (const group of groups) {
      expect(group.ids.length).toBeGreaterThan(1);
      const at = ranked.findIndex((r) => r.id === group.ids[0]);
      const members = ranked.slice(at, at + group.ids.length);
      // The group is a run of the ranking from one document, named once by its title.
      expect(members.map((r) => r.id)).toEqual(group.ids);
      expect(new Set(members.map((r) => r.doc)).size).toBe(1);
      expect(group.title).toBe(members[0].title);
      // …and its neighbours are other documents (otherwise they would be in it).
      expect(ranked[at - 1]?.doc).not.toBe(members[0].doc);
      expect(ranked[at + group.ids.length]?.doc).not.toBe(members[0].doc);
    }

    // The arrow keys move through every passage link in rank order, grouped or not.
    await page.focus('#q');
    for (let i = 0; i < cards.length; i++) {
      expect(await activeOption(page)).toBe(`r-${cards[i].id}`);
      await page.press('#q', 'ArrowDown');
    }

    // Each passage of a group links to its own place: opened from its link, the passage shown is that one.
    const [group] = groups;
    const other = await browser.newContext({ serviceWorkers: 'block' });
    const tab = await other.newPage();
    for (const id of group.ids) {
      const href = await page.getAttribute(`#r-${id}`, 'href');
      expect(href).toContain(`#/passage/${id}`);
      await tab.goto(new URL(href!, server.url).href);
      await tab.waitForSelector('.passage-target');
      expect(await tab.getAttribute('.passage-target', 'id')).toBe(`p-${id}`);
    }
    await other.close();
    // Clicked in the app, the second passage of the group opens itself, not the first.
    await page.click(`#r-${group.ids[1]}`);
    await page.waitForSelector('.passage-target');
    expect(await page.getAttribute('.passage-target', 'id')).toBe(`p-${group.ids[1]}`);
    await page.context().close();
  });
});

describe('no match', () => {
  test('a nonsense query shows 0 matches, no ranked results, and help to search another way', async () => {
    const page = await readyPage();
    await page.click('.modes [role="radio"]:text-is("Keyword")');
    await search(page, 'xyzzy frobnicate', 'keyword', false);
    expect(await page.getAttribute('.results-meta', 'data-count')).toBe('0');
    expect(await page.textContent('.results-meta')).toContain('No passages match.');
    expect(await page.locator('.result').count()).toBe(0);
    expect(await page.textContent('.no-match')).toContain('Try fewer or broader words.');
    // The exact words found nothing: search by meaning is offered, and runs in place with the typing kept.
    await page.getByRole('button', { name: 'Try semantic search (by meaning)' }).click();
    await page.waitForSelector('.results-meta[data-mode="semantic"][data-settled="true"]');
    expect(await page.getAttribute('.modes [data-mode="semantic"]', 'aria-checked')).toBe('true');
    // Words no passage uses match nothing by meaning either: still 0 matches. Semantic mode ranks every passage by
    // meaning, so the nearest ones are listed, but only under "Weaker matches", never as matches.
    expect(await page.getAttribute('.results-meta', 'data-count')).toBe('0');
    const shown = await page.locator('.results-area .result').count();
    expect(await page.locator('.results-area .weak .result').count()).toBe(shown);
    if (shown) expect(await page.textContent('.weak-title')).toBe('Weaker matches');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.context().close();
  });

  test('a query with only weak neighbours shows them under "Closest passages by meaning (not matches)", never counted', async () => {
    let query: string | undefined;
    let closest: SearchResponse['closest'] = [];
    for (const q of FAR_QUERIES) {
      const answer = await coreAnswer(q, 'hybrid');
      if (answer.results.length === 0 && answer.closest.length > 0) {
        query = q;
        closest = answer.closest;
        break;
      }
    }
    expect(query, `one of ${FAR_QUERIES.join(', ')} has no match and passages near it in meaning`).toBeDefined();

    const page = await readyPage();
    await search(page, query!, 'hybrid', false);
    await page.waitForSelector('#closest .result');
    expect(await page.getAttribute('.results-meta', 'data-count')).toBe('0');
    expect(await page.textContent('.results-meta')).toContain('No passages match.');
    expect(await page.locator('#results .result').count()).toBe(0);
    await page.getByRole('heading', { name: 'Closest passages by meaning (not matches)' }).waitFor();
    expect(await page.$$eval('#closest .result', (els) => els.map((e) => e.getAttribute('data-passage')))).toEqual(
      closest.map((r) => r.id),
    );
    // The search box's list is now the closest passages: the arrow keys and Enter work on them.
    expect(await page.getAttribute('#q', 'aria-controls')).toBe('closest');
    await page.focus('#q');
    expect(await activeOption(page)).toBe(`r-${closest[0].id}`);
    if (closest.length > 1) {
      await page.press('#q', 'ArrowDown');
      expect(await activeOption(page)).toBe(`r-${closest[1].id}`);
    }
    const opened = closest[closest.length > 1 ? 1 : 0].id;
    await page.press('#q', 'Enter');
    await page.waitForSelector('.passage-target');
    expect(await page.getAttribute('.passage-target', 'id')).toBe(`p-${opened}`);
    await page.getByRole('button', { name: '← Back' }).click();
    // Meaning found nothing close enough: the exact words are offered.
    await page.getByRole('button', { name: 'Try keyword search (the exact words)' }).click();
    await page.waitForSelector('.results-meta[data-mode="keyword"][data-settled="true"]');
    await page.context().close();
  });
});
