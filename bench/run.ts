// `npm run bench`: every corpus through build, Node and Chromium query latency, the peer engines and (seed,
// 100k) the real app; prints markdown tables with PASS/FAIL per target and writes bench-results/latest.json.
// `npm run bench -- seed scifact` runs only the corpora named.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import type { IndexManifest } from '../src/core/index-format/manifest.ts';
import { modelWeight } from '../src/indexer/model-files.ts';
import path from 'node:path';
import { CORPORA, loadCorpus, type CorpusName } from './corpora.ts';
import { ensureIndex } from './indexes.ts';
import { runNode } from './node.ts';
import { comparePeers } from './peers.ts';
import { buildPage, runBrowser } from './browser.ts';
import { runApp } from './app.ts';
import { QUERY_BUDGET_MS } from './stats.ts';
import { markdown, writeResults, type CorpusResult, type IndexSizes } from './report.ts';

const started = performance.now();
const asked = process.argv.slice(2) as CorpusName[];
const unknown = asked.filter((c) => !CORPORA.includes(c));
if (unknown.length) throw new Error(`unknown corpus ${unknown.join(', ')}: choose from ${CORPORA.join(', ')}`);
const names = asked.length ? CORPORA.filter((c) => asked.includes(c)) : CORPORA;
if (!existsSync('dist/site/index.html'))
  throw new Error('dist/site is missing: run `npm run build` first (the app start is measured on the real app)');
const log = (line: string) => process.stderr.write(`bench      ${line}\n`);

async function indexSizes(dir: string): Promise<IndexSizes> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as IndexManifest;
  // Text: passages.json, or a sharded index's catalog, term dictionary, fragments and passage shards.
  const text = Object.entries(manifest.sizes).reduce(
    (n, [file, size]) => (file === manifest.files.vectors ? n : n + size.bytes),
    0,
  );
  const [vectors, metadata, model] = await Promise.all([
    stat(path.join(dir, manifest.files.vectors)).then((s) => s.size),
    stat(path.join(dir, 'manifest.json')).then((s) => s.size),
    modelWeight(path.join(dir, manifest.model.path)),
  ]);
  return {
    text,
    vectors,
    metadata,
    model: model.bytes,
    modelGzip: model.gzip,
    total: text + vectors + metadata + model.bytes,
    dim: manifest.model.dim,
  };
}

/** synthetic-10k (SciFact sentences) is embedded with the SciFact index's model; synthetic-100k is composed from the 10k index. */
async function madeFrom(name: CorpusName): Promise<string | undefined> {
  const source: Partial<Record<CorpusName, CorpusName>> = {
    'synthetic-10k': 'scifact',
    'synthetic-100k': 'synthetic-10k',
  };
  if (!source[name]) return undefined;
  const bench = await loadCorpus(source[name]);
  return path.join((await ensureIndex(bench, await madeFrom(bench.name))).dir, 'index');
}

log('building the bench page');
await buildPage();
const results: CorpusResult[] = [];
for (const name of names) {
  const bench = await loadCorpus(name);
  const built = await ensureIndex(bench, await madeFrom(name));
  const dir = path.join(built.dir, 'index');
  const texts = bench.queries.map((q) => q.text);
  log(
    `${name}: ${bench.corpus.passages.length} passages, ${texts.length} queries${built.cached ? ' (index from cache)' : ''}`,
  );
  const node = await runNode(dir, texts);
  // The peers build their own 100k indexes for minutes: compared up to 10k only (the budget is 20 minutes).
  const peers =
    name === 'synthetic-100k'
      ? []
      : await comparePeers(dir, node.index, bench.queries.slice(0, node.vectors.length), node.vectors, bench.qrels);
  log(`${name}: Node and peers done; Chromium`);
  const browser = await runBrowser(dir, texts);
  log(`${name}: Chromium done${name === 'seed' || name === 'synthetic-100k' ? '; the app' : ''}`);
  const searches = texts.slice(1, 6);
  const app =
    name === 'seed'
      ? await runApp(texts[0], searches)
      : name === 'synthetic-100k'
        ? await runApp(texts[0], searches.slice(0, 2), dir, false)
        : undefined;
  results.push({
    corpus: name,
    passages: bench.corpus.passages.length,
    queries: texts.length,
    build: { ...built.build, cached: built.cached },
    sizes: await indexSizes(dir),
    node: { openSeconds: node.openSeconds, latency: node.latency },
    browser,
    peers,
    ...(app ? { app } : {}),
  });
  // Saved after every corpus, so a failure at 100k keeps the rest.
  await writeResults(results, { date: new Date().toISOString(), partial: name !== names.at(-1) });
}

const seconds = (performance.now() - started) / 1000;
const notes = [
  `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; bench ran ${(seconds / 60).toFixed(1)} min.`,
  'synthetic-10k: SciFact sentences recombined by a seeded generator (2–6 sentences per passage, 5 passages per document), embedded by buildIndex with the SciFact index\'s model (the default model adapted to SciFact; no adaptation run). synthetic-100k: each passage joins two synthetic-10k passages and its vector is composed from their two vectors (word-count weighted, re-normalised), NOT embedded: its "embed passages/s" is the composition rate.',
  'Build figures of a cached index are those recorded when it was built (embed passages/s marked "cached").',
  "Peers get Lantern's vectors dequantised to float32; every engine returns ranked ids (Lantern without snippets, which the latency table above times apart). Orama tuned: English stemming + the stop words Lantern drops, similarity 0.1, hybridWeights text 0.7 / vector 0.3. Sizes exclude the model: Lantern = manifest + passages.json + vectors.bin; Orama/MiniSearch = serialised JSON (documents included); brute force = passages.json + float32 vectors.",
  `Query loops run ≥ 200 queries (seed: tests/quality/questions.jsonl + SciFact queries; others: SciFact's 300) unless one loop passes ${QUERY_BUDGET_MS / 1000} s: then it stops and the tables give n. Peers are not run at 100k (they would build their own 100k indexes for minutes).`,
  'App start: seed = dist/site as built; synthetic-100k = the same app serving the 100k index at /index/ (its service worker, which precaches the seed index, is not waited for). First visit = every byte the server sent until the service worker was active (page, worker, wasm, index, model and the precache; 100k: until the searches were answered), gzip level 6 on every response.',
];
const text = markdown(results, notes);
console.log(text);
const file = await writeResults(results, {
  date: new Date().toISOString(),
  partial: false,
  seconds,
  node: process.version,
  cpus: cpus().length,
  loadavg: loadavg(),
  markdown: text,
});
log(`wrote ${file} in ${(seconds / 60).toFixed(1)} min`);
