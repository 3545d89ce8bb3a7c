// Builds the site of an index folder into `outDir` as `lantern site` does: the app shell (vite build, ~10 s, once
// per test file) with the index, passage pages and service worker written into it. The e2e setup builds it around
// the seed index, and a test that needs another index (another corpus, another model) builds its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAppShell } from '../../src/site/app-build.ts';
import { loadSiteConfig } from '../../src/site/config.ts';
import { writeSite } from '../../src/site/write-site.ts';
import { ROOT } from '../fixtures/helpers.ts';

let shell: Promise<string> | null = null;

export async function buildApp(index: string, outDir: string): Promise<void> {
  shell ??= (async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'lantern-app-shell-')), 'app');
    await buildAppShell(dir);
    return dir;
  })();
  await writeSite({ app: await shell, index, site: loadSiteConfig({ cwd: ROOT }), outDir });
}
