// A tiny static server for the built app on 127.0.0.1 with a random free port (node:http only), for the e2e tests
// and the bench. Like any static host it sends `no-cache` with an ETag (the file's size and mtime), so browsers
// revalidate: a 304 has no body. With `gzip` it compresses what the client accepts gzip for, as a real host
// would; it counts what it sends (the bench's first-visit bytes).
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
};

export interface StaticServer {
  url: string;
  /** Paths requested so far, in order (for asserting what was fetched). */
  requests: string[];
  /** Paths whose whole body was sent (not a 304), in order. */
  bodies: string[];
  /** So far: responses (304s included), body bytes on the wire and the served files' sizes, in all and for distinct paths only. */
  sent: { responses: number; wire: number; files: number; distinctWire: number; distinctFiles: number };
  close(): Promise<void>;
}

/** Serves `root`; `overrides` maps URL paths (e.g. "/index/") to other folders. */
export async function serve(
  root: string,
  overrides: Record<string, string> = {},
  { gzip = false } = {},
): Promise<StaticServer> {
  const requests: string[] = [];
  const bodies: string[] = [];
  const sent: StaticServer['sent'] = { responses: 0, wire: 0, files: 0, distinctWire: 0, distinctFiles: 0 };
  const compressed = new Map<string, Buffer>();
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(urlPath);
    let base = root;
    let rel = urlPath;
    for (const [prefix, dir] of Object.entries(overrides)) {
      if (urlPath.startsWith(prefix)) {
        base = dir;
        rel = urlPath.slice(prefix.length - 1);
      }
    }
    let file = path.join(base, rel);
    if (!file.startsWith(path.resolve(base))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const stats = statSync(file);
    const etag = `"${stats.size.toString(16)}-${stats.mtimeMs.toString(16)}"`;
    if (req.headers['if-none-match'] === etag) {
      sent.responses++;
      res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
      return;
    }
    const zip = gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = zip ? (compressed.get(file) ?? gzipSync(readFileSync(file), { level: 6 })) : null;
    if (body) compressed.set(file, body);
    const headers: Record<string, string | number> = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': body?.length ?? stats.size,
      'Cache-Control': 'no-cache',
      ETag: etag,
      ...(body ? { 'Content-Encoding': 'gzip' } : {}),
    };
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    const wire = body?.length ?? stats.size;
    sent.responses++;
    sent.wire += wire;
    sent.files += stats.size;
    if (!seen.has(urlPath)) {
      seen.add(urlPath);
      sent.distinctWire += wire;
      sent.distinctFiles += stats.size;
    }
    bodies.push(urlPath);
    if (body) res.end(body);
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    bodies,
    sent,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
