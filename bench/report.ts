// The results: markdown tables (pasteable into the README), PASS/FAIL per target, and bench-results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildRecord } from './build-index.ts';
import type { LatencySummary } from './stats.ts';
import type { EngineResult } from './peers.ts';
import type { AppStart } from './app.ts';
import type { BrowserRun } from './browser.ts';
import type { EmbeddingRun } from './embedding.ts';
import type { ReadyTime } from './ready-time.ts';

export interface IndexSizes {
  text: number;
  vectors: number;
  metadata: number;
  model: number;
  /** The model folder gzipped: what the first visit downloads of it. */
  modelGzip: number;
  total: number;
  dim: number;
}

export interface CorpusResult {
  corpus: string;
  passages: number;
  queries: number;
  build: BuildRecord & { cached: boolean };
  sizes: IndexSizes;
  /** `embedding`: the query embedding alone on both paths, for a static model. */
  node: { openSeconds: number; latency: LatencySummary; embedding?: EmbeddingRun };
  browser: BrowserRun;
  peers: EngineResult[];
  app?: AppStart;
  /** The seed app's first visit on a throttled link, uncompressed and gzip. */
  ready?: ReadyTime[];
}

export interface Target {
  name: string;
  limit: string;
  measured: string;
  pass: boolean;
}

const MB = (b: number) => `${(b / 1e6).toFixed(b >= 1e7 ? 0 : 1)} MB`;
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
/** The step of Chromium's clock in a page that is not cross-origin isolated: a shorter time reads as 0. */
const BROWSER_CLOCK_MS = 0.1;
/** How many times `slow` is `fast`; a `fast` the clock read as 0 gives the least the ratio can be ("≥ 14.0"). */
const times = (slow: number, fast: number) =>
  fast > 0 ? (slow / fast).toFixed(1) : `≥ ${(slow / BROWSER_CLOCK_MS).toFixed(1)}`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const firstVisit = (f: AppStart['firstVisit']) =>
  `${MB(f.gzipBytes)} / ${MB(f.rawBytes)} in ${f.requests} requests (${MB(f.distinctGzipBytes)} / ${MB(f.distinctRawBytes)})`;
const LIMIT_P95: Record<string, number> = { seed: 15, scifact: 40, 'synthetic-100k': 150 };

export function targets(results: CorpusResult[]): Target[] {
  const out: Target[] = [];
  for (const r of results) {
    const limit = LIMIT_P95[r.corpus];
    if (limit !== undefined) {
      const p95 = r.browser.latency.total.p95;
      out.push({
        name: `${r.corpus}: warm query p95 in Chromium incl. embedding`,
        limit: `≤ ${limit} ms`,
        measured: `${ms(p95)} ms`,
        pass: p95 <= limit,
      });
    }
  }
  for (const r of results) {
    const lantern = r.peers.find((e) => e.engine === 'Lantern hybrid')!;
    for (const peer of r.peers.filter((e) => e.engine.startsWith('Orama'))) {
      const ratio = lantern.latency.p50 / peer.latency.p50;
      out.push({
        name: `${r.corpus}: Lantern hybrid / ${peer.engine} latency (p50, Node)`,
        limit: '≤ 1.0',
        measured: ratio.toFixed(2),
        pass: ratio <= 1,
      });
    }
  }
  for (const r of results) {
    const perPassage = r.sizes.vectors / r.passages;
    out.push({
      name: `${r.corpus}: vector bytes per passage`,
      limit: `≤ ${r.sizes.dim + 8} (dim + 8)`,
      measured: perPassage.toFixed(1),
      pass: perPassage <= r.sizes.dim + 8,
    });
  }
  const seed = results.find((r) => r.corpus === 'seed');
  if (seed?.app)
    for (const [how, bytes, limit] of [
      ['uncompressed', seed.app.firstVisit.rawBytes, 7e6],
      ['compressed (gzip)', seed.app.firstVisit.gzipBytes, 5.5e6],
    ] as const)
      out.push({
        name: `seed app: first visit, ${how}, all bytes sent`,
        limit: `≤ ${MB(limit)}`,
        measured: MB(bytes),
        pass: bytes <= limit,
      });
  for (const run of seed?.ready ?? []) {
    if (run.mbps !== 5) continue;
    const limit = run.gzip ? 9 : 12;
    out.push({
      name: `seed app: time to Ready at 5 Mbps, ${run.gzip ? 'gzip' : 'uncompressed'}`,
      limit: `≤ ${limit} s`,
      measured: `${(run.ready / 1000).toFixed(1)} s`,
      pass: run.ready <= limit * 1000,
    });
  }
  if (seed) {
    const { onnx, app } = seed.browser.embedding;
    const speedup = onnx.p50 / Math.max(app.p50, BROWSER_CLOCK_MS);
    out.push({
      name: 'seed: query embedding in Chromium, ONNX Runtime / the app (p50)',
      limit: '≥ 2',
      measured: times(onnx.p50, app.p50),
      pass: speedup >= 2,
    });
  }
  const bigApp = results.find((r) => r.corpus === 'synthetic-100k')?.app;
  if (bigApp) {
    const longest = Math.max(0, ...bigApp.cold.longTasks);
    out.push({
      name: '100k app: longest main-thread task during load/search',
      limit: '≤ 200 ms',
      measured: `${ms(longest)} ms`,
      pass: longest <= 200,
    });
  }
  return out;
}

