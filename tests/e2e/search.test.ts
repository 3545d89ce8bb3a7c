// The app against the real index in headless Chromium: paraphrased questions, keyword-before-model ordering,
// passage deep links, screenshots, and the same ranking as the Node core.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openIndex, readIndexFiles } from '../../src/indexer/read-index.ts';
import { SEED_INDEX_DIR } from '../fixtures/seed.ts';
import type { StaticServer } from './server.ts';
import { serveApp, type ServedApp } from './served-index.ts';
import { results, search, waitForModel } from './browser.ts';

/** Passage ids hybrid search in Node ranks first for `q` (the app asks for 20). */
async function nodeHybrid(q: string): Promise<string[]> {
  const { index, embedQuery } = await openIndex(SEED_INDEX_DIR);
  return (await index.search(q, { mode: 'hybrid', k: 20, queryVector: await embedQuery(q) })).results.map((r) => r.id);
}

// Paraphrases (few words shared with the text) and where their answer lives: robust to passage-id changes.
const QUESTIONS = [
  {
    q: 'why did a simple model beat deep learning',
    doc: 'technical-projects.md',
    heading: 'Production Payment Prediction System',
  },
  {
    q: 'how was the eye disease progression model built',
    doc: 'technical-projects.md',
    heading: 'Johns Hopkins Wilmer Eye Institute',
  },
  {
    q: 'who were the stakeholders for the pharma persona project',
    doc: 'amgen-digital-persona-case-study.md',
    heading: '',
  },
];

let served: ServedApp;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  served = await serveApp();
  ({ server, browser } = served);
});

afterAll(() => served?.close());

async function freshPage(): Promise<Page> {
  // No service worker here: these cases are about the network path (offline.test.ts covers the SW).
  const context = await browser.newContext({ serviceWorkers: 'block' });
  return context.newPage();
}

describe('search', () => {
  test('paraphrased questions find their passage in the top 3 (hybrid, model ready)', async () => {
    const page = await freshPage();
    await page.goto(server.url);
    await waitForModel(page);
    for (const { q, doc, heading } of QUESTIONS) {
      await search(page, q, 'hybrid');
      const top = (await results(page)).slice(0, 3);
      expect(
        top.some((r) => r.doc === doc && r.crumbs.includes(heading)),
        `${q} → ${JSON.stringify(top)}`,
      ).toBe(true);
    }
    await page.context().close();
  });

  test('keyword results appear before the model is ready, then re-rank as hybrid in place', async () => {
    const page = await freshPage();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.context().route('**/index/model.*/onnx/*.onnx', async (route) => {
      await gate;
      await route.continue();
    });
    const started = Date.now();
    await page.goto(server.url);
    await search(page, QUESTIONS[0].q, 'keyword');
    const firstResults = Date.now() - started;
    expect(await page.getAttribute('.status-text', 'data-model')).toBe('loading');
    expect(await page.textContent('.results-meta')).toContain('keyword until the model is ready');
    // The user moves down the list to a passage that hybrid ranking also shows (one keyword alone matched is
    // dropped when the model arrives: it holds too little of the question and is not close in meaning); the
    // place is kept when the model arrives.
    const keywordIds = (await results(page)).map((r) => r.id);
    const hybridIds = new Set((await nodeHybrid(QUESTIONS[0].q)).slice(0, 20));
    const steps = keywordIds.findIndex((id, i) => i > 0 && hybridIds.has(id));
    expect(steps).toBeGreaterThan(0);
    for (let i = 0; i < steps; i++) await page.press('#q', 'ArrowDown');
    const selected = await page.getAttribute('.result:has(> [aria-selected="true"])', 'data-passage');
    expect(selected).toBe(keywordIds[steps]);
    release();
    await waitForModel(page);
    const modelReady = Date.now() - started;
    await search(page, QUESTIONS[0].q, 'hybrid');
    expect(await page.getAttribute('.result:has(> [aria-selected="true"])', 'data-passage')).toBe(selected);
    console.log(
      `[e2e] first keyword results ${firstResults} ms after navigation; model ready ${modelReady} ms (model file held back until the first results)`,
    );
    await page.context().close();
  });

  test('cold start from a passage deep link shows it highlighted and in view', async () => {
    const { passages } = (await readIndexFiles(SEED_INDEX_DIR)).passages as {
      passages: { id: string; headings: string[]; text: string }[];
    };
    // A passage far down its document, so scrolling is needed, that holds the query's words (for the marks).
    const target =
      passages.find(
        (p) =>
          p.headings.includes('Production Payment Prediction System') &&
          p.headings.length === 3 &&
          /predictor/i.test(p.text),
      ) ?? passages[Math.floor(passages.length / 2)];
    const page = await freshPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}#/passage/${target.id}?q=${encodeURIComponent('payment age predictor')}`);
    const section = page.locator(`#p-${target.id}`);
    await section.waitFor();
    expect(await section.getAttribute('class')).toContain('passage-target');
    await page.waitForFunction((id) => {
      const r = document.getElementById(`p-${id}`)!.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight && r.bottom > 0;
    }, target.id);
    expect(await section.locator('mark').count()).toBeGreaterThan(0);
    expect(page.url()).toContain(`#/passage/${target.id}`);
    // Esc goes back to a search for the same words (no app history on a cold start).
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => location.hash.startsWith('#/search?q=payment'));
    await page.context().close();
  });

  test('unknown passage ids explain themselves and offer the search', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}#/passage/zzzzzzzzzzzz?q=logistic`);
    await page.getByText('This passage is no longer in the index').waitFor();
    // Wait for the model first: reading its state and then expecting a mode would race with it loading.
    await waitForModel(page);
    await page.getByRole('button', { name: 'Search for “logistic”' }).click();
    await search(page, 'logistic', 'hybrid');
    await page.context().close();
  });

  test('the app and the Node core rank the same top 10', async () => {
    const { index, embedQuery } = await openIndex(SEED_INDEX_DIR);

    const page = await freshPage();
    await page.goto(server.url);
    await waitForModel(page);
    for (const { q } of QUESTIONS) {
      const vector = await embedQuery(q);
      const node = (await index.search(q, { mode: 'hybrid', k: 10, queryVector: vector })).results.map((r) => r.id);
      await search(page, q, 'hybrid');
      const app = (await results(page)).slice(0, 10).map((r) => r.id);
      expect(app, q).toEqual(node);
    }
    await page.context().close();
  });
});
