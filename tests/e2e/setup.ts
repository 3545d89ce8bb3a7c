// Vitest globalSetup for the browser tests: the app (vite build into dist/app, ~10 s) is built once per
// run, after tests/global-setup.ts has built dist/index.
// LANTERN_E2E_REUSE=1 skips the app build when dist/app exists (handy while iterating on tests).
import { existsSync } from 'node:fs';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  if (process.env.LANTERN_E2E_REUSE === '1' && existsSync('dist/app/index.html')) return;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
}
