// Per-query comparison of two eval runs (`lantern eval --json --per-query`, saved before and after a
// change), so a change that helps on average but breaks particular queries shows which ones.
import { mean, type QueryMetrics } from './metrics.ts';
import type { EvalResult } from './run.ts';
import type { SearchMode } from '../core/types.ts';

export interface QueryChange {
  id: string;
  text?: string;
  before: QueryMetrics;
  after: QueryMetrics;
  /** after.ndcg10 − before.ndcg10 */
  delta: number;
}

export interface ModeDiff {
  mode: SearchMode;
  /** Mean of each metric before and after, over the queries both runs scored. */
  before: QueryMetrics;
  after: QueryMetrics;
  /** Queries whose nDCG@10 rose, largest rise first; `worse` likewise. */
  better: QueryChange[];
  worse: QueryChange[];
  unchanged: number;
}

export interface RunDiff {
  dataset: string;
  modelBefore: string;
  modelAfter: string;
  modes: ModeDiff[];
  /** Query ids scored by only one of the runs. */
  onlyBefore: string[];
  onlyAfter: string[];
}

/** Changes in nDCG@10 smaller than this are rounding, not a different ranking. */
const EPSILON = 1e-9;

/** Compares the modes both runs scored; each run needs its per-query metrics. */
export function diffRuns(
  before: EvalResult,
  after: EvalResult,
  labels = { before: 'the first run', after: 'the second run' },
): RunDiff {
  const modes: ModeDiff[] = [];
  let onlyBefore: string[] = [];
  let onlyAfter: string[] = [];
  for (const mode of Object.keys(after.modes) as SearchMode[]) {
    if (!before.modes[mode]) continue;
    const a = before.modes[mode]!.perQuery;
    const b = after.modes[mode]!.perQuery;
    if (!a)
      throw new Error(
        `${labels.before} has no per-query metrics for ${before.dataset} (${mode}): save it with \`lantern eval --json --per-query\``,
      );
    if (!b)
      throw new Error(
        `${labels.after} has no per-query metrics for ${after.dataset} (${mode}): save it with \`lantern eval --json --per-query\``,
      );
    // Own keys only: a query id such as "constructor" or "toString" must not find Object.prototype's.
    const shared = Object.keys(b).filter((id) => Object.hasOwn(a, id));
    onlyBefore = Object.keys(a).filter((id) => !Object.hasOwn(b, id));
    onlyAfter = Object.keys(b).filter((id) => !Object.hasOwn(a, id));
    const textOf = (id: string) =>
      [after.queryTexts, before.queryTexts].find((texts) => texts && Object.hasOwn(texts, id))?.[id];
    const changes = shared.map((id) => ({
      id,
      text: textOf(id),
      before: a[id],
      after: b[id],
      delta: b[id].ndcg10 - a[id].ndcg10,
    }));
    modes.push({
      mode,
      before: mean(shared.map((id) => a[id])),
      after: mean(shared.map((id) => b[id])),
      better: changes.filter((c) => c.delta > EPSILON).sort((x, y) => y.delta - x.delta),
      worse: changes.filter((c) => c.delta < -EPSILON).sort((x, y) => x.delta - y.delta),
      unchanged: changes.filter((c) => Math.abs(c.delta) <= EPSILON).length,
    });
  }
  if (modes.length === 0)
    throw new Error(`${labels.before} and ${labels.after} share no search mode for ${after.dataset}`);
  return { dataset: after.dataset, modelBefore: before.model, modelAfter: after.model, modes, onlyBefore, onlyAfter };
}

/** Pairs the runs of two saved eval outputs by dataset name. */
export function diffEvalFiles(
  before: EvalResult[],
  after: EvalResult[],
  labels: { before: string; after: string },
): RunDiff[] {
  const diffs = after
    .filter((r) => before.some((b) => b.dataset === r.dataset))
    .map((r) => diffRuns(before.find((b) => b.dataset === r.dataset)!, r, labels));
  if (diffs.length === 0)
    throw new Error(
      `${labels.before} (${before.map((r) => r.dataset).join(', ')}) and ${labels.after} (${after.map((r) => r.dataset).join(', ')}) share no dataset`,
    );
  return diffs;
}
