// Fetching a Transformers.js model from a model hub at build time, once, at a pinned revision.
// Files are checked against the hub's content hashes (the sha256 it reports for large files) and against
// the lock written by the first fetch, then kept in a local cache; the app never talks to the hub.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env } from '@huggingface/transformers';

/** The files a feature-extraction model needs, in the layout Transformers.js loads. */
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];
const OPTIONAL_FILES = ['special_tokens_map.json'];

export interface HubFetchOptions {
  id: string;
  revision: string;
  cacheDir: string;
  /** Hub base URL; defaults to $HF_ENDPOINT (the variable the hub's own tools read for a mirror), else Transformers.js's remote host. */
  host?: string;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export interface FetchedModel {
  dir: string;
  files: Record<string, string>;
}

const SHA256 = /^[0-9a-f]{64}$/;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A model id as the hub spells it: "owner/name", letters, digits, dot, dash, underscore. */
export function isHubId(value: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(value) && !value.includes('..');
}

export async function fetchHubModel(options: HubFetchOptions): Promise<FetchedModel> {
  if (!isHubId(options.id))
    throw new Error(`--model "${options.id}" is neither a folder nor a hub model id (owner/name)`);
  const host = (options.host ?? (process.env.HF_ENDPOINT || env.remoteHost)).replace(/\/?$/, '/');
  const doFetch = options.fetch ?? fetch;
  const dir = path.join(options.cacheDir, options.id.replace('/', '--'), options.revision);
  const lockFile = path.join(dir, 'lantern-lock.json');
  const lock: Record<string, string> | null = existsSync(lockFile)
    ? JSON.parse(await readFile(lockFile, 'utf8'))
    : null;
  if (lock && MODEL_FILES.every((f) => existsSync(path.join(dir, f)))) {
    for (const [file, hash] of Object.entries(lock)) {
      if (sha256(await readFile(path.join(dir, file))) !== hash)
        throw new Error(
          `cached model file ${path.join(dir, file)} does not match its lock; delete ${dir} to fetch it again`,
        );
    }
    return { dir, files: lock };
  }

  const tmp = `${dir}.partial-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    return await download(options, host, doFetch, tmp, dir, lock);
  } catch (error) {
    // A failed or corrupted download leaves nothing behind in the cache.
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

async function download(
  options: HubFetchOptions,
  host: string,
  doFetch: typeof fetch,
  tmp: string,
  dir: string,
  lock: Record<string, string> | null,
): Promise<FetchedModel> {
  const files: Record<string, string> = {};
  for (const file of [...MODEL_FILES, ...OPTIONAL_FILES]) {
    const url = `${host}${options.id}/resolve/${encodeURIComponent(options.revision)}/${file}`;
    let response: Response;
    try {
      response = await doFetch(url);
    } catch (error) {
      throw new Error(
        `cannot reach the model hub for ${options.id} (${(error as Error).message}); use --model with a local folder when offline`,
      );
    }
    if (!response.ok) {
      if (OPTIONAL_FILES.includes(file)) continue;
      throw new Error(`model ${options.id}@${options.revision}: ${file} answered HTTP ${response.status}`);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const hash = sha256(bytes);
    // The hub reports a large file's sha256 as its (linked) ETag; small files carry a git hash we cannot check here.
    const etag = (response.headers.get('x-linked-etag') ?? response.headers.get('etag') ?? '')
      .replace(/^W\//, '')
      .replace(/"/g, '');
    if (SHA256.test(etag) && etag !== hash)
      throw new Error(
        `model ${options.id}@${options.revision}: ${file} does not match the hub's sha256 (${etag}); the download is corrupted`,
      );
    if (lock?.[file] && lock[file] !== hash)
      throw new Error(
        `model ${options.id}@${options.revision}: ${file} changed since it was first fetched (pinned revision moved?)`,
      );
    await mkdir(path.dirname(path.join(tmp, file)), { recursive: true });
    await writeFile(path.join(tmp, file), bytes);
    files[file] = hash;
    options.log?.(`fetched ${file} (${(bytes.length / 1048576).toFixed(1)} MB)`);
  }
  await writeFile(path.join(tmp, 'lantern-lock.json'), JSON.stringify(files, null, 2));
  await mkdir(path.dirname(dir), { recursive: true });
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  return { dir, files };
}