export function markdown(results: CorpusResult[], notes: string[]): string {
  const build = table(
    [
      'corpus',
      'passages',
      'embed passages/s',
      'build s (model)',
      'peak RSS',
      'index total',
      'text + keyword index B/passage',
      'vectors B/passage',
      'manifest',
      'model (gzip)',
    ],
    results.map((r) => [
      r.corpus,
      r.passages,
      `${r.build.passagesPerSecond.toFixed(0)}${r.build.cached ? ' (cached)' : ''}`,
      `${r.build.seconds.total.toFixed(0)} (${r.build.seconds.model.toFixed(0)})`,
      MB(r.build.peakRss),
      MB(r.sizes.total),
      (r.sizes.text / r.passages).toFixed(0),
      (r.sizes.vectors / r.passages).toFixed(1),
      `${(r.sizes.metadata / 1024).toFixed(1)} KB`,
      `${MB(r.sizes.model)} (${MB(r.sizes.modelGzip)})`,
    ]),
  );
  const latency = (label: string, pick: (r: CorpusResult) => LatencySummary) =>
    results.map((r) => {
      const l = pick(r);
      const stages = (['embed', 'load', 'keyword', 'vector', 'fusion', 'results'] as const).map(
        (s) => `${ms(l[s].p50)} / ${ms(l[s].p95)}`,
      );
      return [r.corpus, label, l.total.n, `${ms(l.total.p50)} / ${ms(l.total.p95)} / ${ms(l.total.p99)}`, ...stages];
    });
  const queries = table(
    [
      'corpus',
      'where',
      'n',
      'total p50 / p95 / p99 ms',
      'embed p50 / p95',
      'load (shards)',
      'keyword',
      'vector',
      'fusion',
      'results (snippets…)',
    ],
    [...latency('Node', (r) => r.node.latency), ...latency('Chromium', (r) => r.browser.latency)].sort(
      (a, b) => results.findIndex((r) => r.corpus === a[0]) - results.findIndex((r) => r.corpus === b[0]),
    ),
  );
  const opening = table(
    ['corpus', 'Node: open index s', 'Chromium worker: keyword ready ms', 'model ready ms'],
    results.map((r) => [r.corpus, r.node.openSeconds.toFixed(2), ms(r.browser.load.index), ms(r.browser.load.model)]),
  );
  const peers = table(
    [
      'corpus',
      'engine',
      'n',
      'p50 ms',
      'p95 ms',
      'Lantern / engine (p50)',
      'size',
      'Lantern size / engine',
      'nDCG@10',
      'engine build s',
    ],
    results.flatMap((r) =>
      r.peers.map((e) => {
        const lantern = r.peers.find((x) => x.engine === `Lantern ${e.versus}`)!;
        const self = e === lantern;
        return [
          r.corpus,
          e.engine,
          e.latency.n,
          ms(e.latency.p50),
          ms(e.latency.p95),
          self ? '—' : (lantern.latency.p50 / e.latency.p50).toFixed(2),
          MB(e.bytes),
          self ? '—' : (lantern.bytes / e.bytes).toFixed(2),
          e.ndcg10 === undefined ? '—' : e.ndcg10.toFixed(3),
          self ? '—' : e.buildSeconds.toFixed(1),
        ];
      }),
    ),
  );
  const apps = results.filter((r) => r.app);
  const app = table(
    [
      'corpus',
      'visit',
      'first keyword result ms',
      'model ready ms',
      'long tasks > 50 ms',
      'longest task ms',
      'first visit gzip / raw (each path once)',
    ],
    apps.flatMap((r) =>
      (['cold', 'warm'] as const)
        .filter((v) => r.app![v])
        .map((v) => {
          const visit = r.app![v]!;
          return [
            r.corpus,
            v,
            ms(visit.firstResult),
            ms(visit.modelReady),
            visit.longTasks.length,
            ms(Math.max(0, ...visit.longTasks)),
            v === 'cold' ? firstVisit(r.app!.firstVisit) : '—',
          ];
        }),
    ),
  );
  const embedding = table(
    [
      'corpus',
      'where',
      'n',
      'the app: TypeScript p50 / p95 ms',
      'ONNX Runtime p50 / p95 ms',
      'ONNX Runtime / TypeScript (p50)',
    ],
    results.flatMap((r) =>
      (
        [
          ['Node', r.node.embedding && { app: r.node.embedding.typescript, onnx: r.node.embedding.onnx }],
          ['Chromium', r.browser.embedding],
        ] as const
      ).flatMap(([where, e]) =>
        e
          ? [
              [
                r.corpus,
                where,
                e.app.n,
                `${ms(e.app.p50)} / ${ms(e.app.p95)}`,
                `${ms(e.onnx.p50)} / ${ms(e.onnx.p95)}`,
                where === 'Chromium' ? times(e.onnx.p50, e.app.p50) : (e.onnx.p50 / e.app.p50).toFixed(1),
              ],
            ]
          : [],
      ),
    ),
  );
  const ready = table(
    ['corpus', 'link', 'host', 'bytes sent', 'first keyword result s', 'Ready s'],
    results.flatMap((r) =>
      (r.ready ?? []).map((run) => [
        r.corpus,
        `${run.mbps} Mbps, ${run.latency} ms`,
        run.gzip ? 'gzip' : 'uncompressed',
        MB(run.bytes),
        run.firstResult === undefined ? '—' : (run.firstResult / 1000).toFixed(1),
        (run.ready / 1000).toFixed(1),
      ]),
    ),
  );
  const checks = table(
    ['target', 'limit', 'measured', ''],
    targets(results).map((t) => [t.name, t.limit, t.measured, t.pass ? 'PASS' : 'FAIL']),
  );
  return [
    '### Build and index size',
    build,
    '### Query latency (hybrid, k = 20, warm)',
    queries,
    opening,
    '### Side by side (Node, same passages and query vectors; latency excludes the query embedding)',
    peers,
    '### Query embedding alone (the static model in TypeScript, as the app runs it, and through ONNX Runtime)',
    embedding,
    '### App start (the built site in Chromium)',
    app,
    '### Time to Ready (first visit, no service worker, throttled link)',
    ready,
    '### Targets',
    checks,
    ...notes.map((n) => `- ${n}`),
  ].join('\n\n');
}

export async function writeResults(
  results: CorpusResult[],
  extra: Record<string, unknown>,
  file: string,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ ...extra, results, targets: targets(results) }, null, 2));
}
