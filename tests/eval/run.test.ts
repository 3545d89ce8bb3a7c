// The evaluation harness end to end: real indexes, real queries, the same SearchIndex the app uses.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateBeir, evaluateQuestions, keywordMisses, MODES } from '../../src/eval/run.ts';
import { METRIC_NAMES, mean, queryMetrics } from '../../src/eval/metrics.ts';
import { formatEval } from '../../src/cli/eval-table.ts';
import { FIXTURES, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

let seed: string;
beforeAll(async () => {
  seed = await ensureSeedIndex();
});

describe('evaluateQuestions on the seed index', () => {
  it('finds every answer of the fixture questions in the top 5 by keyword and hybrid search', async () => {
    const result = await evaluateQuestions(path.join(FIXTURES, 'seed-questions.jsonl'), seed, {
      modes: ['keyword', 'hybrid'],
    });
    expect(result.queries).toBe(3);
    expect(result.passages).toBeGreaterThan(50);
    expect(Object.keys(result.modes).sort()).toEqual(['hybrid', 'keyword']);
    expect(result.modes.keyword!.metrics.hit5).toBe(1);
    expect(result.modes.hybrid!.metrics.hit5).toBe(1);
    expect(Object.keys(result.modes.hybrid!.perQuery).sort()).toEqual(['amgen-pm', 'laptop-stt', 'simple-model']);
  });

  it('refuses a question whose phrase no passage of its document contains', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'q.jsonl');
      writeFileSync(
        file,
        '{"id": "x", "text": "anything", "doc": "technical-projects.md", "phrase": "a sentence that is nowhere"}\n',
      );
      await expect(evaluateQuestions(file, seed, { modes: ['keyword'] })).rejects.toThrow(
        `${file}: question x names phrase "a sentence that is nowhere" that no passage of technical-projects.md contains`,
      );
    } finally {
      cleanup();
    }
  });
});

describe('evaluateBeir on a small BEIR folder', () => {
  const { dir, cleanup } = tempDir('lantern-eval-');
  afterAll(cleanup);
  const options = () => ({ model: path.join(seed, 'model'), cacheDir: dir });

  it('builds an index of the dataset and scores every mode', async () => {
    const result = await evaluateBeir(path.join(FIXTURES, 'beir-mini'), options());
    expect(result).toMatchObject({ dataset: 'beir-mini', queries: 4, passages: 7 });
    expect(Object.keys(result.modes).sort()).toEqual([...MODES].sort());
    for (const mode of MODES) {
      for (const name of METRIC_NAMES) {
        const value = result.modes[mode]!.metrics[name];
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    // Each query shares rare words with exactly its relevant document.
    expect(result.modes.keyword!.metrics.hit1).toBe(1);
    expect(result.modes.hybrid!.metrics.hit1).toBe(1);
  });

  it('re-uses the cached dataset index on the next run', async () => {
    const before = readdirSync(dir);
    expect(before).toHaveLength(1);
    const again = await evaluateBeir(path.join(FIXTURES, 'beir-mini'), { ...options(), modes: ['keyword'] });
    expect(readdirSync(dir)).toEqual(before);
    expect(Object.keys(again.modes)).toEqual(['keyword']);
  });

  it('scores only the selected queries', async () => {
    const some = await evaluateBeir(path.join(FIXTURES, 'beir-mini'), {
      ...options(),
      modes: ['keyword'],
      select: (q) => q.id === 'q1' || q.id === 'q3',
    });
    expect(some.queries).toBe(2);
    expect(Object.keys(some.modes.keyword!.perQuery).sort()).toEqual(['q1', 'q3']);
  });
});

describe('keywordMisses', () => {
  const relevant = new Map([['a', 1]]);
  const mode = (hits: Record<string, boolean>) => {
    const perQuery = Object.fromEntries(
      Object.entries(hits).map(([id, hit]) => [id, queryMetrics(hit ? ['a'] : ['b'], relevant)]),
    );
    return { metrics: mean(Object.values(perQuery)), perQuery };
  };

  it('counts the queries keyword search misses at 5 and how many of them each other mode finds', () => {
    const modes = {
      keyword: mode({ q1: true, q2: false, q3: false, q4: false }),
      semantic: mode({ q1: false, q2: true, q3: false, q4: true }),
      hybrid: mode({ q1: true, q2: true, q3: false, q4: false }),
    };
    expect(keywordMisses(modes)).toEqual({ missed: 3, foundBy: { semantic: 2, hybrid: 1 }, keptByHybrid: 1 });
    const table = formatEval({
      dataset: 'q.jsonl',
      queries: 4,
      passages: 9,
      model: 'm',
      modes,
      keywordMisses: keywordMisses(modes),
    });
    expect(table).toContain('keyword misses 3 of 4 queries at 5; of those, semantic finds 2, hybrid finds 1');
  });

  it('has nothing to say without a keyword run', () => {
    expect(keywordMisses({ semantic: mode({ q1: true }) })).toBeUndefined();
  });
});
