// Retrieval metrics, checked against values worked out by hand (BEIR's definitions).
import { describe, expect, it } from 'vitest';
import { dedupe, mean, queryMetrics, METRIC_NAMES } from '../../src/eval/metrics.ts';

const rel = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('queryMetrics', () => {
  it('scores a single relevant document at rank 2', () => {
    const m = queryMetrics(['a', 'b', 'c'], rel({ b: 1 }));
    // DCG = 1/log2(3); ideal DCG = 1/log2(2) = 1.
    expect(m.ndcg10).toBeCloseTo(1 / Math.log2(3), 10);
    expect(m.mrr10).toBe(0.5);
    expect(m.recall10).toBe(1);
    expect(m.recall100).toBe(1);
    expect(m.hit1).toBe(0);
    expect(m.hit5).toBe(1);
  });

  it('uses graded relevance with exponential gain', () => {
    const m = queryMetrics(['b', 'a'], rel({ a: 2, b: 1 }));
    const dcg = (2 ** 1 - 1) / Math.log2(2) + (2 ** 2 - 1) / Math.log2(3);
    const idcg = (2 ** 2 - 1) / Math.log2(2) + (2 ** 1 - 1) / Math.log2(3);
    expect(m.ndcg10).toBeCloseTo(dcg / idcg, 10);
    expect(m.hit1).toBe(1);
  });

  it('gives a perfect ranking 1 on every metric', () => {
    const m = queryMetrics(['a', 'b', 'x'], rel({ a: 1, b: 1 }));
    for (const name of METRIC_NAMES) expect(m[name], name).toBe(1);
  });

  it('counts only the top 10 for @10 metrics and the top 100 for recall@100', () => {
    const ranked = Array.from({ length: 50 }, (_, i) => `d${i}`);
    const m = queryMetrics(ranked, rel({ d3: 1, d20: 1 }));
    expect(m.recall10).toBe(0.5);
    expect(m.recall100).toBe(1);
    expect(m.mrr10).toBe(0.25);
    expect(m.hit5).toBe(1);
    const late = queryMetrics(ranked, rel({ d12: 1 }));
    expect(late.mrr10).toBe(0);
    expect(late.ndcg10).toBe(0);
    expect(late.hit5).toBe(0);
    expect(late.recall100).toBe(1);
  });

  it('ignores judgments of 0 (judged not relevant)', () => {
    const m = queryMetrics(['a', 'b'], rel({ a: 0, b: 1 }));
    expect(m.hit1).toBe(0);
    expect(m.mrr10).toBe(0.5);
    expect(m.recall10).toBe(1);
  });

  it('scores 0 when nothing relevant is found or nothing is relevant', () => {
    for (const m of [
      queryMetrics(['a'], rel({ z: 1 })),
      queryMetrics([], rel({ z: 1 })),
      queryMetrics(['a'], rel({})),
    ]) {
      for (const name of METRIC_NAMES) expect(m[name], name).toBe(0);
    }
  });
});

describe('mean and dedupe', () => {
  it('averages every metric', () => {
    const a = queryMetrics(['a'], rel({ a: 1 }));
    const b = queryMetrics(['x'], rel({ a: 1 }));
    const m = mean([a, b]);
    for (const name of METRIC_NAMES) expect(m[name]).toBe(0.5);
  });

  it('keeps the first (best) position of each document', () => {
    expect(dedupe(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
  });
});
