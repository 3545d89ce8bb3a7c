// The PWA: after one online visit the service worker has precached everything and the app answers semantic
// queries offline; the app is installable and its icons load.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { StaticServer } from './server.ts';
import { serveApp, type ServedApp } from './served-index.ts';
import { launchPersistent, results, search, setMode, waitForModel } from './browser.ts';

let served: ServedApp;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  served = await serveApp();
  ({ server, browser } = served);
});

afterAll(() => served?.close());

describe('offline and install', () => {
  test('after one online visit, a reload offline still answers semantic queries', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForModel(page);
    // The worker registers after the model is ready; `ready` resolves once it is active (precached), possibly
    // still activating: wait for activated, as a reload right then would not be served by it yet.
    const precached = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const worker = registration.active!;
      if (worker.state === 'activating')
        await new Promise((resolve) => worker.addEventListener('statechange', resolve, { once: true }));
      const names = await caches.keys();
      let entries = 0;
      for (const name of names) entries += (await (await caches.open(name)).keys()).length;
      return { active: registration.active?.state, names, entries };
    });
    expect(precached.active).toBe('activated');
    expect(precached.entries).toBeGreaterThan(10);
    expect(precached.names.some((n) => n.includes('transformers'))).toBe(false);

    // Cut the network, then reload: every file must come from the service worker, and the app must say it is offline
    // (from what it can reach, not from navigator.onLine, which some Chromium versions leave true here).
    await context.setOffline(true);
    const sentBefore = server.bodies.length;
    await page.reload();
    await page.getByText('Offline', { exact: true }).waitFor();
    await waitForModel(page);
    await setMode(page, 'Semantic');
    await search(page, 'how was the eye disease progression model built', 'semantic');
    const top = (await results(page)).slice(0, 3);
    expect(
      top.some((r) => r.crumbs.includes('Johns Hopkins Wilmer Eye Institute')),
      JSON.stringify(top),
    ).toBe(true);
    expect(server.bodies.slice(sentBefore), 'nothing reached the server with the network cut').toEqual([]);

    // The network comes back: the badge goes once the origin answers again.
    await context.setOffline(false);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await page.getByText('Offline', { exact: true }).waitFor({ state: 'detached' });
    await context.close();
  });

  test('a first visit downloads the model and index once, and never ONNX Runtime: the service worker revalidates what the page fetched', async () => {
    // A real profile (an incognito context's in-memory HTTP cache keeps no file as large as the model).
    const dir = mkdtempSync(path.join(tmpdir(), 'lantern-first-visit-'));
    const context = await launchPersistent(dir);
    try {
      const page = await context.newPage();
      const before = server.bodies.length;
      await page.goto(server.url);
      await waitForModel(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      // Hashed files only: index.html, manifest.json and the icons carry revisions and are small.
      const sent = server.bodies
        .slice(before)
        .filter((p) => p.startsWith('/assets/') || (p.startsWith('/index/') && !p.endsWith('/manifest.json')));
      // The default model is a static one: it runs without ONNX Runtime, so neither the page nor the service worker
      // fetches the wasm, and the site does not even carry it.
      expect(sent.some((p) => p.endsWith('.onnx')) && !sent.some((p) => p.endsWith('.wasm')), sent.join('\n')).toBe(
        true,
      );
      expect(readdirSync(path.join(served.app, 'assets')).filter((f) => f.endsWith('.wasm'))).toEqual([]);
      expect(
        sent.filter((p, i) => sent.indexOf(p) !== i),
        sent.join('\n'),
      ).toEqual([]);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('installable: no installability errors, manifest icons load as PNG', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lantern-install-'));
    const context = await launchPersistent(dir);
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      await waitForModel(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: unknown[];
      };
      expect(installabilityErrors).toEqual([]);

      const manifest = (await (await context.request.get(new URL('manifest.webmanifest', server.url).href)).json()) as {
        icons: { src: string; purpose: string }[];
      };
      expect(manifest.icons.map((i) => i.purpose).sort()).toEqual(['any', 'any', 'maskable', 'maskable']);
      for (const icon of manifest.icons) {
        const response = await context.request.get(new URL(icon.src, server.url).href);
        expect(response.status(), icon.src).toBe(200);
        expect(response.headers()['content-type']).toBe('image/png');
      }
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
