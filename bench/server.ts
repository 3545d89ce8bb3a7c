// A static server for the bench pages and the built app on 127.0.0.1 (random port), with optional gzip.
// It counts what it sends: body bytes on the wire (gzip when asked for) and the files' own sizes. Like any static
// host it sends an ETag with `no-cache`, so a browser revalidates what it holds (a 304, no body) instead of
// downloading it again.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

export interface Served {
  url: string;
  /** So far: responses, body bytes sent and the served files' sizes, in all and for distinct paths only. */
  sent: { responses: number; wire: number; files: number; distinctWire: number; distinctFiles: number };
  close(): Promise<void>;
}

/** Serves `routes` (URL prefix → folder, longest prefix wins); `gzip` compresses every response the client accepts gzip for. */
export async function serve(routes: Record<string, string>, gzip: boolean): Promise<Served> {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const compressed = new Map<string, Buffer>();
  const state: Served['sent'] = { responses: 0, wire: 0, files: 0, distinctWire: 0, distinctFiles: 0 };
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = prefixes.find((p) => urlPath.startsWith(p))!;
    const root = path.resolve(routes[prefix]);
    let file = path.join(root, urlPath.slice(prefix.length));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    const raw = readFileSync(file);
    const etag = `"${createHash('sha1').update(raw).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      state.responses++;
      return void res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
    }
    const zip = gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body: Buffer = zip ? (compressed.get(file) ?? gzipSync(raw, { level: 6 })) : raw;
    if (zip) compressed.set(file, body);
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      ETag: etag,
      ...(zip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    state.responses++;
    state.wire += body.length;
    state.files += raw.length;
    if (!seen.has(urlPath)) {
      seen.add(urlPath);
      state.distinctWire += body.length;
      state.distinctFiles += raw.length;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sent: state,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
