// Verified loading for the worker: every index and model file is checked against the manifest (size and sha256),
// so files from two different builds never mix silently, and a bad copy in the offline cache is repaired.
//
// Cache repair. A file that fails its check may come from the service worker's cache (damaged on disk, or
// left from another build); reloading would serve the same bad copy forever. So every cached copy of it and
// of the manifest is deleted (the service worker then fetches them from the network, as Workbox does for a
// precache miss), and where each copy was is noted in REPAIR_CACHE: when a later load verifies a good copy,
// it is put back, so the app works offline again without clearing site data.
import type { IndexManifest } from '../core/index-format/manifest.ts';

const REPAIR_CACHE = 'lantern-repair';
const bare = (url: string) => url.replace(/[?#].*$/, '');

export async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Deletes every cached copy of `urls`, noting where each was so that restore() can put a good copy back. */
export async function evict(urls: string[]): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const wanted = new Set(urls.map(bare));
    const repair = await caches.open(REPAIR_CACHE);
    for (const name of await caches.keys()) {
      if (name === REPAIR_CACHE) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (!wanted.has(bare(request.url))) continue;
        await cache.delete(request);
        await repair.put(bare(request.url), new Response(JSON.stringify({ cache: name, key: request.url })));
      }
    }
  } catch (error) {
    console.warn('Lantern: could not remove a damaged file from the offline copy', error);
  }
}

/** Puts a verified copy of `url` back where evict() removed one from. */
export async function restore(url: string, bytes: ArrayBuffer, headers: Headers): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    if (!(await caches.has(REPAIR_CACHE))) return;
    const repair = await caches.open(REPAIR_CACHE);
    const marker = await repair.match(bare(url));
    if (!marker) return;
    const { cache, key } = (await marker.json()) as { cache: string; key: string };
    if (await caches.has(cache)) await (await caches.open(cache)).put(key, new Response(bytes.slice(0), { headers }));
    await repair.delete(bare(url));
    if ((await repair.keys()).length === 0) await caches.delete(REPAIR_CACHE);
  } catch (error) {
    console.warn('Lantern: could not restore a file to the offline copy', error);
  }
}

/** Told the bytes of each chunk as it arrives (download progress). */
export type OnBytes = (bytes: number) => void;

/** The body of `response`, read chunk by chunk so that `onBytes` hears the download as it happens. */
async function readBody(response: Response, onBytes?: OnBytes): Promise<ArrayBuffer> {
  if (!onBytes || !response.body) return response.arrayBuffer();
  const chunks: Uint8Array[] = [];
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.length);
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.length) - c.length);
  return all.buffer;
}

export interface Expected {
  bytes?: number;
  sha256?: string;
}

export type Downloaded = { ok: true; bytes: ArrayBuffer; headers: Headers } | { ok: false; problem: string };

/**
 * Downloads `url` and checks it against `expected`. A copy that fails the check is evicted (with the manifest, so
 * that both come again from the network) and the problem names what differed; a good copy is restored (see restore).
 */
export async function downloadChecked(
  url: string,
  expected: Expected | undefined,
  manifestUrl: string,
  onBytes?: OnBytes,
): Promise<Downloaded> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    return {
      ok: false,
      problem: navigator.onLine
        ? `network error${error instanceof Error && error.message ? `: ${error.message}` : ''}`
        : 'offline',
    };
  }
  if (!response.ok) return { ok: false, problem: `HTTP ${response.status}` };
  let bytes: ArrayBuffer;
  try {
    bytes = await readBody(response, onBytes);
  } catch (error) {
    return {
      ok: false,
      problem: `the download broke off${error instanceof Error && error.message ? `: ${error.message}` : ''}`,
    };
  }
  if (expected?.bytes !== undefined && bytes.byteLength !== expected.bytes) {
    await evict([url, manifestUrl]);
    return { ok: false, problem: `size: ${bytes.byteLength} bytes instead of ${expected.bytes}` };
  }
  if (expected?.sha256 && (await sha256(bytes)) !== expected.sha256) {
    await evict([url, manifestUrl]);
    return { ok: false, problem: 'sha256' };
  }
  await restore(url, bytes, response.headers);
  return { ok: true, bytes, headers: response.headers };
}

/** Downloads an index file and checks it against the manifest; the error says what went wrong and what to do. */
export async function fetchChecked(
  indexUrl: string,
  manifest: IndexManifest,
  file: string,
  onBytes?: OnBytes,
): Promise<ArrayBuffer> {
  const got = await downloadChecked(
    new URL(file, indexUrl).href,
    manifest.sizes[file],
    new URL('manifest.json', indexUrl).href,
    onBytes,
  );
  if (got.ok) return got.bytes;
  if (got.problem === 'offline')
    throw new Error(`${file} is not saved on this device and this device is offline: connect once to search for this.`);
  if (got.problem === 'sha256' || got.problem.startsWith('size')) {
    const what = got.problem === 'sha256' ? 'its sha256' : `its ${got.problem.replace(': ', ', ')},`;
    throw new Error(
      `${file} is damaged or belongs to another build (${what} does not match index version ${manifest.version}). The saved copy was removed: reload the page to download it again.`,
    );
  }
  throw new Error(
    `${file} could not be downloaded (${got.problem.startsWith('network error') ? 'network error' : got.problem}).`,
  );
}
