// `lantern site` (npm run build / npm start): the configured documents → a complete static site in one folder
// (app, index, model, service worker, passage pages), ready to copy to any static host.
// The index is rebuilt only when it is not the index of those documents with those settings; the site is written
// beside its folder and moved into place, and a folder that is not a Lantern site is never replaced.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildIndex, type BuildOptions } from '../indexer/build.ts';
import { foldersFingerprint, readFolders } from '../indexer/folders.ts';
import type { Reporter } from '../indexer/progress.ts';
import { DEFAULT_SEARCH } from '../core/settings.ts';
import { INDEX_FORMAT, type IndexManifest } from '../core/index-format/manifest.ts';
import type { SiteConfig } from './config.ts';
import { PAGES_DIR } from './pages.ts';
import { writeSite } from './write-site.ts';
import { indexFilePath } from '../indexer/index-path.ts';
import { DEFAULT_CHUNKING } from '../core/settings.ts';

export interface SiteBuildOptions {
  config: SiteConfig & { file?: string | null; given?: Set<keyof SiteConfig> };
  /** The index folder (dist/index). */
  index: string;
  /** The site folder (dist/site). */
  out: string;
  /** Rebuild the index even when it is current. */
  rebuild?: boolean;
  /** Index settings given on the command line (a rebuild when any is set). */
  indexOptions?: Pick<BuildOptions, 'adapt' | 'followOutsideLinks' | 'generalWords' | 'dim' | 'shard'>;
  reporter: Reporter;
}

export interface SiteReport {
  out: string;
  files: number;
  bytes: number;
  pages: { files: number; bytes: number };
  indexRebuilt: boolean;
}

/** The folders as the manifest records them: relative to the working directory when inside it. */
export function recordedFolders(folders: string[], cwd = process.cwd()): string[] {
  return folders.map((folder) => {
    const rel = path.relative(cwd, folder);
    if (rel === '') return '.';
    return rel.startsWith('..') || path.isAbsolute(rel) ? folder : rel;
  });
}

/** Why the index in `dir` cannot be reused for `config`, or null when it can. */
export async function staleReason(dir: string, config: SiteConfig, data: string[]): Promise<string | null> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return 'no index yet';
  let m: IndexManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as IndexManifest;
  } catch {
    return 'its manifest.json is unreadable';
  }
  const recorded = m.source ? (Array.isArray(m.source.data) ? m.source.data : [m.source.data]) : [];
  if (m.format !== INDEX_FORMAT) return 'it was built by another version of Lantern';
  if (JSON.stringify(recorded) !== JSON.stringify(data))
    return `it indexes ${recorded.join(', ') || 'other documents'}`;
  if (m.source!.followOutsideLinks) return 'it followed links outside the documents folder';
  if (m.source!.fingerprint !== (await foldersFingerprint(data))) return 'the documents changed';
  if (m.model?.name !== config.model) return `it was built with the model ${m.model?.name}`;
  // The confidence floors are calibrated per index at build time: only their presence is compared.
  const ranking = { keyword: m.search.keyword, fusion: m.search.fusion };
  if (
    JSON.stringify(ranking) !== JSON.stringify(DEFAULT_SEARCH) ||
    !m.search.confidence ||
    !m.files?.words ||
    JSON.stringify(m.chunking) !== JSON.stringify(DEFAULT_CHUNKING)
  )
    return 'its search or chunking settings are not the current ones';
  // The same files chunked by this version of Lantern must give the same passages (chunking code changes too).
  try {
    const passages = JSON.parse(readFileSync(indexFilePath(dir, m.files.passages), 'utf8'));
    const ids: string[] = m.shards ? passages.ids : passages.passages.map((p: { id: string }) => p.id);
    const corpus = await readFolders(data, DEFAULT_CHUNKING);
    if (JSON.stringify(ids) !== JSON.stringify(corpus.passages.map((p) => p.id)))
      return 'this version of Lantern chunks the documents differently';
    // Titles and links between documents (backlinks) too: an index built before links has none.
    if (JSON.stringify(passages.documents) !== JSON.stringify(corpus.documents))
      return 'this version of Lantern titles or links the documents differently';
  } catch {
    return 'its passages are unreadable';
  }
  return null;
}

