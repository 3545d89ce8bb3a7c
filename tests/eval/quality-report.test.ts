// What `npm run quality` reports beside the ranking figures: the correctly spelled queries that get a "Showing
// results for" correction, and hybrid search with one typo per query; measured on the seed index.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { correctionRate } from '../../src/eval/corrections-rate.ts';
import { evaluate, prepareQuestions, prepareRun, scoreRun, type PreparedRun } from '../../src/eval/run.ts';
import { formatQuality } from '../../src/cli/eval-table.ts';
import { FIXTURES } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const QUESTIONS = path.join(FIXTURES, 'seed-questions.jsonl');

let seed: string;
let run: PreparedRun;
beforeAll(async () => {
  seed = await ensureSeedIndex();
  run = await prepareQuestions(QUESTIONS, seed);
});

describe('correctionRate', () => {
  it('counts the queries whose words typo tolerance replaced, and only those', async () => {
    const queries = [
      { id: 'typed', text: 'logistc regresion' },
      { id: 'spelled', text: 'logistic regression' },
    ];
    const spelling = await prepareRun(seed, queries, () => new Map(), 'id');
    const rate = await correctionRate(spelling);
    expect(rate.queries).toBe(2);
    expect(rate.corrected.map((c) => c.id)).toEqual(['typed']);
    expect(rate.corrected[0].searched.toLowerCase()).toBe('logistic regression');
  });
});

describe('the quality table', () => {
  it('shows hit@1 beside hit@5 and MRR@10 for the whole set and its held-out half, and the spelling lines', async () => {
    const misspelled = await prepareQuestions(QUESTIONS, seed, { typos: true });
    const corrected = await correctionRate(run);
    const result = await evaluate(run, 'seed-questions.jsonl (data)', run.index.manifest.model.name);
    const even = (q: { id: string }) => q.id !== 'simple-model';
    const table = formatQuality({
      sets: [
        {
          result,
          heldOut: { hybrid: (await scoreRun(run, 'hybrid', undefined, even)).metrics },
          corrected,
          typos: (await scoreRun(misspelled, 'hybrid')).metrics,
        },
      ],
      noMatch: [],
    });
    const [header, ...lines] = table.split('\n');
    expect(header.split(/\s{2,}/)).toEqual([
      'set',
      'queries',
      'mode',
      'hit@1',
      'hit@5',
      'MRR@10',
      'nDCG@10',
      '|',
      'hit@1 (held out)',
      'hit@5 (held out)',
      'MRR@10 (held out)',
      'nDCG@10 (held out)',
    ]);
    const hybrid = lines.find((l) => l.includes(' hybrid '))!.split(/\s{2,}/);
    const m = result.modes.hybrid!.metrics;
    expect(hybrid.slice(3, 7)).toEqual([m.hit1, m.hit5, m.mrr10, m.ndcg10].map((v) => v.toFixed(3)));
    // The keyword row has no held-out figures in this report: dashes, not zeros.
    expect(lines.find((l) => l.includes(' keyword '))).toMatch(/\|\s+–\s+–\s+–\s+–$/);
    // Each corrected question is named with the query as searched.
    const spelling = lines.find((l) => l.includes('correctly spelled queries corrected'));
    expect(spelling).toContain(`seed-questions.jsonl (data): ${corrected.corrected.length} of 3 correctly spelled`);
    for (const c of corrected.corrected)
      expect(spelling).toContain(`${c.id} ${JSON.stringify(c.text)} → ${JSON.stringify(c.searched)}`);
    expect(table).toMatch(
      /seed-questions\.jsonl \(data\): one typo per query, hybrid hit@1 \d\.\d{3}, hit@5 \d\.\d{3}/,
    );
  });
});
