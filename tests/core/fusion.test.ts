// Hybrid fusion: keyword and semantic scores normalised over the candidates and mixed.
import { describe, expect, it } from 'vitest';
import { fuse, DEFAULT_FUSION, type FusionInput } from '../../src/core/fusion.ts';

const order = (hits: { index: number }[]) => hits.map((h) => h.index);

// Five passages: 0 and 1 match the keywords, 3 and 4 are semantically closest, 2 is neither.
const cosines = new Float32Array([0.2, 0.5, 0.1, 0.9, 0.8]);
const input = (overrides: Partial<FusionInput> = {}): FusionInput => ({
  keyword: [
    { index: 0, score: 8 },
    { index: 1, score: 4 },
  ],
  cosines,
  semantic: [
    { index: 3, score: 0.9 },
    { index: 4, score: 0.8 },
  ],
  keywordCoverage: 1,
  ...overrides,
});

describe('fuse', () => {
  it('ranks the union of both candidate lists', () => {
    expect(new Set(order(fuse(input(), DEFAULT_FUSION)))).toEqual(new Set([0, 1, 3, 4]));
  });

  it('gives keyword-only candidates their semantic score too', () => {
    // Passage 1 has the lower keyword score but a much better cosine than passage 0: with the keyword side
    // weighted lightly, the cosine decides between them.
    const fused = fuse(input(), { ...DEFAULT_FUSION, keywordWeight: 0.1 });
    expect(order(fused).indexOf(1)).toBeLessThan(order(fused).indexOf(0));
  });

  it('ranks by cosine alone when the keywords cover nothing of the query', () => {
    expect(order(fuse(input({ keywordCoverage: 0 }), DEFAULT_FUSION))).toEqual([3, 4, 1, 0]);
  });

  it('ranks by cosine alone when the keyword side found nothing', () => {
    expect(order(fuse(input({ keyword: [] }), DEFAULT_FUSION))).toEqual([3, 4]);
  });

  it('follows the keyword order when the keyword weight is 1 and coverage is full', () => {
    const fused = fuse(input(), { ...DEFAULT_FUSION, keywordWeight: 1 });
    expect(order(fused).slice(0, 2)).toEqual([0, 1]);
    // Semantic-only candidates score 0 then, tied, in index order.
    expect(order(fused).slice(2)).toEqual([3, 4]);
  });

  it('scales the keyword weight by coverage', () => {
    const full = fuse(input(), { ...DEFAULT_FUSION, keywordWeight: 0.6 });
    const partial = fuse(input({ keywordCoverage: 0.5 }), { ...DEFAULT_FUSION, keywordWeight: 0.6 });
    const score = (hits: { index: number; score: number }[], i: number) => hits.find((h) => h.index === i)!.score;
    // Passage 0: keyword 1.0, semantic (0.2 − 0.2)/(0.9 − 0.2) = 0.
    expect(score(full, 0)).toBeCloseTo(0.6, 6);
    expect(score(partial, 0)).toBeCloseTo(0.3, 6);
  });

  it('returns scores in [0, 1], best first', () => {
    const fused = fuse(input(), DEFAULT_FUSION);
    for (const h of fused) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    expect([...fused].sort((a, b) => b.score - a.score)).toEqual(fused);
  });

  it('returns nothing without candidates', () => {
    expect(fuse(input({ keyword: [], semantic: [] }), DEFAULT_FUSION)).toEqual([]);
  });
});
