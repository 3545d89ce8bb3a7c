// Loading progress on a throttled link (CDP network conditions): one figure over everything the first visit
// downloads, total known from the start, every file downloading at once, and 100% only when the model is ready.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serveApp, type ServedApp } from './served-index.ts';
import { waitForModel } from './browser.ts';

let served: ServedApp;

beforeAll(async () => {
  served = await serveApp();
});

afterAll(() => served?.close());

/** Records each status change (a string: tsx would wrap a function's closures in a helper the page lacks). */
const PROBE = `
  window.__status = [];
  new MutationObserver(() => {
    const status = document.querySelector('.status');
    const text = document.querySelector('.status-text');
    if (!status || !text) return;
    const entry = { percent: status.getAttribute('data-progress'), model: text.getAttribute('data-model'), text: text.textContent };
    const last = window.__status[window.__status.length - 1];
    if (!last || last.percent !== entry.percent || last.model !== entry.model || last.text !== entry.text) window.__status.push(entry);
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
`;

test('on a slow link the shown percentage rises monotonically over every file, reaching 100% only when the model is ready', async () => {
  const context = await served.browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // 40 Mbps: ~6 MB take over a second, long enough to watch the figure move.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: 5e6,
    uploadThroughput: 5e6,
  });
  await page.goto(served.server.url);
  await waitForModel(page, 120_000);
  const log = await page.evaluate(
    () => (window as unknown as { __status: { percent: string | null; model: string; text: string }[] }).__status,
  );

  const shown = log.filter((e) => e.percent !== null);
  const percents = shown.map((e) => Number(e.percent));
  expect(percents.length, JSON.stringify(log)).toBeGreaterThan(5);
  for (let i = 1; i < percents.length; i++)
    expect(percents[i], JSON.stringify(log)).toBeGreaterThanOrEqual(percents[i - 1]);
  // 100% appears with "Ready", never before.
  for (const e of shown) expect(e.percent === '100', JSON.stringify(e)).toBe(e.model === 'ready');
  expect(shown.at(-1)).toMatchObject({ percent: '100', model: 'ready', text: 'Ready' });
  // One total, known from the first figure on, covering the model and the index (~6 MB): the default model is a
  // static one, so ONNX Runtime's wasm (14 MB) is neither counted nor downloaded.
  const totals = new Set(log.flatMap((e) => e.text.match(/^Downloading [\d.]+ of ([\d.]+) MB$/)?.slice(1) ?? []));
  expect(totals.size, JSON.stringify(log)).toBe(1);
  expect(Number([...totals][0])).toBeGreaterThan(4);
  expect(Number([...totals][0])).toBeLessThan(8);
  expect(log.some((e) => e.model === 'preparing' && e.text === 'Preparing search…')).toBe(true);
  expect(
    requested.some((p) => p.endsWith('.wasm')),
    requested.join('\n'),
  ).toBe(false);
  await context.close();
});
