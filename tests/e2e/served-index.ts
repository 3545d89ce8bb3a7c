// The built app served on 127.0.0.1 with a browser to drive it: the built app itself, a private copy of it (tests
// that change it), or either with an index of another corpus in place of its own (hostile content, a sharded
// layout), built with the real index's model (no training, seconds of embedding) and served at /index/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildIndex, type BuildOptions } from '../../src/indexer/build.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';
import { serve, type StaticServer } from './server.ts';
import { launch } from './browser.ts';
import { APP, copyApp } from './app-copy.ts';
import { SEED_INDEX_DIR } from '../fixtures/seed.ts';

export interface ServedApp {
  /** The app folder served at /. */
  app: string;
  /** A temporary folder removed by close() (holding the app copy, if any). */
  work: string;
  server: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

/** `copyPrefix`: serve a private copy of the built app; `overrides`: other folders at URL prefixes (see serve). */
export async function serveApp(
  copyPrefix?: string,
  overrides: Record<string, string> = {},
  work?: string,
): Promise<ServedApp> {
  const copy = copyPrefix ? copyApp(copyPrefix) : null;
  const folder = copy?.work ?? work ?? mkdtempSync(path.join(tmpdir(), 'lantern-app-'));
  const app = copy?.app ?? APP;
  const server = await serve(app, overrides);
  const browser = await launch();
  return {
    app,
    work: folder,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface ServedIndex extends ServedApp {
  /** The index folder served at /index/. */
  index: string;
  manifest: IndexManifest;
}

/** `corpus`: files to write as the corpus (paths may name folders), or a folder to index. `ownApp`: serve a private copy of the built app. */
export async function serveIndexOf(
  prefix: string,
  corpus: Record<string, string> | string,
  options: Partial<BuildOptions> = {},
  ownApp = false,
): Promise<ServedIndex> {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  let data = corpus as string;
  if (typeof corpus !== 'string') {
    data = path.join(work, 'data');
    mkdirSync(data);
    for (const [file, text] of Object.entries(corpus)) {
      mkdirSync(path.dirname(path.join(data, file)), { recursive: true });
      writeFileSync(path.join(data, file), text);
    }
  }
  const index = path.join(work, 'index');
  const { manifest } = await buildIndex({
    data,
    out: index,
    model: path.join(SEED_INDEX_DIR, 'model'),
    reporter: silentReporter,
    ...options,
  });
  const served = await serveApp(ownApp ? prefix : undefined, { '/index/': index }, work);
  const close = served.close;
  return {
    ...served,
    index,
    manifest,
    close: () => close().finally(() => rmSync(work, { recursive: true, force: true })),
  };
}