function walk(dir: string): { rel: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      return { rel: path.relative(dir, full), bytes: statSync(full).size };
    });
}

/** The app shell prebuilt in the package (lib/app); this file runs from lib/site/ there. */
const PREBUILT_APP = path.resolve(import.meta.dirname, '../app');

/**
 * The app shell: the package's prebuilt one; in a clone (running src/ through tsx), built by vite into `tmp`, so
 * that it is always the app of the working tree.
 */
async function appShell(tmp: string): Promise<string> {
  if (import.meta.url.endsWith('.js')) return PREBUILT_APP;
  const { buildAppShell } = await import('./app-build.ts');
  await buildAppShell(tmp);
  return tmp;
}

const isSite = (dir: string) =>
  existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'manifest.webmanifest'));

export async function buildSite(options: SiteBuildOptions): Promise<SiteReport> {
  const { config, reporter } = options;
  const out = path.resolve(options.out);
  const index = path.resolve(options.index);
  if (existsSync(out) && readdirSync(out).length && !isSite(out)) {
    throw new Error(
      `--out ${options.out} exists and is not a Lantern site; refusing to replace it (choose an empty or new folder)`,
    );
  }
  if (out === index || index.startsWith(out + path.sep))
    throw new Error(`--out ${options.out} would hold the index folder ${options.index}: choose two separate folders`);

  for (const folder of config.documents) {
    if (!existsSync(folder))
      throw new Error(
        `the documents folder ${folder} does not exist (${config.given?.has('documents') ? `"documents" of ${config.file ?? 'lantern.config.json'}, or --data` : 'the default; set "documents" in lantern.config.json or give --data'})`,
      );
  }
  const data = recordedFolders(config.documents);
  const forced = options.rebuild || Object.values(options.indexOptions ?? {}).some((v) => v !== undefined);
  const reason = forced ? 'asked to' : await staleReason(index, config, data);
  if (reason) {
    reporter.line(`index      building ${options.index} from ${data.join(', ')} (${reason})`);
    await buildIndex({
      data,
      out: index,
      model: config.model,
      revision: config.revision,
      baseUrl: config.url,
      reporter,
      ...options.indexOptions,
    });
  } else {
    reporter.line(
      `index      ${options.index} is the current index of ${data.join(', ')}: not rebuilt (--rebuild forces it)`,
    );
    // A new site address changes only the links `lantern search` prints: the manifest's baseUrl (not part of its version).
    const file = path.join(index, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as IndexManifest;
    if (manifest.baseUrl !== config.url)
      await writeFile(file, JSON.stringify({ ...manifest, baseUrl: config.url }, null, 2));
  }

  const tmp = `${out}.tmp-${process.pid}`;
  const shell = `${out}.app-${process.pid}`;
  const started = performance.now();
  try {
    await writeSite({ app: await appShell(shell), index, site: config, outDir: tmp });
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(shell, { recursive: true, force: true });
  }
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) await rename(out, old);
  await rename(tmp, out);
  await rm(old, { recursive: true, force: true });

  const files = walk(out);
  const pages = files.filter((f) => f.rel.startsWith(`${PAGES_DIR}${path.sep}`) && f.rel.endsWith('.html'));
  const sum = (list: { bytes: number }[]) => list.reduce((n, f) => n + f.bytes, 0);
  const report: SiteReport = {
    out,
    files: files.length,
    bytes: sum(files),
    pages: { files: pages.length, bytes: sum(pages) },
    indexRebuilt: Boolean(reason),
  };
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  reporter.line(
    `site       ${options.out}: ${report.files} files, ${mb(report.bytes)} (of which ${report.pages.files} passage pages, ${mb(report.pages.bytes)}), built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  reporter.line(`           "${config.name}", to be published at ${config.url} (copy the folder to any static host)`);
  return report;
}
