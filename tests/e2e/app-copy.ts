// Helpers for the broken-state and update tests: a private copy of the built app (other test runs rebuild
// it while these run), Cache Storage access from the page, and waiting for a settled result list.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';
import { TEST_BUILD_DIR } from '../fixtures/seed.ts';

/** The built app to test: built by tests/e2e/setup.ts beside the seed index, or LANTERN_E2E_APP (handy while iterating). */
export const APP = path.resolve(process.env.LANTERN_E2E_APP ?? path.join(TEST_BUILD_DIR, 'app'));

/** Copies the built app into a fresh temporary folder; returns the folder holding `app/`. */
export function copyApp(prefix: string): { work: string; app: string } {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  const app = path.join(work, 'app');
  cpSync(APP, app, { recursive: true });
  return { work, app };
}

export function readManifest(app: string): IndexManifest {
  return JSON.parse(readFileSync(path.join(app, 'index/manifest.json'), 'utf8')) as IndexManifest;
}

/** Replaces the body of every cached copy of `index/<file>` (any cache, any revision); returns the keys replaced. */
export function overwriteCached(page: Page, file: string, body: string): Promise<string[]> {
  return page.evaluate(
    async ({ file, body }) => {
      const replaced: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (!new URL(request.url).pathname.endsWith(`/index/${file}`)) continue;
          const old = await cache.match(request);
          await cache.put(request, new Response(body, { headers: old?.headers }));
          replaced.push(request.url);
        }
      }
      return replaced;
    },
    { file, body },
  );
}

/** Byte length of the cached copy under each key (0 when gone). */
export function cachedSizes(page: Page, keys: string[]): Promise<number[]> {
  return page.evaluate(async (keys) => {
    const out: number[] = [];
    for (const key of keys) {
      let size = 0;
      for (const name of await caches.keys()) {
        if (name === 'lantern-repair') continue; // the worker's notes of evicted files, not copies of them
        const hit = await (await caches.open(name)).match(key);
        if (hit) size = (await hit.arrayBuffer()).byteLength;
      }
      out.push(size);
    }
    return out;
  }, keys);
}

/** Waits until the results header has settled on `query` (whatever the number of results, zero included). */
export async function settled(page: Page, query: string): Promise<{ mode: string; count: number; docs: string[] }> {
  await page.fill('#q', query);
  await page.waitForFunction((q) => {
    const input = document.querySelector<HTMLInputElement>('#q');
    const meta = document.querySelector('.results-meta[data-settled="true"]');
    return (
      input?.value === q && meta !== null && !document.querySelector('.results-area')?.classList.contains('is-stale')
    );
  }, query);
  return page.evaluate(() => ({
    mode: document.querySelector('.results-meta')?.getAttribute('data-mode') ?? '',
    count: document.querySelectorAll('#results .result').length,
    docs: Array.from(document.querySelectorAll('#results .result'), (r) => r.getAttribute('data-doc') ?? ''),
  }));
}
