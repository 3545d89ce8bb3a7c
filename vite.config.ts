// The app: a static PWA built into dist/app/, with the search index copied into dist/app/index/.
// LANTERN_INDEX picks another index folder (the e2e tests build a hostile corpus that way).
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { publishIndex } from './src/indexer/publish.ts';
import { isContentAddressed } from './src/core/index-format/layout.ts';
import type { IndexManifest } from './src/core/index-format/manifest.ts';

const indexDir = path.resolve(process.env.LANTERN_INDEX ?? 'dist/index');

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.bin': 'application/octet-stream', '.onnx': 'application/octet-stream' };

/**
 * Serves the index at /index/ in dev and emits it as build assets (so the service worker precaches it), under
 * content-addressed names (src/indexer/publish.ts) with a manifest that points at them.
 */
function lanternIndex(): Plugin {
  return {
    name: 'lantern-index',
    configureServer(server) {
      server.middlewares.use('/index/', (req, res, next) => {
        const rel = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
        const file = path.join(indexDir, rel);
        if (!file.startsWith(indexDir + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(file).size);
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      if (!existsSync(path.join(indexDir, 'manifest.json'))) {
        this.error(`no index at ${indexDir}: run \`npm run build:index\` first`);
      }
      const { manifest, names } = publishIndex(JSON.parse(readFileSync(path.join(indexDir, 'manifest.json'), 'utf8')) as IndexManifest);
      for (const rel of listFiles(indexDir)) {
        const published = names.get(rel);
        if (!published) this.error(`${path.join(indexDir, rel)} is not listed in its manifest.json: rebuild the index`);
        const source = rel === 'manifest.json' ? JSON.stringify(manifest, null, 2) : readFileSync(path.join(indexDir, rel));
        this.emitFile({ type: 'asset', fileName: `index/${published}`, source });
      }
    },
  };
}

export default defineConfig({
  base: './',
  resolve: {
    // Transformers.js imports the WebGPU build of ONNX Runtime, whose wasm (asyncify, 27 MB) also carries the
    // WebGPU provider. Lantern only runs the model on the wasm CPU provider, so the plain wasm build (14 MB) does.
    alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }],
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    // The worker bundle holds Transformers.js and ONNX Runtime (~1 MB): expected, loaded off the main thread.
    chunkSizeWarningLimit: 1500,
  },
  plugins: [
    preact(),
    lanternIndex(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Lantern',
        short_name: 'Lantern',
        description: 'Search your own documents by meaning, offline.',
        theme_color: '#1f5f5b',
        background_color: '#fbfaf7',
        display: 'standalone',
        start_url: './',
        scope: './',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Manifest icons are added by the plugin itself.
        globPatterns: ['**/*.{html,js,mjs,css,wasm}', 'index/**/*'],
        // A sharded index's keyword fragments and passage shards are fetched per query, never all at once: each is
        // kept once fetched (its name is its content, so it never goes stale) instead of being precached.
        globIgnores: ['index/terms-*', 'index/passages-*'],
        runtimeCaching: [
          {
            urlPattern: /\/index\/(?:terms|passages)-\d+\.[0-9a-f]{12}\.(?:bin|json)$/,
            handler: 'CacheFirst',
            options: { cacheName: 'lantern-shards', expiration: { maxEntries: 20_000 } },
          },
        ],
        maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // Hashed names need no cache-busting revision; without one the service worker revalidates the copy the
        // page already downloaded instead of downloading every file a second time.
        // (Vite's own assets/ are hashed too, and the plugin already treats them so.)
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.map((entry) => (entry.url.startsWith('index/') && isContentAddressed(entry.url.slice('index/'.length)) ? { ...entry, revision: null } : entry)),
          }),
        ],
        navigateFallback: 'index.html',
      },
    }),
  ],
});
