// The per-query diff of two eval runs: which queries a change helped and which it broke.
import { describe, expect, it } from 'vitest';
import { diffEvalFiles, diffRuns } from '../../src/eval/diff.ts';
import { queryMetrics, mean } from '../../src/eval/metrics.ts';
import type { EvalResult } from '../../src/eval/run.ts';
import { formatDiff } from '../../src/cli/eval-table.ts';

const relevant = new Map([['answer', 1]]);
/** Metrics of a query whose answer sits at `rank` (1-based; 0: not found). */
const at = (rank: number) =>
  queryMetrics(rank ? [...Array.from({ length: rank - 1 }, (_, i) => `other${i}`), 'answer'] : ['other'], relevant);

function run(dataset: string, ranks: Record<string, number>, model = 'lantern-static'): EvalResult {
  const perQuery = Object.fromEntries(Object.entries(ranks).map(([id, r]) => [id, at(r)]));
  return {
    dataset,
    queries: Object.keys(ranks).length,
    passages: 10,
    model,
    modes: { hybrid: { metrics: mean(Object.values(perQuery)), perQuery } },
    queryTexts: Object.fromEntries(Object.keys(ranks).map((id) => [id, `question ${id}`])),
  };
}

describe('diffRuns', () => {
  it('lists the queries that got better and worse, the largest change first, even when the means barely move', () => {
    const before = run('questions.jsonl', { a: 1, b: 3, c: 0, d: 2, e: 5 });
    const after = run('questions.jsonl', { a: 0, b: 1, c: 2, d: 2, e: 4 });
    const [hybrid] = diffRuns(before, after).modes;
    expect(hybrid.worse.map((c) => c.id)).toEqual(['a']);
    expect(hybrid.better.map((c) => c.id)).toEqual(['c', 'b', 'e']);
    expect(hybrid.unchanged).toBe(1);
    expect(hybrid.better[0]).toMatchObject({ text: 'question c', before: { hit5: 0 }, after: { hit5: 1 } });
    expect(hybrid.after.hit5).toBeCloseTo(hybrid.before.hit5); // hit@5 stays at 0.8 while two queries swap
  });

  it('takes query ids that are Object.prototype keys as ids like any other', () => {
    // As JSON.parse reads them from a saved run: "__proto__" an own key (an object literal would set the prototype).
    const ids = (entries: [string, number][]) => Object.fromEntries(entries);
    const before = run(
      'q',
      ids([
        ['constructor', 1],
        ['toString', 2],
        ['__proto__', 3],
        ['valueOf', 1],
      ]),
    );
    const after = run(
      'q',
      ids([
        ['constructor', 2],
        ['toString', 1],
        ['hasOwnProperty', 1],
        ['valueOf', 1],
      ]),
    );
    const diff = diffRuns(before, after);
    expect(diff.onlyBefore).toEqual(['__proto__']);
    expect(diff.onlyAfter).toEqual(['hasOwnProperty']);
    expect(diff.modes[0].worse.map((c) => [c.id, c.text])).toEqual([['constructor', 'question constructor']]);
    expect(diff.modes[0].better.map((c) => c.id)).toEqual(['toString']);
    expect(diff.modes[0].unchanged).toBe(1);
  });

  it('compares only the queries both runs scored and names the others', () => {
    const diff = diffRuns(run('q', { a: 1, b: 1 }), run('q', { b: 2, c: 1 }));
    expect(diff.onlyBefore).toEqual(['a']);
    expect(diff.onlyAfter).toEqual(['c']);
    expect(diff.modes[0].worse.map((c) => c.id)).toEqual(['b']);
    expect(diff.modes[0].before.hit1).toBe(1);
  });

  it('asks for per-query metrics when a saved run has only the means', () => {
    const bare: EvalResult = { ...run('q', { a: 1 }), modes: { hybrid: { metrics: at(1) } as never } };
    expect(() => diffRuns(bare, run('q', { a: 1 }), { before: 'old.json', after: 'new.json' })).toThrow(
      'old.json has no per-query metrics for q (hybrid): save it with `lantern eval --json --per-query`',
    );
  });

  it('pairs runs by dataset and refuses two files with none in common', () => {
    const diffs = diffEvalFiles(
      [run('scifact', { a: 1 }), run('questions.jsonl', { a: 1 })],
      [run('questions.jsonl', { a: 3 })],
      { before: 'a.json', after: 'b.json' },
    );
    expect(diffs.map((d) => d.dataset)).toEqual(['questions.jsonl']);
    expect(() =>
      diffEvalFiles([run('scifact', { a: 1 })], [run('questions.jsonl', { a: 1 })], {
        before: 'a.json',
        after: 'b.json',
      }),
    ).toThrow(/a\.json \(scifact\) and b\.json \(questions\.jsonl\) share no dataset/);
  });
});

describe('formatDiff', () => {
  it('shows each moved query with its rank before and after, worst first, and says how many it left out', () => {
    const text = formatDiff(diffRuns(run('q', { a: 1, b: 0, c: 0, d: 0 }), run('q', { a: 0, b: 1, c: 2, d: 3 })), 2);
    expect(text).toContain('hybrid: 3 better, 1 worse, 0 unchanged');
    expect(text).toMatch(/worse:\n\s+a\s+rank\s+1 → >10\s+nDCG@10 1\.000 → 0\.000\s+"question a"/);
    expect(text).toMatch(/b\s+rank >10 → 1 /);
    expect(text).not.toMatch(/\bd\s+rank/);
    expect(text).toContain('… and 1 more (--limit 3 lists them all)');
  });

  it('prints query ids and texts from a dataset without their control characters', () => {
    const evil = (r: EvalResult) => ({ ...r, queryTexts: { 'x\x1b]0;t\x07y': 'text \x1b[31mred\u202e \x9b2J' } });
    const text = formatDiff(
      diffRuns(
        evil(run('q\x1b[2J', { 'x\x1b]0;t\x07y': 1, 'z\x07': 1 })),
        evil(run('q\x1b[2J', { 'x\x1b]0;t\x07y': 2 })),
      ),
      5,
    );
    expect(text).toMatch(/^q: model/);
    expect(text).toMatch(/\bxy\s+rank\s+1 → 2\s.*"text red "/);
    expect(text).toContain('only in the first run: z');
    expect(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/.test(text)).toBe(false);
  });

  it('says so when no query changed', () => {
    expect(formatDiff(diffRuns(run('q', { a: 1 }), run('q', { a: 1 })), 10)).toContain('hybrid: no query changed');
  });
});
