// Hostile content, the parts hostile.test.ts does not cover: CSS in documents (style attributes, <style> and
// <link> blocks) that could hide or overlay the page, SVG carrying script, and a 100 KB query in a deep link.
// No style from a document may reach the page, nothing may run, and the page stays usable.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { MAX_QUERY_LENGTH } from '../../src/core/links.ts';
import type { StaticServer } from './server.ts';
import { search, waitForModel, watchedPage } from './browser.ts';
import { serveIndexOf, type ServedIndex } from './served-index.ts';

const OVERLAY = 'position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647;background:#fff';
const SVG_B64 = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
).toString('base64');

const CORPUS: Record<string, string> = {
  'styled.md': `---\ntitle: "<style>body{display:none}</style>Styled <span style='${OVERLAY}'>notes</span>"\n---\n# Styled notes about the gazebo\n\n<style>\n  body, main, #results, .result { display: none !important; visibility: hidden !important; }\n  * { color: transparent !important; }\n</style>\n\n<link rel="stylesheet" href="https://evil.example/x.css">\n\n<p style="${OVERLAY}">An overlay paragraph about the gazebo painter.</p>\n\n<div style="display:none">hidden gazebo text</div> and <span style="font-size:0">tiny gazebo text</span> in a paragraph about the gazebo painter.\n\n| gazebo | painter |\n|:--|--:|\n| <td style="${OVERLAY}">cell</td> | <b style="color:red">bold</b> |\n`,
  'svg.md': `# SVG about the gazebo\n\n<svg><script>alert('svg script')</script><circle onload="alert(1)"/><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject><use href="data:image/svg+xml;base64,${SVG_B64}#x"/></svg>\n\nThe gazebo painter drew ![an svg](data:image/svg+xml;base64,${SVG_B64}) and <img src="data:image/svg+xml;base64,${SVG_B64}"> and <object data="data:image/svg+xml;base64,${SVG_B64}" type="image/svg+xml"></object> and <embed src="data:image/svg+xml;base64,${SVG_B64}">.\n\n<math><mtext><style><img src=x onerror=alert(1)></style></mtext></math>\n`,
};

let served: ServedIndex;
let server: StaticServer;
let browser: Browser;
let passageIds: string[];

beforeAll(async () => {
  served = await serveIndexOf('lantern-hostile-style-', CORPUS, {}, true);
  ({ server, browser } = served);
  passageIds = (
    JSON.parse(readFileSync(path.join(served.index, 'passages.json'), 'utf8')) as { passages: { id: string }[] }
  ).passages.map((p) => p.id);
}, 300_000);

afterAll(() => served?.close());

/** No document style anywhere: only the app's own stylesheets, style attributes only the table alignment. */
async function checkStyles(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    styleElements: document.querySelectorAll('body style, body link').length,
    sheets: Array.from(document.styleSheets).filter(
      (s) =>
        s.ownerNode?.parentNode !== document.head || (s.href !== null && new URL(s.href).origin !== location.origin),
    ).length,
    styleAttributes: Array.from(document.querySelectorAll('main [style]'))
      .map((el) => `${el.tagName.toLowerCase()}[style="${el.getAttribute('style')}"]`)
      .filter((s) => !/^t[hd]\[style="text-align: ?(left|right|center);?"\]$/.test(s)),
    svg: document.querySelectorAll(
      'main svg:not(.search-icon), main img, main object, main embed, main iframe, main math, main use',
    ).length,
  }));
  expect(found).toEqual({ styleElements: 0, sheets: 0, styleAttributes: [], svg: 0 });
  // Nothing overlays the search box, and the page is visible.
  const onTop = await page.evaluate(() => {
    const box = document.querySelector('#q')?.getBoundingClientRect();
    if (!box) return 'no #q';
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit?.id === 'q' || hit?.closest('.search-view, .document, .topbar')
      ? 'ok'
      : (hit?.outerHTML.slice(0, 80) ?? 'nothing');
  });
  if (await page.isVisible('#q')) expect(onTop).toBe('ok');
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');
}

describe('hostile styles, SVG and huge deep links', () => {
  test('CSS and SVG in documents never reach the page, in results and in every passage', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(server.url);
    await waitForModel(page);
    await search(page, 'gazebo painter', 'hybrid');
    expect(await page.isVisible('#results .result')).toBe(true);
    expect(await page.textContent('#results')).toContain('gazebo');
    await checkStyles(page);
    for (const id of passageIds) {
      await page.goto(`${server.url}#/passage/${id}?q=gazebo`);
      await page.locator(`#p-${id}`).waitFor();
      expect(await page.isVisible(`#p-${id}`)).toBe(true);
      await checkStyles(page);
    }
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
    await watch.context.close();
  });

  test('a 100 KB query in a deep link is cut, and the page never freezes for 2 s', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.addInitScript(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const huge = Array.from({ length: 20_000 }, (_, i) => ['gazebo', 'painter', '<b>x</b>', 'ünïcødé', '%%'][i % 5])
      .join(' ')
      .slice(0, 100_000);
    expect(huge.length).toBe(100_000);
    const started = Date.now();
    await page.goto(`${server.url}#/search?q=${encodeURIComponent(huge)}&mode=keyword`);
    await page.waitForSelector('.results-meta[data-settled="true"]', { timeout: 30_000 });
    const value = await page.inputValue('#q');
    expect(value.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(huge.startsWith(value)).toBe(true);
    // The address bar now carries the cut query, not 100 KB.
    expect((await page.evaluate(() => location.hash)).length).toBeLessThan(3 * MAX_QUERY_LENGTH);
    // Still usable: a new query answers promptly.
    const typed = Date.now();
    await search(page, 'gazebo', 'keyword');
    expect(Date.now() - typed).toBeLessThan(5_000);
    const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    console.log(
      `[e2e] 100 KB deep link: settled ${typed - started} ms after navigation; longest main-thread task ${Math.round(longest)} ms`,
    );
    expect(longest).toBeLessThan(2_000);
    await checkStyles(page);
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
    await watch.context.close();
  });
});
