// The site's configuration: `lantern.config.json` at the project root (or `--config FILE`), overridden by flags.
// Every key is optional; an unknown key or a value of the wrong type is an error naming the key and the file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MODEL } from '../core/index-format/manifest.ts';

export const CONFIG_FILE = 'lantern.config.json';
/** JSON has no comments: a config file explains itself under this key (`lantern init` writes one). */
export const COMMENT_KEY = '//';

export interface SiteConfig {
  /** The site's name: header, tab title, install manifest, link previews. */
  name: string;
  /** The name under the icon on a home screen (12 characters or fewer show whole). */
  shortName: string;
  description: string;
  /** Folders of documents to index, absolute (resolved against the config file's folder). */
  documents: string[];
  /** Where the site is published, ending in `/` (may be a sub-path): passage links and link previews use it. */
  url: string;
  /** The install manifest's theme colour, `#rgb` or `#rrggbb`. */
  themeColor: string;
  /** `lantern-static`, a Transformers.js model folder or a hub id. */
  model: string;
  /** Hub revision to pin (hub models only). */
  revision: string;
  /** Example questions the home screen offers (none by default). */
  examples: string[];
}

export const DEFAULT_URL = 'http://127.0.0.1:4173/';

export const DEFAULTS: Omit<SiteConfig, 'documents'> & { documents: string[] } = {
  name: 'Lantern',
  shortName: '',
  description: 'Search your own documents by meaning, offline.',
  documents: ['data'],
  url: DEFAULT_URL,
  themeColor: '#1f5f5b',
  model: DEFAULT_MODEL,
  revision: 'main',
  examples: [],
};

/** Example questions: a few, each short enough for one line on a phone. */
const MAX_EXAMPLES = 8;
const MAX_EXAMPLE_LENGTH = 120;

type Check = (value: unknown) => string | null;
const text: Check = (v) => (typeof v === 'string' && v.trim() ? null : 'must be a non-empty string');
const KEYS: Record<keyof SiteConfig, Check> = {
  name: text,
  shortName: text,
  description: text,
  documents: (v) =>
    (typeof v === 'string' && v.trim()) ||
    (Array.isArray(v) && v.length > 0 && v.every((f) => typeof f === 'string' && f.trim()))
      ? null
      : 'must be a folder or a non-empty list of folders',
  url: (v) =>
    typeof v === 'string' && parseUrl(v) ? null : 'must be an absolute http(s) URL, e.g. "https://me.github.io/notes/"',
  themeColor: (v) =>
    typeof v === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(v) ? null : 'must be a colour such as "#1f5f5b"',
  model: text,
  revision: text,
  examples: (v) =>
    Array.isArray(v) &&
    v.length <= MAX_EXAMPLES &&
    v.every((q) => typeof q === 'string' && q.trim() && q.length <= MAX_EXAMPLE_LENGTH)
      ? null
      : `must be a list of at most ${MAX_EXAMPLES} questions, each a non-empty string of at most ${MAX_EXAMPLE_LENGTH} characters`,
};

/** The flag that sets each key, for errors about values given on the command line (examples: the file only). */
const FLAGS: Partial<Record<keyof SiteConfig, string>> = {
  name: '--name',
  shortName: '--short-name',
  description: '--description',
  documents: '--data',
  url: '--base-url',
  themeColor: '--theme-color',
  model: '--model',
  revision: '--revision',
};

function parseUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash ? url : null;
  } catch {
    return null;
  }
}

/** The site URL as a folder: `https://me.github.io/notes` → `https://me.github.io/notes/`. */
export function folderUrl(value: string): string {
  const url = parseUrl(value);
  if (!url) throw new Error(`"${value}" is not an absolute http(s) URL`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** Validates one source of settings (the file's JSON, or the flags); `where` names it in errors. */
export function checkSettings(
  value: unknown,
  where: string,
  names?: Partial<Record<keyof SiteConfig, string>>,
): Partial<Record<keyof SiteConfig, unknown>> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${where}: must hold one JSON object of settings`);
  const out: Partial<Record<keyof SiteConfig, unknown>> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === COMMENT_KEY) continue;
    if (!Object.hasOwn(KEYS, key))
      throw new Error(`${where}: unknown key "${key}" (known keys: ${Object.keys(KEYS).join(', ')})`);
    if (v === undefined) continue;
    const problem = KEYS[key as keyof SiteConfig](v);
    if (problem)
      throw new Error(
        `${where}: ${names?.[key as keyof SiteConfig] ?? `"${key}"`} ${problem}, got ${JSON.stringify(v)}`,
      );
    out[key as keyof SiteConfig] = v;
  }
  return out;
}

export interface LoadOptions {
  /** The config file; `lantern.config.json` in `cwd` when not given (and then optional). */
  file?: string;
  /** Flag values, already named as config keys; they win over the file. */
  overrides?: Partial<Record<keyof SiteConfig, unknown>>;
  cwd?: string;
}

/**
 * The configuration in force: defaults, then the file, then the flags. Folders from the file are relative to the
 * file's folder; folders from flags to the working directory.
 */
export function loadSiteConfig({
  file,
  overrides = {},
  cwd = process.cwd(),
}: LoadOptions = {}): SiteConfig & { file: string | null; given: Set<keyof SiteConfig> } {
  const configPath = path.resolve(cwd, file ?? CONFIG_FILE);
  let fromFile: Partial<Record<keyof SiteConfig, unknown>> = {};
  const found = existsSync(configPath);
  if (file && !found) throw new Error(`--config ${file}: no such file`);
  if (found) {
    let json: unknown;
    try {
      // Some Windows editors save UTF-8 with a byte-order mark, which JSON.parse rejects.
      json = JSON.parse(readFileSync(configPath, 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new Error(`${configPath}: not valid JSON (${(error as Error).message})`);
    }
    fromFile = checkSettings(json, configPath);
  }
  const flags = checkSettings(
    Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
    'command line',
    FLAGS,
  );
  const folders = (value: unknown, base: string) =>
    (Array.isArray(value) ? value : [value]).map((f: string) =>
      path.resolve(base, f.replace(/^~(?=$|\/)/, process.env.HOME ?? '~')),
    );
  const fileFolders = folders(fromFile.documents ?? DEFAULTS.documents, found ? path.dirname(configPath) : cwd);
  const documents = flags.documents !== undefined ? folders(flags.documents, cwd) : fileFolders;
  // The file names and describes its own documents: other folders named on the command line (`npm start -- ~/notes`
  // in the repository, whose file describes the example) are named after the first folder instead, and get none of
  // its example questions.
  const elsewhere = flags.documents !== undefined && documents.join('\n') !== fileFolders.join('\n');
  const identity = elsewhere
    ? {
        name: path.basename(documents[0]) || DEFAULTS.name,
        shortName: '',
        description: DEFAULTS.description,
        examples: DEFAULTS.examples,
      }
    : {};
  const merged = { ...DEFAULTS, ...fromFile, ...identity, ...flags } as Record<keyof SiteConfig, unknown>;
  const name = merged.name as string;
  return {
    file: found ? configPath : null,
    given: new Set([...Object.keys(fromFile), ...Object.keys(flags)] as (keyof SiteConfig)[]),
    name,
    shortName: (merged.shortName as string) || name,
    description: merged.description as string,
    documents: [...new Set(documents)],
    url: folderUrl(merged.url as string),
    themeColor: merged.themeColor as string,
    model: merged.model as string,
    revision: merged.revision as string,
    examples: (merged.examples as string[]).map((q) => q.trim()),
  };
}
