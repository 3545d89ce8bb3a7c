// `npm run bench`: every corpus through build, Node and Chromium query latency, the query embedding on both paths
// of the static model, the peer engines and (seed, 100k) the real app, and for the seed app the time to Ready on a
// throttled link; prints markdown tables with PASS/FAIL per target and writes bench-results/latest.json.
// `npm run bench -- seed scifact` runs only the corpora named.
// `npm run bench -- --smoke` runs every stage once, small: the seed corpus built afresh into a temporary folder, a
// site built around it there (no dist/site needed), a few queries; it fails when a stage fails (CI runs it), not on a
// target, and writes bench-results/smoke.json.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import type { IndexManifest } from '../src/core/index-format/manifest.ts';
import { modelWeight } from '../src/indexer/model-files.ts';
import path from 'node:path';
import { buildApp } from '../tests/e2e/app-build.ts';
import { TEACHER_CACHE_DIR } from '../tests/fixtures/seed.ts';
import { CORPORA, loadCorpus, type CorpusName } from './corpora.ts';
import { buildInto, ensureIndex } from './indexes.ts';
import { runNode } from './node.ts';
import { comparePeers } from './peers.ts';
import { buildPage, runBrowser } from './browser.ts';
import { runApp } from './app.ts';
import { compareEmbedding } from './embedding.ts';
import { timeToReady, type ReadyTime } from './ready-time.ts';
import { QUERY_BUDGET_MS } from './stats.ts';
import { markdown, writeResults, type CorpusResult, type IndexSizes } from './report.ts';

const started = performance.now();
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const flags = args.filter((a) => a.startsWith('--') && a !== '--smoke');
if (flags.length) throw new Error(`unknown option ${flags.join(', ')}: the only option is --smoke`);
const asked = args.filter((a) => !a.startsWith('--')) as CorpusName[];
const unknown = asked.filter((c) => !CORPORA.includes(c));
if (unknown.length) throw new Error(`unknown corpus ${unknown.join(', ')}: choose from ${CORPORA.join(', ')}`);
if (smoke && asked.some((c) => c !== 'seed')) throw new Error('--smoke runs the seed corpus only');
const names: CorpusName[] = smoke ? ['seed'] : asked.length ? CORPORA.filter((c) => asked.includes(c)) : CORPORA;
/** Queries per loop in a smoke run: enough to run every stage, too few for figures. */
const SMOKE_QUERIES = 10;
/** The link of the time-to-Ready runs: a phone on a fair mobile connection (a smoke run only checks the stage runs). */
const READY_LINK = { mbps: smoke ? 40 : 5, latency: 40 };
if (!smoke && !existsSync('dist/site/index.html'))
  throw new Error('dist/site is missing: run `npm run build` first (the app start is measured on the real app)');
const log = (line: string) => process.stderr.write(`bench      ${line}\n`);
const scratch = smoke ? await mkdtemp(path.join(tmpdir(), 'lantern-bench-smoke-')) : undefined;

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

/** The seed index and the site around it: dist/site, or in a smoke run both built afresh in `scratch`. */
async function seedSite(built: { dir: string }): Promise<string> {
  if (!scratch) return path.resolve('dist/site');
  const site = path.join(scratch, 'site');
  log('building the site around the seed index');
  await buildApp(path.join(built.dir, 'index'), site);
  return site;
}

/** Time to Ready of the seed site, from a plain static host and from a compressing one. */
async function readyBothWays(site: string): Promise<ReadyTime[]> {
  const runs: ReadyTime[] = [];
  for (const gzip of [false, true]) runs.push(await timeToReady(site, { ...READY_LINK, gzip }));
  return runs;
}

