// Vitest globalSetup of the browser tests: the app is built once per run (vite build, ~10 s) from the seed index,
// into a temporary folder (tests/e2e/app-copy.ts's APP), never into the checkout's dist/.
// LANTERN_E2E_REUSE=1 skips the app build when one exists (handy while iterating on tests).
import { existsSync } from 'node:fs';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import { APP } from './app-copy.ts';
import { buildApp, removeAppShell } from './app-build.ts';

export default async function setup(): Promise<() => void> {
  if (process.env.LANTERN_E2E_REUSE === '1' && existsSync(`${APP}/index.html`)) return () => {};
  await buildApp(await ensureSeedIndex(), APP);
  // The built app is a copy: the shell it came from is not needed after the run.
  return removeAppShell;
}
