// `lantern site --serve` (npm start): the built site on 127.0.0.1, served as a static host would serve it.
import { createServer } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/** Serves `dir` until the process stops; resolves with the address. */
export function serveSite(dir: string, port: number): Promise<string> {
  const files = sirv(path.resolve(dir), { dev: true, etag: true });
  const server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    }),
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${port}/`));
  });
}
