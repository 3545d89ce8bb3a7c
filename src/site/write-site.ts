// A site from the app shell (app-build.ts) and an index folder, with no bundler: the shell copied, its index.html
// and install manifest given the site's name, the index published inside it under content-addressed names
// (src/indexer/publish.ts), a static page per passage (pages.ts), and the service worker's precache list injected
// (workbox-build, the tool vite-plugin-pwa runs), so that the user's index works offline after the first visit.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { injectManifest } from 'workbox-build';
import { publishIndex } from '../indexer/publish.ts';
import { indexFilePath } from '../indexer/index-path.ts';
import { isContentAddressed, MANIFEST_FILE } from '../core/index-format/layout.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
import type { Catalog } from '../core/index-format/catalog.ts';
import type { DocumentInfo, Passage } from '../core/types.ts';
import type { PageLayout } from '../core/links.ts';
import { escapeHtml, PAGES_DIR, sitePages, type PagesInput } from './pages.ts';
import type { SiteConfig } from './config.ts';
import { ONNX_FILE } from '../core/embedding.ts';
import { readStaticModel } from '../core/static-model.ts';

export type AppSite = Pick<SiteConfig, 'name' | 'shortName' | 'description' | 'url' | 'themeColor'> &
  Partial<Pick<SiteConfig, 'examples'>>;

export interface SiteWriteOptions {
  /** The app shell folder. */
  app: string;
  /** The index folder (as `lantern build` wrote it). */
  index: string;
  site: AppSite;
  /** Where the site is written (replaced). */
  outDir: string;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}

/** The documents and passages of an index folder, single-file or sharded (passage shards read one by one). */
export function indexPassages(indexDir: string, manifest: IndexManifest): PagesInput {
  const json = (file: string) => JSON.parse(readFileSync(indexFilePath(indexDir, file), 'utf8'));
  if (!manifest.shards) return json(manifest.files.passages) as PagesInput;
  const catalog = json(manifest.files.passages) as Catalog;
  const shards = manifest.shards.passages;
  return {
    documents: catalog.documents as DocumentInfo[],
    rows: { ids: catalog.ids, docs: catalog.docs },
    passages: (function* () {
      for (const shard of shards) yield* json(shard) as Passage[];
    })(),
  };
}

/**
 * One page per passage, except for a sharded index (over 20,000 passages by default), where that would add as many
 * files as passages (100,000 files, 300 MB at 100k: `npx tsx bench/pages.ts`): one page per document instead.
 */
export const pageLayout = (manifest: IndexManifest): PageLayout => (manifest.shards ? 'document' : 'passage');

/** index.html with the site's name, description, colour, example questions and page layout in place of the shell's
 * placeholders. */
export function fillPage(html: string, site: AppSite, layout: PageLayout, runtime = false): string {
  return html
    .replaceAll('%LANTERN_NAME%', escapeHtml(site.name))
    .replaceAll('%LANTERN_PAGES%', layout)
    .replaceAll('%LANTERN_RUNTIME%', runtime ? 'yes' : 'no')
    .replaceAll('%LANTERN_SHORT_NAME%', escapeHtml(site.shortName))
    .replaceAll('%LANTERN_DESCRIPTION%', escapeHtml(site.description))
    .replaceAll('%LANTERN_THEME_COLOR%', escapeHtml(site.themeColor))
    .replaceAll('%LANTERN_EXAMPLES%', escapeHtml(JSON.stringify(site.examples ?? [])));
}

/** The install manifest (manifest.webmanifest). */
export function installManifest(site: AppSite): string {
  const icon = (size: number, purpose: string) => ({
    src: `icons/icon-${purpose === 'maskable' ? 'maskable-' : ''}${size}.png`,
    sizes: `${size}x${size}`,
    type: 'image/png',
    purpose,
  });
  return JSON.stringify({
    name: site.name,
    short_name: site.shortName,
    description: site.description,
    theme_color: site.themeColor,
    background_color: '#fbfaf7',
    display: 'standalone',
    start_url: './',
    scope: './',
    icons: [icon(192, 'any'), icon(512, 'any'), icon(192, 'maskable'), icon(512, 'maskable')],
  });
}

