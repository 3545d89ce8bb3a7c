// Eval output for people: the table (one row per mode, one column per metric) and the per-query diff.
import { METRIC_NAMES, type QueryMetrics } from '../eval/metrics.ts';
import type { QueryChange, RunDiff } from '../eval/diff.ts';
import type { EvalResult } from '../eval/run.ts';
import { terminalText } from './terminal-text.ts';
import type { QualityReport } from '../eval/quality.ts';

/** Corrected queries listed by name per set (the rest are counted). */
const SHOWN_CORRECTIONS = 5;

const LABELS: Record<string, string> = {
  ndcg10: 'nDCG@10',
  recall10: 'R@10',
  recall100: 'R@100',
  mrr10: 'MRR@10',
  hit1: 'hit@1',
  hit5: 'hit@5',
};

export function formatEval(result: EvalResult): string {
  const header = ['mode', ...METRIC_NAMES.map((m) => LABELS[m])];
  const rows = Object.entries(result.modes).map(([mode, r]) => [
    mode,
    ...METRIC_NAMES.map((m) => r!.metrics[m].toFixed(3)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  const misses = result.keywordMisses;
  const found = misses && Object.entries(misses.foundBy).map(([mode, n]) => `${mode} finds ${n}`);
  const rescue =
    misses && found!.length
      ? [`keyword misses ${misses.missed} of ${result.queries} queries at 5; of those, ${found!.join(', ')}`]
      : [];
  return [
    `${terminalText(result.dataset, 200)}: ${result.queries} queries, ${result.passages} passages, model ${result.model}`,
    line(header),
    ...rows.map(line),
    ...rescue,
    '',
  ].join('\n');
}

/** 1-based rank of the first relevant result, from MRR@10 (beyond 10 it is not known). */
const rankOf = (m: QueryMetrics) => (m.mrr10 > 0 ? String(Math.round(1 / m.mrr10)) : '>10');

function changeLine(c: QueryChange): string {
  // Query ids and texts come from the dataset: printed without their control characters.
  const text = c.text ? `  ${JSON.stringify(terminalText(c.text, 70))}` : '';
  return `    ${terminalText(c.id, 40).padEnd(10)} rank ${rankOf(c.before).padStart(3)} → ${rankOf(c.after).padEnd(3)}  nDCG@10 ${c.before.ndcg10.toFixed(3)} → ${c.after.ndcg10.toFixed(3)}${text}`;
}

/** The per-query diff for people: means before → after, then the queries that moved, most first. */
export function formatDiff(diff: RunDiff, limit: number): string {
  const out = [
    terminalText(
      `${diff.dataset}: ${diff.modelBefore === diff.modelAfter ? `model ${diff.modelAfter}` : `model ${diff.modelBefore} → ${diff.modelAfter}`}`,
      400,
    ),
  ];
  for (const m of diff.modes) {
    if (m.better.length === 0 && m.worse.length === 0) {
      out.push(`  ${m.mode}: no query changed`);
      continue;
    }
    const means = METRIC_NAMES.map(
      (k) =>
        `${LABELS[k]} ${m.before[k].toFixed(3)} → ${m.after[k].toFixed(3)} (${m.after[k] - m.before[k] >= 0 ? '+' : ''}${(m.after[k] - m.before[k]).toFixed(3)})`,
    );
    out.push(`  ${m.mode}: ${means.join(', ')}`);
    out.push(`  ${m.mode}: ${m.better.length} better, ${m.worse.length} worse, ${m.unchanged} unchanged (by nDCG@10)`);
    for (const [label, list] of [
      ['worse', m.worse],
      ['better', m.better],
    ] as const) {
      if (list.length === 0) continue;
      out.push(`   ${label}:`, ...list.slice(0, limit).map(changeLine));
      if (list.length > limit)
        out.push(`    … and ${list.length - limit} more (--limit ${list.length} lists them all)`);
    }
  }
  if (diff.onlyBefore.length)
    out.push(`  only in the first run: ${diff.onlyBefore.map((id) => terminalText(id, 40)).join(', ')}`);
  if (diff.onlyAfter.length)
    out.push(`  only in the second run: ${diff.onlyAfter.map((id) => terminalText(id, 40)).join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** `lantern quality`: one row per set and mode, whole set and held-out half, then rescues, spelling (corrections of
 * correctly spelled queries, one typo per query) and no-match rates. */
export function formatQuality(report: QualityReport): string {
  const metrics = ['hit1', 'hit5', 'mrr10', 'ndcg10'] as const;
  const header = [
    'set',
    'queries',
    'mode',
    ...metrics.map((m) => LABELS[m]),
    '|',
    ...metrics.map((m) => `${LABELS[m]} (held out)`),
  ];
  const rows: string[][] = [];
  for (const { result, heldOut } of report.sets) {
    for (const [mode, r] of Object.entries(result.modes)) {
      const held = heldOut[mode as keyof typeof heldOut];
      rows.push([
        terminalText(result.dataset),
        String(result.queries),
        mode,
        ...metrics.map((m) => r!.metrics[m].toFixed(3)),
        '|',
        ...metrics.map((m) => (held ? held[m].toFixed(3) : '–')),
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const rescues = report.sets.flatMap(({ result }) => {
    const m = result.keywordMisses;
    if (!m) return [];
    const kept =
      m.keptByHybrid !== undefined && m.foundBy.semantic
        ? `; hybrid keeps ${m.keptByHybrid} of semantic's ${m.foundBy.semantic} (${Math.round((100 * m.keptByHybrid) / m.foundBy.semantic)}%)`
        : '';
    return [
      `${result.dataset}: keyword misses ${m.missed} of ${result.queries} at 5; semantic finds ${m.foundBy.semantic ?? 0} of them, hybrid ${m.foundBy.hybrid ?? 0}${kept}`,
    ];
  });
  const answers = report.sets.flatMap(({ result, answer }) =>
    answer
      ? [
          `${result.dataset}: answer sentence: ${answer.hits ? ((100 * answer.marked) / answer.hits).toFixed(0) : '–'}% of hits (${answer.marked} of the ${answer.hits} ${answer.mode} hits at 5 mark the sentence holding the answer)`,
        ]
      : [],
  );
  const spelling = report.sets.flatMap(({ result, corrected, typos }) => {
    const clean = result.modes.hybrid?.metrics;
    const figures = (m: QueryMetrics) => metrics.slice(0, 3).map((k) => `${LABELS[k]} ${m[k].toFixed(3)}`);
    const examples = corrected.corrected
      .slice(0, SHOWN_CORRECTIONS)
      .map(
        (c) =>
          `${terminalText(c.id, 40)} ${JSON.stringify(terminalText(c.text, 60))} → ${JSON.stringify(terminalText(c.searched, 60))}`,
      );
    const more =
      corrected.corrected.length > SHOWN_CORRECTIONS
        ? [`… and ${corrected.corrected.length - SHOWN_CORRECTIONS} more`]
        : [];
    return [
      `${result.dataset}: ${corrected.corrected.length} of ${corrected.queries} correctly spelled queries corrected (${corrected.mode})${examples.length ? `: ${[...examples, ...more].join('; ')}` : ''}`,
      `${result.dataset}: one typo per query, hybrid ${figures(typos).join(', ')}${clean ? ` (spelled correctly: ${figures(clean).join(', ')})` : ''}`,
    ];
  });
  const noMatch = report.noMatch.map(
    (n) =>
      `${n.dataset}: ${n.queries} questions the corpus does not answer; "no match" from ${Object.entries(n.noMatch)
        .map(([mode, share]) => `${mode} ${(share! * 100).toFixed(0)}%`)
        .join(', ')}`,
  );
  return [line(header), ...rows.map(line), '', ...rescues, '', ...answers, '', ...spelling, '', ...noMatch, ''].join(
    '\n',
  );
}
