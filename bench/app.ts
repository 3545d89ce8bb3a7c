// The real app (a built site) in headless Chromium: time to the first keyword result and to "model ready", cold
// (empty profile) and warm (second visit, served by the service worker), the bytes of the first visit, and
// main-thread long tasks (PerformanceObserver) during load and search. `indexDir` swaps the app's index.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchPersistent, search } from '../tests/e2e/browser.ts';
import { serve } from '../tests/e2e/server.ts';

const TIMEOUT_MS = 5 * 60_000;
/** A result card on screen (a deep-linked search renders the list without the search box's listbox id). */
export const RESULT_SELECTOR = '.results-area .result';
/** The status line once the model is ready. */
export const READY_SELECTOR = '[data-model="ready"]';

export interface Visit {
  /** ms from navigation start to the first result on screen (keyword: the model is still loading). */
  firstResult: number;
  /** ms from navigation start to the status saying the model is ready. */
  modelReady: number;
  /** Main-thread long tasks (ms), load and searches included. */
  longTasks: number[];
}

export interface AppStart {
  cold: Visit;
  /** Measured for the seed app only (a 100k second visit reopens the whole index again: minutes). */
  warm?: Visit;
  /** First visit, everything the server sent (page, worker, wasm, index, model, service-worker precache); `distinct*`: each path counted once. */
  firstVisit: {
    requests: number;
    gzipBytes: number;
    rawBytes: number;
    distinctGzipBytes: number;
    distinctRawBytes: number;
  };
}

declare global {
  interface Window {
    __bench: { firstResult?: number; modelReady?: number; longTasks: number[] };
  }
}

/**
 * Installed before the app's scripts: records when results and readiness first appear, and long tasks.
 * A string, not a function: tsx would wrap a function's inner closures in a helper the page does not have.
 */
const PROBE = `
  const state = { longTasks: [] };
  window.__bench = state;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => state.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (state.firstResult === undefined && document.querySelector('${RESULT_SELECTOR}')) state.firstResult = performance.now();
    if (state.modelReady === undefined && document.querySelector('${READY_SELECTOR}')) state.modelReady = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

/** One page load with `searches` typed after the model is ready; `install` also waits for the service worker to be active (precache done). */
async function visit(context: BrowserContext, url: string, searches: string[], install: boolean): Promise<Visit> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.firstResult !== undefined && window.__bench.modelReady !== undefined);
  // A query may match nothing (the screen then shows the closest passages): it is timed all the same.
  for (const query of searches) await search(page, query, 'hybrid', false);
  if (install) await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForTimeout(300); // let the last long task be reported
  const state = await page.evaluate(() => window.__bench);
  await page.close();
  return { firstResult: state.firstResult!, modelReady: state.modelReady!, longTasks: state.longTasks };
}

/** The built site `app` (dist/site, or the smoke run's own) in Chromium. */
export async function runApp(
  app: string,
  query: string,
  searches: string[],
  indexDir?: string,
  warm = true,
): Promise<AppStart> {
  const server = await serve(app, indexDir ? { '/index/': indexDir } : {}, { gzip: true });
  const profile = await mkdtemp(path.join(tmpdir(), 'lantern-bench-'));
  const context = await launchPersistent(profile);
  try {
    await context.addInitScript(PROBE);
    const url = `${server.url}#/search?q=${encodeURIComponent(query)}`;
    // The app's service worker precaches the app's own index, under its published names: with another index
    // swapped in at /index/ it cannot install, so the swapped run does not wait for it.
    const cold = await visit(context, url, searches, !indexDir);
    const { responses, wire, files, distinctWire, distinctFiles } = server.sent;
    const firstVisit = {
      requests: responses,
      gzipBytes: wire,
      rawBytes: files,
      distinctGzipBytes: distinctWire,
      distinctRawBytes: distinctFiles,
    };
    return { cold, firstVisit, ...(warm ? { warm: await visit(context, url, searches, false) } : {}) };
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}
