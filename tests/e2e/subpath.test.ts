// A site of one's own, published under a sub-path: `lantern site` builds a fixture corpus (with a hostile document)
// for http://127.0.0.1:<port>/notes/, a plain static file server serves the output folder there (no rewrites, not
// vite preview), and Chromium checks what a visitor meets: the configured name, search, a cold passage deep link,
// the passage pages (without and with JavaScript), the offline reload and Chrome's installability check.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite } from '../../src/site/build-site.ts';
import { loadSiteConfig } from '../../src/site/config.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { SEED_INDEX_DIR } from '../fixtures/seed.ts';
import { FIXTURE_CORPUS } from '../fixtures/helpers.ts';
import { serve, type StaticServer } from './server.ts';
import { launch, launchPersistent, search, setMode, waitForModel, watchedPage } from './browser.ts';

const NAME = 'Ada’s <b>"Notes"</b>';
const HOSTILE = `---\ntitle: "<script>alert(1)</script> \\"quoted\\" & more"\n---\n# <img src=x onerror=alert(1)> heading\n\nThe hostile passage about kneading says \`</title><script>alert(2)</script>\` and "quotes" and 'apostrophes' <svg onload=alert(3)>.\n`;

let work: string;
let site: string;
let server: StaticServer;
let base: string;
let browser: Browser;
let passages: { id: string; doc: number; text: string }[];
let documents: { id: string; title: string }[];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lantern-subpath-'));
  const data = path.join(work, 'notes');
  cpSync(FIXTURE_CORPUS, data, { recursive: true });
  writeFileSync(path.join(data, 'hostile.md'), HOSTILE);
  site = path.join(work, 'site');
  mkdirSync(path.join(work, 'root'));
  // Only /notes/ is the site: anything that escapes the sub-path finds nothing.
  server = await serve(path.join(work, 'root'), { '/notes/': site });
  base = `${server.url}notes/`;
  const configFile = path.join(work, 'lantern.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      name: NAME,
      shortName: 'Ada',
      description: 'Ada’s notes, offline.',
      documents: ['notes'],
      url: base,
      themeColor: '#224466',
      model: path.join(SEED_INDEX_DIR, 'model'),
    }),
  );
  const config = loadSiteConfig({ file: configFile });
  await buildSite({ config, index: path.join(work, 'index'), out: site, reporter: silentReporter });
  ({ passages, documents } = JSON.parse(readFileSync(path.join(work, 'index', 'passages.json'), 'utf8')));
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const passageOf = (doc: string, pattern: RegExp) =>
  passages.find((p) => documents[p.doc].id === doc && pattern.test(p.text))!;

