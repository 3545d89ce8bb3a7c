// Percentiles and timing helpers shared by the Node and browser runs.

/**
 * Time allowed for one engine's query loop. At least MIN_QUERIES run unless the loop has spent this long:
 * then it stops and reports how many it ran (at 100k passages one keyword query takes seconds).
 */
export const QUERY_BUDGET_MS = 60_000;

/** True while a loop that started at `started` may run query number `done` (0-based). */
export function withinBudget(started: number, done: number): boolean {
  return done === 0 || performance.now() - started < QUERY_BUDGET_MS;
}

export interface Percentiles {
  /** How many values. */
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentiles (ms). */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return {
    n: values.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    mean: sorted.reduce((s, v) => s + v, 0) / Math.max(sorted.length, 1),
  };
}

/** One query's time by stage (ms); `total` is what the user waits for: embedding plus search. */
export interface QueryTiming {
  embed: number;
  keyword: number;
  vector: number;
  fusion: number;
  /** Waiting for keyword fragments and passage shards (sharded indexes). */
  load: number;
  total: number;
}

/** The stages, plus `results`: the rest of SearchIndex.search (filters, snippets, links), total minus the timed stages. */
export type StageName = keyof QueryTiming | 'results';
export const STAGES: StageName[] = ['embed', 'load', 'keyword', 'vector', 'fusion', 'results', 'total'];

export type LatencySummary = Record<StageName, Percentiles>;

export function summarize(rows: QueryTiming[]): LatencySummary {
  const withRest = rows.map((r) => ({ ...r, results: r.total - r.embed - r.load - r.keyword - r.vector - r.fusion }));
  return Object.fromEntries(STAGES.map((s) => [s, percentiles(withRest.map((r) => r[s]))])) as LatencySummary;
}
