// The quality floor on a second documentation corpus nobody here wrote: the docs/docs folder of the undici
// package pinned in devDependencies (undici 7.30.3, MIT: 36 API pages, 6 guides), with 42 questions a Node developer
// types (README "Quality"). The index builds in a minute or two into the tests' temporary folder and is reused.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evaluate, prepareQuestions, type EvalResult } from '../../src/eval/run.ts';
import { corpusIndex } from '../../src/eval/quality.ts';
import { ROOT } from '../fixtures/helpers.ts';
import { TEACHER_CACHE_DIR, TEST_BUILD_DIR } from '../fixtures/seed.ts';

const DOCS = path.join(ROOT, 'node_modules/undici/docs/docs');
const QUESTIONS = 'tests/quality/undici-questions.jsonl';

let result: EvalResult;
beforeAll(async () => {
  if (!existsSync(DOCS))
    throw new Error(`${DOCS} is missing: run npm ci (undici is a devDependency for its documentation)`);
  const index = await corpusIndex(DOCS, path.join(TEST_BUILD_DIR, 'eval'), undefined, TEACHER_CACHE_DIR);
  const run = await prepareQuestions(QUESTIONS, index);
  result = await evaluate(run, 'undici-questions.jsonl', run.index.manifest.model.name);
}, 900_000);

describe("questions about undici's documentation", () => {
  it('hybrid search keeps its floor', () => {
    const hybrid = result.modes.hybrid!.metrics;
    // Measured hybrid hit@1 0.405 (17 of 42), hit@5 0.714 (30), MRR@10 0.547: the floor sits two questions below.
    expect(hybrid.hit1).toBeGreaterThanOrEqual(0.35);
    expect(hybrid.hit5).toBeGreaterThanOrEqual(0.66);
    expect(hybrid.mrr10).toBeGreaterThanOrEqual(0.5);
  });

  it('hybrid is never worse than keyword-only', () => {
    const hybrid = result.modes.hybrid!.metrics;
    const keyword = result.modes.keyword!.metrics;
    expect(hybrid.hit1).toBeGreaterThanOrEqual(keyword.hit1);
    expect(hybrid.mrr10).toBeGreaterThanOrEqual(keyword.mrr10);
    expect(hybrid.ndcg10).toBeGreaterThanOrEqual(keyword.ndcg10);
    expect(hybrid.hit5).toBeGreaterThanOrEqual(keyword.hit5);
  });
});
