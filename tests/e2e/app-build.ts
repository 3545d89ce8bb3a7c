// Builds the site of an index folder into `outDir` as `lantern site` does: the app shell (vite build, ~10 s, once
// per test file) with the index, passage pages and service worker written into it. The e2e setup builds it around
// the seed index, and a test that needs another index (another corpus, another model) builds its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAppShell } from '../../src/site/app-build.ts';
import { loadSiteConfig } from '../../src/site/config.ts';
import { writeSite } from '../../src/site/write-site.ts';
import { ROOT } from '../fixtures/helpers.ts';

let shell: { root: string; app: Promise<string> } | null = null;

export async function buildApp(index: string, outDir: string): Promise<void> {
  if (!shell) {
    const root = mkdtempSync(path.join(tmpdir(), 'lantern-app-shell-'));
    const app = path.join(root, 'app');
    shell = { root, app: buildAppShell(app).then(() => app) };
    // Whatever ends the process, the shell (15 MB) goes with it; a test runner's worker may be stopped without an
    // exit, so its files remove it themselves (removeAppShell).
    process.once('exit', removeAppShell);
  }
  await writeSite({ app: await shell.app, index, site: loadSiteConfig({ cwd: ROOT }), outDir });
}

/** Removes the app shell this process built (the sites built from it are copies and stay). */
export function removeAppShell(): void {
  if (shell) rmSync(shell.root, { recursive: true, force: true });
  shell = null;
}
