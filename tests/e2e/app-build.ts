// Builds the app (vite build, ~10 s) around an index folder, into `outDir`: the e2e setup builds it around the seed
// index, and a test that needs another index (another corpus, another model) builds its own.
import path from 'node:path';
import { build } from 'vite';
import { ROOT } from '../fixtures/helpers.ts';

export async function buildApp(index: string, outDir: string): Promise<void> {
  const saved = process.env.LANTERN_INDEX;
  process.env.LANTERN_INDEX = index;
  try {
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (saved === undefined) delete process.env.LANTERN_INDEX;
    else process.env.LANTERN_INDEX = saved;
  }
}
