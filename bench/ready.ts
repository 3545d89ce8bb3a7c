// Time to Ready on a slow link: the built app's first visit (empty profile) in headless Chromium with the network
// throttled through CDP (Network.emulateNetworkConditions), and what the status line said on the way.
//   npx tsx bench/ready.ts [site folder, default dist/site: npm run build] [--mbps 5] [--latency 40] [--gzip]
import path from 'node:path';
import { existsSync } from 'node:fs';
import { launch } from '../tests/e2e/browser.ts';
import { serve } from '../tests/e2e/server.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.match(/^--(mbps|latency)$/));
const app = path.resolve(positional[0] ?? 'dist/site');
const mbps = option('mbps', 5);
const latency = option('latency', 40);
if (!existsSync(path.join(app, 'index.html')))
  throw new Error(
    `${app} holds no built app: run \`npm run build:index && npm run build:app\` first, or name the folder`,
  );

/** Records every distinct status text with its time (a string: tsx would wrap a function's closures). */
const PROBE = `
  window.__ready = { texts: [] };
  new MutationObserver(() => {
    const text = document.querySelector('.status-text')?.textContent ?? '';
    const log = window.__ready.texts;
    if (text && log[log.length - 1]?.text !== text) log.push({ at: performance.now(), text });
    if (window.__ready.firstResult === undefined && document.querySelector('#results .result')) window.__ready.firstResult = performance.now();
    if (window.__ready.ready === undefined && document.querySelector('[data-model="ready"]')) window.__ready.ready = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
`;

const server = await serve(app, {}, { gzip: args.includes('--gzip') });
const browser = await launch();
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const bytesPerSecond = (mbps * 1e6) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
  page.setDefaultTimeout(10 * 60_000);
  await page.goto(`${server.url}#/search?q=${encodeURIComponent('logistic regression')}`);
  await page.waitForFunction(() => (window as unknown as { __ready: { ready?: number } }).__ready.ready !== undefined);
  const state = await page.evaluate(
    () =>
      (window as unknown as { __ready: { texts: { at: number; text: string }[]; firstResult?: number; ready: number } })
        .__ready,
  );
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `${path.relative(process.cwd(), app) || '.'} at ${mbps} Mbps, ${latency} ms latency${args.includes('--gzip') ? ', gzip' : ''}: ${server.sent.wire} bytes sent`,
  );
  // Each new kind of text (and the last text before it), and the figures every 5 s or so.
  let printed = -Infinity;
  state.texts.forEach(({ at, text }, i) => {
    const kind = (t?: string) => t?.replace(/\d+(\.\d+)?/g, '#');
    const changes = kind(text) !== kind(state.texts[i - 1]?.text) || kind(text) !== kind(state.texts[i + 1]?.text);
    if (changes || at - printed > 5000) {
      console.log(`  ${s(at).padStart(7)}  ${text}`);
      printed = at;
    }
  });
  console.log(
    `first keyword result ${state.firstResult === undefined ? 'none' : s(state.firstResult)}; Ready ${s(state.ready)}`,
  );
} finally {
  await browser.close();
  await server.close();
}
