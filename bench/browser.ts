// Lantern in headless Chromium: the bench page (bench/browser/, built here with Vite like the app's worker)
// opens an index in a Web Worker and times queries inside it. Load times are the worker's own.
import { runtimeDefine } from '../src/site/app-build.ts';
import path from 'node:path';
import { build } from 'vite';
import { CACHE } from './indexes.ts';
import { launch } from '../tests/e2e/browser.ts';
import { serve } from '../tests/e2e/server.ts';
import { percentiles, summarize, type LatencySummary, type Percentiles, type QueryTiming } from './stats.ts';
import type { LoadTimes } from './browser/worker.ts';

const PAGE = path.join(CACHE, 'page');
/** Ceiling for one corpus in the browser (load + all queries). */
const TIMEOUT_MS = 5 * 60_000;

export interface BrowserRun {
  load: LoadTimes;
  latency: LatencySummary;
  /** The query embedding alone: the app's path (TypeScript, for a static model) and ONNX Runtime on the same model. */
  embedding: { app: Percentiles; onnx: Percentiles };
}

/** Builds the bench page once per run (same alias as the app: ONNX Runtime's plain wasm build). */
export async function buildPage(): Promise<void> {
  await build({
    configFile: false,
    root: path.resolve('bench/browser'),
    base: './',
    logLevel: 'warn',
    resolve: { alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }] },
    worker: { format: 'es' },
    // The app's model loading checks ONNX Runtime's wasm against the size the build records. Every bench corpus uses
    // a static model, which needs no wasm (a model that does would still get it, only not from the start).
    define: runtimeDefine(),
    build: { outDir: PAGE, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  });
}

export async function runBrowser(indexDir: string, queries: string[]): Promise<BrowserRun> {
  const server = await serve(PAGE, { '/index/': indexDir });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(server.url);
    await page.waitForFunction(() => 'bench' in window);
    const load = await page.evaluate((url) => window.bench.init(url), `${server.url}index/`);
    const rows = await page.evaluate((q) => window.bench.run(q), queries);
    const times = await page.evaluate((q) => window.bench.embedding(q), queries);
    return {
      load,
      latency: summarize(rows as QueryTiming[]),
      embedding: { app: percentiles(times.app), onnx: percentiles(times.onnx) },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
