// Any Transformers.js model in the app, not only Lantern's own: an index built with a BERT-architecture model
// fetched from the stand-in hub (scripts/make-tiny-bert.ts: WordPiece, input_ids/attention_mask/token_type_ids,
// 384-d, random weights) is built into the app; the worker loads that model with ONNX Runtime Web (its wasm downloaded
// and precached, unlike for the static default model), hybrid and
// semantic searches are answered by it, and after one online visit a reload with the network cut still answers.
// Random weights rank nothing by meaning: the test checks behaviour (loads, answers, the mode that ranked), not order.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { makeTinyBert, TINY_BERT_DIM } from '../../scripts/make-tiny-bert.ts';
import { buildIndex } from '../../src/indexer/build.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';
import { DATA } from '../fixtures/helpers.ts';
import { FakeHub } from '../fixtures/hub.ts';
import { serve, type StaticServer } from './server.ts';
import { launch, results, search, setMode, waitForModel } from './browser.ts';
import { readManifest } from './app-copy.ts';
import { buildApp, removeAppShell } from './app-build.ts';

const MODEL = 'test-org/tiny-bert';
let work: string;
let app: string;
let manifest: IndexManifest;
let hub: FakeHub;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lantern-tiny-bert-app-'));
  makeTinyBert(path.join(work, 'tiny-bert'));
  hub = new FakeHub({ [MODEL]: { dir: path.join(work, 'tiny-bert') } });
  await hub.start();
  const index = path.join(work, 'index');
  await buildIndex({
    data: DATA,
    out: index,
    model: MODEL,
    hubHost: hub.host,
    modelCacheDir: path.join(work, 'hub-cache'),
    reporter: silentReporter,
  });
  await hub.stop(); // the app never talks to the hub: the model is in the index
  app = path.join(work, 'app');
  await buildApp(index, app);
  manifest = readManifest(app);
  server = await serve(app);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
  removeAppShell();
});

describe('a BERT-architecture hub model in the app', () => {
  test('the worker loads it, hybrid and semantic searches are answered with it, and again offline after a reload', async () => {
    expect(manifest.model.name).toBe(MODEL);
    expect(manifest.model.dim).toBe(TINY_BERT_DIM);
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    context.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !/^(data|blob):/.test(request.url())) foreign.push(request.url());
    });

    await page.goto(server.url);
    await waitForModel(page);
    // The model files the worker downloaded are the tiny BERT's, as the manifest lists them, and a transformer needs
    // ONNX Runtime: its wasm is in the site and was downloaded too (and precached: the offline reload below runs the
    // model again).
    const onnx = `${manifest.model.path}/onnx/model_quantized.onnx`;
    expect(
      server.bodies.some((p) => p === `/index/${onnx}`),
      server.bodies.join('\n'),
    ).toBe(true);
    expect(
      server.bodies.some((p) => p.endsWith('.wasm')),
      server.bodies.join('\n'),
    ).toBe(true);
    expect(
      JSON.parse(readFileSync(path.join(app, 'index', manifest.model.path, 'config.json'), 'utf8')).model_type,
    ).toBe('bert');

    const passages = JSON.parse(readFileSync(path.join(app, 'index', manifest.files.passages), 'utf8')) as {
      passages: { id: string; text: string }[];
    };
    // A passage's own first 40 words: the one query whose answer a random model still ranks high.
    const target = passages.passages.find((p) => p.text.includes('Counterintuitive result'))!;
    const ownWords = target.text.split(/\s+/).slice(0, 40).join(' ');
    const answers = async () => {
      // The results header names the mode that ranked them: hybrid, not a silent fall back to keywords.
      await search(page, 'logistic regression', 'hybrid');
      expect((await results(page)).length).toBeGreaterThan(0);
      await setMode(page, 'Semantic');
      await search(page, ownWords, 'semantic');
      expect((await results(page))[0]?.id).toBe(target.id);
      await setMode(page, 'Hybrid');
      // Settled in hybrid: the address bar (which a reload restores) names the mode only once the switch has rendered.
      await search(page, ownWords, 'hybrid');
    };
    await answers();

    // Precached by the service worker (activated, not still activating) before the network goes.
    await page.evaluate(async () => {
      const worker = (await navigator.serviceWorker.ready).active!;
      if (worker.state === 'activating')
        await new Promise((resolve) => worker.addEventListener('statechange', resolve, { once: true }));
    });
    await context.setOffline(true);
    const sentBefore = server.bodies.length;
    await page.reload();
    await page.getByText('Offline', { exact: true }).waitFor();
    await waitForModel(page);
    await answers();
    expect(server.bodies.slice(sentBefore), 'nothing reached the server with the network cut').toEqual([]);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
