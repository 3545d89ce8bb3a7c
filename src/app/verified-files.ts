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

function mismatch(file: string, version: string, what: string): string {
  return `${file} is damaged or belongs to another build (${what} does not match index version ${version}). The saved copy was removed: reload the page to download it again.`;
}

/** Downloads an index file and checks it against the manifest; a bad copy is evicted and the error says so. */
export async function fetchChecked(indexUrl: string, manifest: IndexManifest, file: string): Promise<ArrayBuffer> {
  const url = new URL(file, indexUrl).href;
  const response = await fetch(url).catch(() => {
    throw new Error(navigator.onLine ? `${file} could not be downloaded (network error).` : `${file} is not saved on this device and this device is offline: connect once to search for this.`);
  });
  if (!response.ok) throw new Error(`${file} could not be downloaded (HTTP ${response.status}).`);
  const bytes = await response.arrayBuffer();
  const expected = manifest.sizes[file];
  if (expected && bytes.byteLength !== expected.bytes) {
    await evict([url, new URL('manifest.json', indexUrl).href]);
    throw new Error(mismatch(file, manifest.version, `its size, ${bytes.byteLength} bytes instead of ${expected.bytes},`));
  }
  if (expected && (await sha256(bytes)) !== expected.sha256) {
    await evict([url, new URL('manifest.json', indexUrl).href]);
    throw new Error(mismatch(file, manifest.version, 'its sha256'));
  }
  await restore(url, bytes, response.headers);
  return bytes;
}

export interface StreamCheck {
  hash: string;
  url: string;
  manifestUrl: string;
  /** Called with the failure when the bytes do not match (the stream then errors with it). */
  onMismatch: () => string;
}

/**
 * A response whose body streams through unchanged (download progress stays live) and errors at the end if its
 * sha256 differs (the cached copies of the file and of the manifest are then removed, see evict); a good file
 * that was removed earlier is put back into the offline copy.
 */
export function verifiedStream(response: Response, check: StreamCheck): Response {
  const chunks: Uint8Array[] = [];
  const reader = response.body!.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (!done) {
        chunks.push(value);
        controller.enqueue(value);
        return;
      }
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) all.set(c, (at += c.length) - c.length);
      if ((await sha256(all.buffer)) === check.hash) {
        await restore(check.url, all.buffer, response.headers);
        controller.close();
        return;
      }
      await evict([check.url, check.manifestUrl]);
      controller.error(new Error(check.onMismatch()));
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