/** Writes the index under its published names into `<out>/index/`. */
async function publishInto(indexDir: string, site: AppSite, out: string): Promise<IndexManifest> {
  const manifestPath = path.join(indexDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new Error(`no index at ${indexDir}: run \`lantern build\` first`);
  const built = JSON.parse(await readFile(manifestPath, 'utf8')) as IndexManifest;
  // Where the documents were read from stays on the build machine: the manifest is served with the app.
  const { source: _source, ...shipped } = built;
  // With every file's size, the model's included: the app shows one progress figure over the first visit.
  const { manifest, names } = publishIndex(
    { ...shipped, baseUrl: site.url },
    (rel) => statSync(indexFilePath(indexDir, rel)).size,
  );
  for (const rel of listFiles(indexDir)) {
    const published = names.get(rel);
    if (!published)
      throw new Error(`${path.join(indexDir, rel)} is not listed in its manifest.json: rebuild the index`);
    const target = indexFilePath(path.join(out, 'index'), published);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(
      target,
      rel === MANIFEST_FILE ? JSON.stringify(manifest, null, 2) : await readFile(path.join(indexDir, rel)),
    );
  }
  return built;
}

/**
 * Whether the model of an index needs ONNX Runtime: decided from its graph, as the app's worker decides (a static
 * model runs in TypeScript, core/static-model.ts).
 */
export function modelNeedsRuntime(indexDir: string, manifest: IndexManifest): boolean {
  return !readStaticModel(readFileSync(indexFilePath(indexDir, `${manifest.model.path}/${ONNX_FILE}`)));
}

export async function writeSite({ app, index, site, outDir }: SiteWriteOptions): Promise<void> {
  const indexDir = path.resolve(index);
  const out = path.resolve(outDir);
  await rm(out, { recursive: true, force: true });
  const manifestPath = path.join(indexDir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new Error(`no index at ${indexDir}: run \`lantern build\` first`);
  const runtime = modelNeedsRuntime(indexDir, JSON.parse(await readFile(manifestPath, 'utf8')) as IndexManifest);
  // A static model never loads ONNX Runtime: its site does not carry the 14 MB wasm either (nor precache it).
  await cp(app, out, { recursive: true, filter: (file) => runtime || !file.endsWith('.wasm') });
  const built = await publishInto(indexDir, site, out);
  const layout = pageLayout(built);
  const page = path.join(out, 'index.html');
  await writeFile(page, fillPage(await readFile(page, 'utf8'), site, layout, runtime));
  await writeFile(path.join(out, 'manifest.webmanifest'), installManifest(site));
  for (const [file, source] of sitePages(site, indexPassages(indexDir, built), layout)) {
    await mkdir(path.dirname(path.join(out, file)), { recursive: true });
    await writeFile(path.join(out, file), source);
  }
  const sw = path.join(out, 'sw.js');
  await injectManifest({
    swSrc: sw,
    swDest: sw,
    globDirectory: out,
    globPatterns: ['**/*.{html,js,mjs,css,wasm,png,webmanifest}', 'index/**/*'],
    // A sharded index's fragments and passage shards are cached as a query fetches them (src/app/sw.ts); the
    // passage pages are for link previews and readers without scripts, never needed by the app.
    globIgnores: ['index/terms-*', 'index/passages-*', `${PAGES_DIR}/**`],
    maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
    // Hashed names need no cache-busting revision: without one the service worker revalidates the copy the page
    // already downloaded instead of downloading every file a second time.
    dontCacheBustURLsMatching: /^assets\//,
    manifestTransforms: [
      async (entries) => ({
        manifest: entries.map((entry) =>
          entry.url.startsWith('index/') && isContentAddressed(entry.url.slice('index/'.length))
            ? { ...entry, revision: null }
            : entry,
        ),
      }),
    ],
  });
}
