// The eval table for people: one row per mode, one column per metric.
import { METRIC_NAMES } from '../eval/metrics.ts';
import type { EvalResult } from '../eval/run.ts';

const LABELS: Record<string, string> = { ndcg10: 'nDCG@10', recall10: 'R@10', recall100: 'R@100', mrr10: 'MRR@10', hit1: 'hit@1', hit5: 'hit@5' };

export function formatEval(result: EvalResult): string {
  const header = ['mode', ...METRIC_NAMES.map((m) => LABELS[m])];
  const rows = Object.entries(result.modes).map(([mode, r]) => [mode, ...METRIC_NAMES.map((m) => r!.metrics[m].toFixed(3))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [`${result.dataset}: ${result.queries} queries, ${result.passages} passages, model ${result.model}`, line(header), ...rows.map(line), ''].join('\n');
}
