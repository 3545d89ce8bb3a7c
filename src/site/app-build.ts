// The vite configuration of the site: the app (a static PWA), the index published inside it under
// content-addressed names, the install manifest and page title from the site's configuration, and a static page
// per passage (pages.ts). Used by vite.config.ts (`vite build`, the dev server, the tests) and by `lantern site`.
import type { Plugin, UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { publishIndex } from '../indexer/publish.ts';
import { isContentAddressed } from '../core/index-format/layout.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
import type { Catalog } from '../core/index-format/catalog.ts';
import type { DocumentInfo, Passage } from '../core/types.ts';
import { escapeHtml, PAGES_DIR, sitePages, type PagesInput } from './pages.ts';
import type { SiteConfig } from './config.ts';
import type { PageLayout } from '../core/links.ts';
import { ONNX_FILE } from '../core/embedding.ts';
import { readStaticModel } from '../core/static-model.ts';

/** The repository root: index.html, public/ and src/app/ live there whatever the working directory. */
export const APP_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * ONNX Runtime's wasm, the largest file of a first visit for a model that needs it: its size is recorded so that the
 * app knows the total up front, and whether the app's model needs it (`runtimeExpected`, see modelNeedsRuntime).
 */
export function runtimeDefine(runtimeExpected: boolean): Record<string, string> {
  return {
    __LANTERN_RUNTIME_BYTES__: String(
      statSync(createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')).size,
    ),
    __LANTERN_RUNTIME_EXPECTED__: String(runtimeExpected),
  };
}

/**
 * Whether the model of the index in `indexDir` needs ONNX Runtime: decided from its graph, as the app's worker
 * decides (a static model runs without it, core/static-model.ts). Without an index yet (the dev server before the
 * first build), the default model's answer: no.
 */
export function modelNeedsRuntime(indexDir: string): boolean {
  const file = path.join(indexDir, 'manifest.json');
  if (!existsSync(file)) return false;
  const { model } = JSON.parse(readFileSync(file, 'utf8')) as IndexManifest;
  return !readStaticModel(readFileSync(path.join(indexDir, model.path, ONNX_FILE)));
}

export type AppSite = Pick<SiteConfig, 'name' | 'shortName' | 'description' | 'url' | 'themeColor'>;

export interface AppBuildOptions {
  /** The index folder (as `lantern build` wrote it). */
  index: string;
  site: AppSite;
  /** Where the site is written. */
  outDir: string;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
};

/** The documents and passages of an index folder, single-file or sharded (passage shards read one by one). */
export function indexPassages(indexDir: string, manifest: IndexManifest): PagesInput {
  const json = (file: string) => JSON.parse(readFileSync(path.join(indexDir, file), 'utf8'));
  if (!manifest.shards) return json(manifest.files.passages) as PagesInput;
  const catalog = json(manifest.files.passages) as Catalog;
  const shards = manifest.shards.passages;
  return {
    documents: catalog.documents as DocumentInfo[],
    passages: (function* () {
      for (const shard of shards) yield* json(shard) as Passage[];
    })(),
  };
}

/**
 * Serves the index at /index/ in dev and emits it as build assets (so the service worker precaches it), under
 * content-addressed names (src/indexer/publish.ts) with a manifest that points at them; emits the passage pages;
 * writes the site's name and description into index.html; leaves ONNX Runtime's wasm out of a site whose model does
 * not need it (`runtimeExpected`).
 */
function lanternSite(indexDir: string, site: AppSite, layout: PageLayout, runtimeExpected: boolean): Plugin {
  return {
    name: 'lantern-site',
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
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html
          .replaceAll('%LANTERN_NAME%', escapeHtml(site.name))
          .replaceAll('%LANTERN_PAGES%', layout)
          .replaceAll('%LANTERN_SHORT_NAME%', escapeHtml(site.shortName))
          .replaceAll('%LANTERN_DESCRIPTION%', escapeHtml(site.description))
          .replaceAll('%LANTERN_THEME_COLOR%', escapeHtml(site.themeColor)),
    },
    generateBundle(_options, bundle) {
      // A static model never loads ONNX Runtime: its site does not carry the 14 MB wasm either.
      if (!runtimeExpected) for (const name of Object.keys(bundle)) if (name.endsWith('.wasm')) delete bundle[name];
      if (!existsSync(path.join(indexDir, 'manifest.json'))) {
        this.error(`no index at ${indexDir}: run \`lantern build\` first`);
      }
      const built = JSON.parse(readFileSync(path.join(indexDir, 'manifest.json'), 'utf8')) as IndexManifest;
      // Where the documents were read from stays on the build machine: the manifest is served with the app.
      const { source: _source, ...shipped } = built;
      // With every file's size, the model's included: the app shows one progress figure over the first visit.
      const { manifest, names } = publishIndex(
        { ...shipped, baseUrl: site.url },
        (rel) => statSync(path.join(indexDir, rel)).size,
      );
      for (const rel of listFiles(indexDir)) {
        const published = names.get(rel);
        if (!published) this.error(`${path.join(indexDir, rel)} is not listed in its manifest.json: rebuild the index`);
        const source =
          rel === 'manifest.json' ? JSON.stringify(manifest, null, 2) : readFileSync(path.join(indexDir, rel));
        this.emitFile({ type: 'asset', fileName: `index/${published}`, source });
      }
      for (const [fileName, source] of sitePages(site, indexPassages(indexDir, built), layout))
        this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

/**
 * One page per passage, except for a sharded index (over 20,000 passages by default), where that would add as many
 * files as passages (100,000 files, 300 MB at 100k: `npx tsx bench/pages.ts`): one page per document instead.
 */
export function pageLayout(indexDir: string): PageLayout {
  const file = path.join(indexDir, 'manifest.json');
  if (!existsSync(file)) return 'passage';
  return (JSON.parse(readFileSync(file, 'utf8')) as IndexManifest).shards ? 'document' : 'passage';
}

export function appConfig({ index, site, outDir }: AppBuildOptions): UserConfig {
  const indexDir = path.resolve(index);
  const layout = pageLayout(indexDir);
  const runtimeExpected = modelNeedsRuntime(indexDir);
  return {
    root: APP_ROOT,
    base: './',
    resolve: {
      // Transformers.js imports the WebGPU build of ONNX Runtime, whose wasm (asyncify, 27 MB) also carries the
      // WebGPU provider. Lantern only runs the model on the wasm CPU provider, so the plain wasm build (14 MB) does.
      alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }],
    },
    worker: { format: 'es' },
    define: runtimeDefine(runtimeExpected),
    build: {
      outDir: path.resolve(outDir),
      emptyOutDir: true,
      target: 'es2022',
      // The worker bundle holds Transformers.js and ONNX Runtime's JavaScript (~1 MB): expected, loaded off the main thread.
      chunkSizeWarningLimit: 1500,
      // The service worker's precache manifest (hashing ~25 MB) is slow by nature: no timing report on every build.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
    plugins: [
      preact(),
      lanternSite(indexDir, site, layout, runtimeExpected),
      VitePWA({
        strategies: 'generateSW',
        registerType: 'prompt',
        injectRegister: false,
        manifest: {
          name: site.name,
          short_name: site.shortName,
          description: site.description,
          theme_color: site.themeColor,
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
          // The passage pages are for link previews and readers without scripts; the app never needs them.
          globIgnores: ['index/terms-*', 'index/passages-*', `${PAGES_DIR}/**`],
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
              manifest: entries.map((entry) =>
                entry.url.startsWith('index/') && isContentAddressed(entry.url.slice('index/'.length))
                  ? { ...entry, revision: null }
                  : entry,
              ),
            }),
          ],
          navigateFallback: 'index.html',
          // A passage page is a page of its own (its relative links would break inside the app shell).
          navigateFallbackDenylist: [new RegExp(`/${PAGES_DIR}/`)],
        },
      }),
    ],
  };
}
