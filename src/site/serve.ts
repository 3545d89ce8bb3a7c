// `lantern site --serve` (npm start): the built site on 127.0.0.1, served as a static host would serve it.
import path from 'node:path';
import { APP_ROOT } from './app-build.ts';

/** Serves `dir` until the process stops; resolves with the address. */
export async function serveSite(dir: string, port: number): Promise<string> {
  const { preview } = await import('vite');
  const server = await preview({
    root: APP_ROOT,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: path.resolve(dir) },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
}
