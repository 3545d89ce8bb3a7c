// An app served with an index of another corpus in place of its own (hostile content, a sharded layout): the
// index is built with the real index's model (no training, seconds of embedding) and served at /index/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildIndex, type BuildOptions } from '../../src/build/build.ts';
import { silentReporter } from '../../src/build/progress.ts';
import type { IndexManifest } from '../../src/core/format.ts';
import { serve, type StaticServer } from './server.ts';
import { launch } from './browser.ts';
import { copyApp } from './app-copy.ts';

export interface ServedIndex {
  work: string;
  /** The index folder served at /index/. */
  index: string;
  manifest: IndexManifest;
  server: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * `corpus`: files to write as the corpus, or a folder to index. `ownApp`: serve a private copy of dist/app
 * (tests that change it); otherwise dist/app itself.
 */
export async function serveIndexOf(prefix: string, corpus: Record<string, string> | string, options: Partial<BuildOptions> = {}, ownApp = false): Promise<ServedIndex> {
  const copy = ownApp ? copyApp(prefix) : null;
  const work = copy?.work ?? mkdtempSync(path.join(tmpdir(), prefix));
  let data = corpus as string;
  if (typeof corpus !== 'string') {
    data = path.join(work, 'data');
    mkdirSync(data);
    for (const [file, text] of Object.entries(corpus)) writeFileSync(path.join(data, file), text);
  }
  const index = path.join(work, 'index');
  const { manifest } = await buildIndex({ data, out: index, model: path.resolve('dist/index/model'), reporter: silentReporter, ...options });
  const server = await serve(copy?.app ?? path.resolve('dist/app'), { '/index/': index });
  const browser = await launch();
  return {
    work,
    index,
    manifest,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
