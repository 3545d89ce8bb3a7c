// The quality floor on SciFact (BEIR test split in ../shared/bench/scifact: 5,183 abstracts, 300 claims), the set
// the keyword side is strongest on: hybrid must stay at or above keyword-only there too (README "Quality"). Its
// index builds in a few minutes into the tests' temporary folder and is reused while the dataset is unchanged.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evaluate, prepareBeir, type EvalResult } from '../../src/eval/run.ts';
import { ROOT } from '../fixtures/helpers.ts';
import { TEACHER_CACHE_DIR, TEST_BUILD_DIR } from '../fixtures/seed.ts';

const SCIFACT = path.join(ROOT, '../shared/bench/scifact');

let result: EvalResult;
beforeAll(async () => {
  if (!existsSync(SCIFACT))
    throw new Error(
      `${SCIFACT} is missing: this test reads SciFact from ../shared/bench/scifact beside the repository`,
    );
  const { run, name, model } = await prepareBeir(SCIFACT, {
    cacheDir: path.join(TEST_BUILD_DIR, 'eval'),
    teacherCacheDir: TEACHER_CACHE_DIR,
  });
  result = await evaluate(run, name, model);
}, 1_200_000);

describe('SciFact', () => {
  it('hybrid search keeps its floor and is never worse than keyword-only', () => {
    const hybrid = result.modes.hybrid!.metrics;
    const keyword = result.modes.keyword!.metrics;
    // Measured hybrid 0.706 nDCG@10, 0.787 hit@5, 0.671 MRR@10 against keyword 0.692, 0.773, 0.654.
    expect(hybrid.ndcg10).toBeGreaterThanOrEqual(0.69);
    expect(hybrid.hit5).toBeGreaterThanOrEqual(0.77);
    expect(hybrid.ndcg10).toBeGreaterThanOrEqual(keyword.ndcg10);
    expect(hybrid.hit5).toBeGreaterThanOrEqual(keyword.hit5);
    expect(hybrid.mrr10).toBeGreaterThanOrEqual(keyword.mrr10);
  });

  it('semantic search, every passage ranked by meaning, keeps nDCG@10 of 0.57', () => {
    // Measured 0.601 (the adaptation's seeds 2 and 3 give 0.582 and 0.584; README "Quality").
    expect(result.modes.semantic!.metrics.ndcg10).toBeGreaterThanOrEqual(0.57);
  });

  it('hybrid keeps at least half of what semantic search finds among the claims keyword search misses', () => {
    const { foundBy, keptByHybrid } = result.keywordMisses!;
    // Measured: 9 of 15 (the goal of 80% is not reached; README "Quality").
    expect(foundBy.semantic!).toBeGreaterThan(0);
    expect(keptByHybrid!).toBeGreaterThanOrEqual(Math.ceil(0.5 * foundBy.semantic!));
  });
});
