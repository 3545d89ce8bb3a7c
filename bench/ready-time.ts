// Time to Ready on a slow link: a built app's first visit (empty profile, no service worker) in headless Chromium
// with the network throttled through CDP (Network.emulateNetworkConditions), the bytes the server sent, and what
// the status line said on the way. Used by `npm run bench` (the seed app, both ways) and bench/ready.ts. A
// compressing host is modelled with its files compressed ahead of the visit, as a CDN or a host serving .gz files has.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { launch } from '../tests/e2e/browser.ts';
import { PAGES_DIR } from '../src/site/pages.ts';
import { serve } from '../tests/e2e/server.ts';
import { READY_SELECTOR, RESULT_SELECTOR } from './app.ts';

export interface ReadyOptions {
  mbps: number;
  /** Round-trip latency added to every request, ms. */
  latency: number;
  /** Serve compressed responses, as a compressing host would. */
  gzip: boolean;
}

export interface ReadyTime extends ReadyOptions {
  /** Body bytes the server sent (compressed when gzip). */
  bytes: number;
  /** ms from navigation start. */
  firstResult?: number;
  ready: number;
  /** Every distinct status text with its time. */
  texts: { at: number; text: string }[];
}

/** Records every distinct status text with its time (a string: tsx would wrap a function's closures). */
const PROBE = `
  window.__ready = { texts: [] };
  new MutationObserver(() => {
    const text = document.querySelector('.status-text')?.textContent ?? '';
    const log = window.__ready.texts;
    if (text && log[log.length - 1]?.text !== text) log.push({ at: performance.now(), text });
    if (window.__ready.firstResult === undefined && document.querySelector('${RESULT_SELECTOR}')) window.__ready.firstResult = performance.now();
    if (window.__ready.ready === undefined && document.querySelector('${READY_SELECTOR}')) window.__ready.ready = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
`;

export const QUERY = 'logistic regression';

/**
 * Has the server compress every file of the app once, beforehand (HEAD requests: nothing counted as sent): a host
 * that serves compressed files has them ready, while compressing 5 MB on the fly on a busy machine takes seconds.
 */
async function compressAhead(app: string, url: string): Promise<void> {
  const files = (await readdir(app, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(app, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith(`${PAGES_DIR}/`));
  for (const rel of files) await fetch(new URL(rel, url), { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } });
}

export async function timeToReady(app: string, options: ReadyOptions): Promise<ReadyTime> {
  const server = await serve(app, {}, { gzip: options.gzip });
  if (options.gzip) await compressAhead(app, server.url);
  const browser = await launch();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytesPerSecond = (options.mbps * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: options.latency,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
    page.setDefaultTimeout(10 * 60_000);
    await page.goto(`${server.url}#/search?q=${encodeURIComponent(QUERY)}`);
    await page.waitForFunction(
      () => (window as unknown as { __ready: { ready?: number } }).__ready.ready !== undefined,
    );
    const state = await page.evaluate(
      () =>
        (
          window as unknown as {
            __ready: { texts: { at: number; text: string }[]; firstResult?: number; ready: number };
          }
        ).__ready,
    );
    return { ...options, bytes: server.sent.wire, ...state };
  } finally {
    await browser.close();
    await server.close();
  }
}