log('building the bench page');
await buildPage();
const results: CorpusResult[] = [];
const file = smoke ? 'bench-results/smoke.json' : 'bench-results/latest.json';
try {
  for (const name of names) {
    const bench = await loadCorpus(name, smoke ? SMOKE_QUERIES : undefined);
    const built = scratch
      ? // The teacher's word vectors of the tests' builds (which `npm test` has made before CI's smoke run).
        { dir: scratch, build: await buildInto(bench, scratch, undefined, TEACHER_CACHE_DIR), cached: false }
      : await ensureIndex(bench, await madeFrom(name));
    const dir = path.join(built.dir, 'index');
    const texts = bench.queries.map((q) => q.text).slice(0, smoke ? SMOKE_QUERIES : undefined);
    log(
      `${name}: ${bench.corpus.passages.length} passages, ${texts.length} queries${built.cached ? ' (index from cache)' : ''}`,
    );
    const node = await runNode(dir, texts);
    const embedding = await compareEmbedding(dir, texts);
    // The peers build their own 100k indexes for minutes: compared up to 10k only (the budget is 20 minutes).
    const peers =
      name === 'synthetic-100k'
        ? []
        : await comparePeers(dir, node.index, bench.queries.slice(0, node.vectors.length), node.vectors, bench.qrels);
    log(`${name}: Node and peers done; Chromium`);
    const browser = await runBrowser(dir, texts);
    log(`${name}: Chromium done${name === 'seed' || name === 'synthetic-100k' ? '; the app' : ''}`);
    const searches = texts.slice(1, 6);
    const site = name === 'seed' ? await seedSite(built) : path.resolve('dist/site');
    const app =
      name === 'seed'
        ? await runApp(site, texts[0], searches)
        : name === 'synthetic-100k'
          ? await runApp(site, texts[0], searches.slice(0, 2), dir, false)
          : undefined;
    if (name === 'seed') log(`${name}: time to Ready at ${READY_LINK.mbps} Mbps, uncompressed and gzip`);
    const ready = name === 'seed' ? await readyBothWays(site) : undefined;
    results.push({
      corpus: name,
      passages: bench.corpus.passages.length,
      queries: texts.length,
      build: { ...built.build, cached: built.cached },
      sizes: await indexSizes(dir),
      node: { openSeconds: node.openSeconds, latency: node.latency, ...(embedding ? { embedding } : {}) },
      browser,
      peers,
      ...(app ? { app } : {}),
      ...(ready ? { ready } : {}),
    });
    // Saved after every corpus, so a failure at 100k keeps the rest.
    await writeResults(results, { date: new Date().toISOString(), partial: name !== names.at(-1) }, file);
  }
} finally {
  if (scratch) await rm(scratch, { recursive: true, force: true });
}

const seconds = (performance.now() - started) / 1000;
const notes = [
  `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; bench ran ${(seconds / 60).toFixed(1)} min.`,
  'synthetic-10k: SciFact sentences recombined by a seeded generator (2–6 sentences per passage, 5 passages per document), embedded by buildIndex with the SciFact index\'s model (the default model adapted to SciFact; no adaptation run). synthetic-100k: each passage joins two synthetic-10k passages and its vector is composed from their two vectors (word-count weighted, re-normalised), NOT embedded: its "embed passages/s" is the composition rate.',
  'Build figures of a cached index are those recorded when it was built (embed passages/s marked "cached").',
  "Peers get Lantern's vectors dequantised to float32; every engine returns ranked ids (Lantern without snippets, which the latency table above times apart). Orama tuned: English stemming + the stop words Lantern drops, similarity 0.1, hybridWeights text 0.7 / vector 0.3. Sizes exclude the model: Lantern = manifest + passages.json + vectors.bin; Orama/MiniSearch = serialised JSON (documents included); brute force = passages.json + float32 vectors.",
  smoke
    ? `Smoke run: ${SMOKE_QUERIES} queries per loop, the seed index built afresh and the site built around it in a temporary folder; it checks that every stage runs, its figures are not the bench's.`
    : `Query loops run ≥ 200 queries (seed: tests/quality/questions.jsonl + SciFact queries; others: SciFact's 300) unless one loop passes ${QUERY_BUDGET_MS / 1000} s: then it stops and the tables give n. Peers are not run at 100k (they would build their own 100k indexes for minutes).`,
  'Query embedding alone: each query embedded by the path the app runs (TypeScript, for the static model) and by ONNX Runtime through Transformers.js on the same model file, one after the other, warm.',
  "App start: seed = the built site (dist/site; a smoke run: its own); synthetic-100k = the same app serving the 100k index at /index/ (its service worker, which precaches the seed index, is not waited for). First visit = every byte the server sent until the service worker was active (page, worker, index, model, ONNX Runtime's wasm only for a model that needs it, and the precache; 100k: until the searches were answered), gzip level 6 on every response.",
  `Time to Ready: the seed site's first visit with the service worker blocked, at ${READY_LINK.mbps} Mbps and ${READY_LINK.latency} ms latency (Chromium's network emulation), from a plain static host and from one that compresses (gzip level 6), as bench/ready.ts measures it.`,
];
const text = markdown(results, notes);
console.log(text);
await writeResults(
  results,
  {
    date: new Date().toISOString(),
    partial: false,
    smoke,
    seconds,
    node: process.version,
    cpus: cpus().length,
    loadavg: loadavg(),
    markdown: text,
  },
  file,
);
log(`wrote ${file} in ${(seconds / 60).toFixed(1)} min`);
