// axe-core on every screen at both sizes (1280×800 and the phone's 390×844), light and dark: no violation of any
// impact. On data/ every screen; on a sample of a corpus nobody here wrote, in folders (tldr pages), the screens a
// reader goes through. The page's CSP blocks injected scripts, so these browser contexts bypass it (bypassCSP);
// the app itself is unchanged.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { serveApp, serveIndexOf, type ServedApp } from './served-index.ts';
import { axeViolations, SCREENS, screenContext, type AxeFinding, type Screen } from './screens.ts';
import { TLDR_QUERY, tldrSample } from './tldr-sample.ts';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const line = (found: AxeFinding[]) => found.map((f) => `${f.id} (${f.impact}) ×${f.nodes}`).join(', ') || 'none';

/** Opens `screen` once, then checks it at each size in each colour scheme; returns the findings by size and scheme. */
async function check(served: ServedApp, screen: Screen, query?: string): Promise<Record<string, AxeFinding[]>> {
  const context = await screenContext(served.browser, 'light', SIZES[0], true);
  const page: Page = await context.newPage();
  await screen.open(page, served.server.url, query);
  const found: Record<string, AxeFinding[]> = {};
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      found[`${size.width}×${size.height} ${scheme}`] = await axeViolations(page);
    }
  }
  await context.close();
  console.log(
    `[axe] ${screen.name}: ${Object.entries(found)
      .map(([k, v]) => `${k} ${line(v)}`)
      .join('; ')}`,
  );
  return found;
}

const none = (found: Record<string, AxeFinding[]>) => Object.fromEntries(Object.keys(found).map((k) => [k, []]));

describe('accessibility (axe-core), data/', () => {
  let served: ServedApp;
  beforeAll(async () => {
    served = await serveApp();
  });
  afterAll(() => served?.close());

  for (const screen of SCREENS)
    test(`${screen.name}: no violations at 1280×800 and 390×844, light and dark`, async () => {
      const found = await check(served, screen);
      expect(found).toEqual(none(found));
    });
});

describe('accessibility (axe-core), tldr pages in folders', () => {
  let served: ServedApp;
  let sample: ReturnType<typeof tldrSample>;
  beforeAll(async () => {
    sample = tldrSample();
    served = await serveIndexOf('lantern-axe-tldr-', sample.dir);
  });
  afterAll(async () => {
    await served?.close();
    sample?.cleanup();
  });

  for (const name of ['home', 'results', 'filters open', 'passage', 'no results'])
    test(`${name}: no violations at 1280×800 and 390×844, light and dark`, async () => {
      const found = await check(served, SCREENS.find((s) => s.name === name)!, TLDR_QUERY);
      expect(found).toEqual(none(found));
    });
});
