// Update safety: a new build (other corpus, other model, other index version) is deployed while a tab is open.
// The tab keeps answering from the old build — also across a plain reload — until the user accepts the update;
// then it answers from the new index with the new model, never a mix (the worker checks every file against
// the manifest, so a mix would show as a failure).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildIndex } from '../../src/indexer/build.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { serve, type StaticServer } from './server.ts';
import { launch, search, waitForModel } from './browser.ts';
import { copyApp, readManifest, settled } from './app-copy.ts';
import { buildApp, removeAppShell } from './app-build.ts';
import { TEACHER_CACHE_DIR } from '../fixtures/seed.ts';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';

const CORPUS_B: Record<string, string> = {
  'zeppelins.md':
    '# Zeppelins\n\nA zeppelin is a rigid airship: a fabric skin over a frame of aluminium girders, lifted by hydrogen cells.\n\n## Hangars\n\nThe zeppelin hangar at Friedrichshafen was large enough for two airships side by side.\n',
  'bees.md':
    '# Beekeeping\n\nA hive inspection in spring looks for the queen, brood pattern and stores of honey and pollen.\n',
};

let work: string;
let current: string;
let appA: string;
let appB: string;
let manifestA: IndexManifest;
let manifestB: IndexManifest;
let server: StaticServer;
let browser: Browser;

function readManifestDocs(app: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(app, 'index/manifest.json'), 'utf8')) as IndexManifest;
  return (
    JSON.parse(readFileSync(path.join(app, 'index', manifest.files.passages), 'utf8')) as {
      documents: { id: string }[];
    }
  ).documents.map((d) => d.id);
}

/** Points the served folder at another build, atomically (a symlink renamed over the old one). */
function deploy(app: string): void {
  const next = `${current}.next`;
  symlinkSync(app, next);
  renameSync(next, current);
}

beforeAll(async () => {
  const copy = copyApp('lantern-update-');
  work = copy.work;
  appA = copy.app;
  manifestA = readManifest(appA);
  // Build B: another corpus and another model (the default model with a small general vocabulary, not adapted).
  const data = path.join(work, 'data-b');
  mkdirSync(data);
  for (const [file, text] of Object.entries(CORPUS_B)) writeFileSync(path.join(data, file), text);
  await buildIndex({
    data,
    out: path.join(work, 'index-b'),
    generalWords: 2000,
    adapt: false,
    teacherCacheDir: TEACHER_CACHE_DIR,
    reporter: silentReporter,
  });
  appB = path.join(work, 'app-b');
  await buildApp(path.join(work, 'index-b'), appB);
  manifestB = readManifest(appB);
  current = path.join(work, 'current');
  symlinkSync(appA, current);
  server = await serve(current);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
  removeAppShell();
});

describe('deploying a new build while a tab is open', () => {
  test('the tab answers from A until the update is accepted, then from B with B’s model', async () => {
    const onnx = Object.keys(manifestA.model.files).find((f) => f.endsWith('.onnx'))!;
    expect(manifestB.version).not.toBe(manifestA.version);
    expect(manifestB.model.files[onnx]).not.toBe(manifestA.model.files[onnx]);
    expect(readFileSync(path.join(appB, 'sw.js'), 'utf8')).not.toBe(readFileSync(path.join(appA, 'sw.js'), 'utf8'));

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const version = () => page.getAttribute('.app', 'data-index-version');

    await page.goto(server.url);
    await waitForModel(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // A returning visit: the page is now controlled by A's service worker and served from its precache.
    // (On the very first visit the page is not controlled, and B's worker activates at once — that tab keeps A
    // in memory and any later file it fetched would fail its manifest check rather than mix.)
    await page.reload();
    await waitForModel(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await version()).toBe(manifestA.version);
    await search(page, 'logistic regression', 'hybrid');

    deploy(appB);
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await page.getByRole('button', { name: 'Reload' }).waitFor({ timeout: 60_000 });
    // B is installed and waiting. The open tab still answers from A: A's words find A's passages, B's find nothing.
    expect(await version()).toBe(manifestA.version);
    const fromA = new Set(readManifestDocs(appA));
    const stillA = await settled(page, 'logistic regression');
    expect(stillA.docs.length).toBeGreaterThan(0);
    expect(stillA.docs.filter((d) => !fromA.has(d))).toEqual([]);
    // B's words match nothing in A (no passage of A clears its semantic floor), and none of B's passages shows.
    expect((await settled(page, 'zeppelin hangar')).docs).toEqual([]);
    // A plain reload is not an acceptance: still A, whole (model ready, no mismatch).
    await page.reload();
    await waitForModel(page);
    expect(await version()).toBe(manifestA.version);
    await search(page, 'logistic regression', 'hybrid');
    expect(await page.locator('.problem-notice, [role="alert"]').count()).toBe(0);

    // Accepting: the new service worker takes over and the page reloads into B.
    await page.getByRole('button', { name: 'Reload' }).waitFor({ timeout: 60_000 });
    await Promise.all([
      page.waitForEvent('load', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Reload' }).click(),
    ]);
    await page.waitForFunction(
      (v) => document.querySelector('.app')?.getAttribute('data-index-version') === v,
      manifestB.version,
      { timeout: 60_000 },
    );
    await waitForModel(page);
    await search(page, 'zeppelin hangar', 'hybrid');
    const top = await page.$$eval('#results .result', (items) => items.map((li) => li.getAttribute('data-doc')));
    expect(top[0]).toBe('zeppelins.md');
    expect((await settled(page, 'logistic regression')).docs.every((d) => Object.keys(CORPUS_B).includes(d))).toBe(
      true,
    );
    expect(await page.locator('.problem-notice, [role="alert"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