describe('a site under a sub-path', () => {
  test('the app carries the configured name, searches, and opens a cold passage deep link', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(base);
    await expect.poll(() => page.textContent('.brand')).toContain(NAME);
    expect(await page.title()).toContain(NAME);
    // Keyword mode, chosen: in hybrid the results' mode depends on whether the model has loaded yet.
    await setMode(page, 'Keyword');
    await search(page, 'sourdough starter feeding', 'keyword');
    expect(await page.getAttribute('#results .result', 'data-doc')).toBe('baking/sourdough.md');
    await watch.context.close();

    // A new visitor follows a deep link: no earlier visit, no service worker.
    const cold = await watchedPage(browser);
    const target = passageOf('baking/sourdough.md', /starter/i);
    await cold.page.goto(`${base}#/passage/${target.id}`);
    await cold.page.locator(`#p-${target.id}`).waitFor();
    expect(cold.dialogs).toEqual([]);
    expect(cold.foreign).toEqual([]);
    expect(
      server.requests.filter((p) => !p.startsWith('/notes/')),
      'every request stays under the sub-path',
    ).toEqual([]);
    await cold.context.close();
  });

  test('a passage page reads without JavaScript, carries its preview tags, and opens the app with JavaScript', async () => {
    const target = passageOf('baking/sourdough.md', /starter/i);
    const pageUrl = `${base}p/${target.id}.html`;

    const plain = await browser.newContext({ javaScriptEnabled: false });
    const page = await plain.newPage();
    const response = await page.goto(pageUrl);
    expect(response?.status()).toBe(200);
    const meta = await page.$$eval('meta[property], meta[name]', (tags) =>
      Object.fromEntries(
        tags.map((t) => [t.getAttribute('property') ?? t.getAttribute('name'), t.getAttribute('content')]),
      ),
    );
    expect(meta['og:url']).toBe(pageUrl);
    expect(meta['og:site_name']).toBe(NAME);
    expect(meta['og:title']).toContain(documents[target.doc].title);
    expect(meta['og:description']!.slice(0, 40)).toBe(target.text.replace(/\s+/g, ' ').slice(0, 40));
    expect(await page.getAttribute('link[rel="canonical"]', 'href')).toBe(pageUrl);
    expect(await page.textContent('article')).toContain(target.text.split(/\s+/).slice(0, 6).join(' '));
    expect(await page.$eval('#open', (a) => (a as HTMLAnchorElement).href)).toBe(`${base}#/passage/${target.id}`);
    await plain.close();

    const watch = await watchedPage(browser);
    await watch.page.goto(pageUrl);
    await watch.page.waitForURL(`${base}#/passage/${target.id}`);
    await watch.page.locator(`#p-${target.id}`).waitFor();
    expect(watch.errors).toEqual([]);
    await watch.context.close();
  });

  test('hostile titles and passages stay text on their pages: no script runs, nothing is injected', async () => {
    const hostile = passages.filter((p) => documents[p.doc].id === 'hostile.md');
    expect(hostile.length).toBeGreaterThan(0);
    for (const passage of hostile) {
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const page = await plain.newPage();
      await page.goto(`${base}p/${passage.id}.html`);
      const found = await page.evaluate(() => ({
        title: document.title,
        scripts: Array.from(document.scripts, (s) => s.getAttribute('src')),
        injected: document.querySelectorAll('img, svg, iframe, object, embed, [onerror], [onload], [onmouseover]')
          .length,
        metas: document.querySelectorAll('meta').length,
        og: document.querySelector('meta[property="og:title"]')?.getAttribute('content'),
        text: document.querySelector('article')?.textContent ?? '',
      }));
      expect(found.scripts).toEqual(['../p/open.js']);
      expect(found.injected).toBe(0);
      expect(found.title).toContain('<script>alert(1)</script> "quoted" & more');
      expect(found.og).toContain('<script>alert(1)</script> "quoted" & more');
      expect(found.text).toContain('</title><script>alert(2)</script>');
      await plain.close();

      // With JavaScript: only open.js runs, and it takes the reader to the app.
      const watch = await watchedPage(browser);
      await watch.page.goto(`${base}p/${passage.id}.html`);
      await watch.page.waitForURL(`${base}#/passage/${passage.id}`);
      await watch.page.locator(`#p-${passage.id}`).waitFor();
      expect(watch.dialogs).toEqual([]);
      expect(watch.errors).toEqual([]);
      await watch.context.close();
    }
  });

  test('installable under the sub-path with the configured name, and a reload offline still searches', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lantern-subpath-profile-'));
    const context = await launchPersistent(dir);
    try {
      const page = await context.newPage();
      await page.goto(base);
      await waitForModel(page);
      await page.evaluate(() => navigator.serviceWorker.ready);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: unknown[];
      };
      expect(installabilityErrors).toEqual([]);
      const manifest = (await (await context.request.get(`${base}manifest.webmanifest`)).json()) as Record<
        string,
        string
      >;
      expect(manifest).toMatchObject({
        name: NAME,
        short_name: 'Ada',
        description: 'Ada’s notes, offline.',
        theme_color: '#224466',
      });
      expect(new URL(manifest.start_url, `${base}manifest.webmanifest`).href).toBe(base);

      await context.setOffline(true);
      const sent = server.bodies.length;
      await page.reload();
      await waitForModel(page);
      await search(page, 'pinch off the suckers', 'hybrid');
      expect(await page.getAttribute('#results .result', 'data-doc')).toBe('garden/tomatoes.md');
      expect(server.bodies.slice(sent), 'offline: nothing reached the server').toEqual([]);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a large (sharded) site: one page per document', () => {
  test('Copy link hands out the passage anchor of its document page, which opens the passage in the app', async () => {
    const out = path.join(work, 'site-sharded');
    const config = loadSiteConfig({
      file: path.join(work, 'lantern.config.json'),
      overrides: { url: `${server.url}big/` },
    });
    await buildSite({
      config,
      index: path.join(work, 'index-sharded'),
      out,
      indexOptions: { shard: 'always' },
      reporter: silentReporter,
    });
    const big = await serve(path.join(work, 'root'), { '/big/': out });
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: big.url });
      const page = await context.newPage();
      const target = passageOf('garden/tomatoes.md', /suckers/);
      await page.goto(`${big.url}big/#/passage/${target.id}`);
      await page.locator(`#p-${target.id}`).waitFor();
      await page.getByRole('button', { name: 'Copy link' }).click();
      await page.getByText('Link copied').waitFor();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toMatch(new RegExp(`^${big.url}big/p/d/[0-9a-z]{12}\\.html#${target.id}$`));

      // Without scripts the document page shows the passage under its anchor; with scripts it opens it in the app.
      const plain = await browser.newContext({ javaScriptEnabled: false });
      const reader = await plain.newPage();
      expect((await reader.goto(link))?.status()).toBe(200);
      expect(await reader.textContent(`[id="${target.id}"]`)).toContain('Pinch off the suckers');
      await plain.close();
      await page.goto(link);
      await page.waitForURL(`${big.url}big/#/passage/${target.id}`);
      await page.locator(`#p-${target.id}`).waitFor();
    } finally {
      await context.close();
      await big.close();
    }
  });
});
