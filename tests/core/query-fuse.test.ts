// Hybrid fusion: keyword scores scaled by how much of the query each passage holds, cosines normalised over the
// candidates, mixed with a keyword weight that rises with how much of the query the best keyword hit holds.
import { describe, expect, it } from 'vitest';
import { fuse, withCoverage, type FusionInput } from '../../src/core/query/fuse.ts';
import type { ParsedQuery } from '../../src/core/query/parse.ts';
import { DEFAULT_FUSION, type FusionSettings } from '../../src/core/settings.ts';

const order = (hits: { index: number }[]) => hits.map((h) => h.index);
const scoreOf = (hits: { index: number; score: number }[], i: number) => hits.find((h) => h.index === i)!.score;

// Five passages: 0 and 1 match the keywords, 3 and 4 are semantically closest, 2 is neither.
const cosines = new Float32Array([0.2, 0.5, 0.1, 0.9, 0.8]);
/** A keyword hit holding `coverage` of the query (held per term is only read for its document's coverage). */
const hit = (index: number, score: number, coverage: number, held: number[] = []) => ({
  index,
  score,
  coverage,
  searched: coverage,
  searchedTerms: 0,
  held,
});
const keywordHits = (coverage: number) => [hit(0, 8, coverage), hit(1, 4, coverage)];
/** A parsed query of `n` terms of equal weight. */
const query = (n: number): ParsedQuery => ({
  text: '',
  prefix: false,
  exact: false,
  terms: Array.from({ length: n }, (_, i) => ({
    term: `t${i}`,
    word: `t${i}`,
    idf: 1,
    known: true,
    english: false,
    typing: false,
    typos: [],
    forms: [],
  })),
});
const input = (overrides: Partial<FusionInput> & { queryTerms?: number } = {}): FusionInput => {
  const { queryTerms = 3, ...rest } = overrides;
  return {
    query: query(queryTerms),
    keyword: keywordHits(1),
    cosines,
    semantic: [
      { index: 3, score: 0.9 },
      { index: 4, score: 0.8 },
    ],
    docOf: (row) => row,
    ...rest,
  };
};
// The shipped values with the coverage boost, document evidence and the long-query rule off (each has its own test).
const settings = (overrides: Partial<FusionSettings> = {}): FusionSettings => ({
  ...DEFAULT_FUSION,
  documentWeight: 0,
  coverageBoost: 0,
  longQuery: 7,
  ...overrides,
});

describe('fuse', () => {
  it('ranks the union of both candidate lists', () => {
    expect(new Set(order(fuse(input(), settings())))).toEqual(new Set([0, 1, 3, 4]));
  });

  it('gives keyword-only candidates their semantic score too', () => {
    // Passage 1 has the lower keyword score but a much better cosine than passage 0: with the keyword side
    // weighted lightly, the cosine decides between them.
    const fused = fuse(input(), settings({ keywordWeight: 0.1 }));
    expect(order(fused).indexOf(1)).toBeLessThan(order(fused).indexOf(0));
    // Passage 1's cosine (0.5) sits between the lowest (0.2) and the highest (0.9) candidate: it counts.
    expect(scoreOf(fused, 1)).toBeCloseTo(0.1 * 0.5 + 0.9 * ((0.5 - 0.2) / 0.7), 5);
  });

  it('ranks by cosine alone when the keyword side found nothing', () => {
    expect(order(fuse(input({ keyword: [] }), settings()))).toEqual([3, 4]);
  });

  it('keeps a keyword hit that holds little of the query in play (the weak weight is not zero)', () => {
    // Passage 1: the only keyword hit, holding a fifth of the query; its cosine (0.5) is below passages 3 and 4.
    const weak = input({ keyword: [hit(1, 4, 0.2)] });
    const s = settings({ keywordWeight: 0.8, weakKeywordWeight: 0.1, strongMatch: 0.5 });
    const alpha = 0.1 + 0.7 * (0.2 / 0.5);
    expect(scoreOf(fuse(weak, s), 1)).toBeCloseTo(alpha * 0.2 + (1 - alpha) * ((0.5 - 0.5) / (0.9 - 0.5)), 5);
    expect(scoreOf(fuse(weak, s), 1)).toBeGreaterThan(0);
  });

  it('scales each keyword hit by the share of the query it holds', () => {
    // Same BM25 scores; passage 0 holds the whole query, passage 1 only a part: with the keyword side alone,
    // passage 0 scores 1 and passage 1 half its BM25 share times its coverage.
    const keyword = [hit(0, 8, 1), hit(1, 8, 0.25)];
    const fused = fuse(input({ keyword }), settings({ keywordWeight: 1, strongMatch: 0.5 }));
    expect(scoreOf(fused, 0)).toBeCloseTo(1, 6);
    expect(scoreOf(fused, 1)).toBeCloseTo(0.25, 6);
  });

  it('counts coverage less as a query grows past longQuery terms (a claim, not a question)', () => {
    // Passage 1 holds all of the query, passage 0 a quarter of it but scores higher in BM25.
    const keyword = [hit(0, 8, 0.25), hit(1, 6, 1)];
    const s = settings({ keywordWeight: 1, longQuery: 3 });
    // A question of three terms: coverage counts fully and decides.
    expect(order(fuse(input({ keyword, queryTerms: 3 }), s)).slice(0, 2)).toEqual([1, 0]);
    // A claim of thirty terms: coverage counts as the power 3/30, and BM25 decides.
    expect(order(fuse(input({ keyword, queryTerms: 30 }), s)).slice(0, 2)).toEqual([0, 1]);
  });

  it("counts a document's other matching passages as evidence (documentWeight)", () => {
    // Two terms. Passages 0 and 1 share a document; 0 holds the first term, 1 the second; passage 2, alone in its
    // document, holds the first term and scores as well as 0 by BM25.
    const keyword = [hit(0, 8, 0.5, [1, 0]), hit(1, 4, 0.5, [0, 1]), hit(2, 8, 0.5, [1, 0])];
    const docOf = (row: number) => (row < 2 ? 0 : 1);
    const s = (documentWeight: number) => settings({ keywordWeight: 1, strongMatch: 0.5, documentWeight });
    const alone = fuse(input({ keyword, docOf, queryTerms: 2 }), s(0));
    expect(scoreOf(alone, 0)).toBeCloseTo(scoreOf(alone, 2), 6);
    const together = fuse(input({ keyword, docOf, queryTerms: 2 }), s(0.5));
    // Passage 0's document holds the whole question: 0.5 × 0.5 + 0.5 × 1.
    expect(scoreOf(together, 0)).toBeCloseTo(0.75, 6);
    expect(scoreOf(together, 2)).toBeCloseTo(0.5, 6);
  });

  it('lifts the passages that hold more of the question among those close in meaning (coverageBoost)', () => {
    // Passages 3 and 4 are close in meaning; 4 also holds all of the query's words, 3 none.
    const keyword = [hit(4, 1, 1)];
    const near = new Float32Array([0, 0, 0, 0.9, 0.85]);
    const s = (coverageBoost: number) => settings({ keywordWeight: 0.3, weakKeywordWeight: 0.3, coverageBoost });
    const plain = fuse(input({ keyword, cosines: near }), s(0));
    expect(order(plain)[0]).toBe(3);
    const boosted = fuse(input({ keyword, cosines: near }), s(2));
    expect(order(boosted)[0]).toBe(4);
    // The boost multiplies: 1 + 2 × full coverage for passage 4, nothing for passage 3, which holds none.
    expect(scoreOf(boosted, 4)).toBeCloseTo(3 * scoreOf(plain, 4), 6);
    expect(scoreOf(boosted, 3)).toBeCloseTo(scoreOf(plain, 3), 6);
  });

  it('follows the keyword order when the keyword weight is 1 and the match is strong', () => {
    const fused = fuse(input(), settings({ keywordWeight: 1 }));
    expect(order(fused).slice(0, 2)).toEqual([0, 1]);
    // Semantic-only candidates score 0 then, tied, in index order.
    expect(order(fused).slice(2)).toEqual([3, 4]);
  });

  it('trusts the keyword side less when its best match covers little of the query', () => {
    const s = settings({ keywordWeight: 0.8, weakKeywordWeight: 0.2, strongMatch: 0.5 });
    // Passage 0: keyword 1.0 (the best), semantic (0.2 − 0.2)/(0.9 − 0.2) = 0.
    // Passage 0: keyword 1.0 × its coverage, semantic (0.2 − 0.2)/(0.9 − 0.2) = 0; the weight ramps from 0.2 at
    // no coverage to 0.8 at a coverage of 0.5 and stays there.
    expect(scoreOf(fuse(input({ keyword: keywordHits(0.9) }), s), 0)).toBeCloseTo(0.8 * 0.9, 6);
    expect(scoreOf(fuse(input({ keyword: keywordHits(0.1) }), s), 0)).toBeCloseTo((0.2 + 0.6 * 0.2) * 0.1, 6);
    expect(order(fuse(input({ keyword: keywordHits(0.1) }), s))[0]).toBe(3);
  });

  it('returns scores in [0, 1], best first', () => {
    const fused = fuse(input(), settings());
    for (const h of fused) {
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    expect([...fused].sort((a, b) => b.score - a.score)).toEqual(fused);
  });

  it('returns nothing without candidates', () => {
    expect(fuse(input({ keyword: [], semantic: [] }), settings())).toEqual([]);
  });
});

describe('withCoverage', () => {
  // "logistic regression model": "model" common (idf 1), the other two rare (idf 3); "regression" was typed
  // "regresion" and corrected to "regress".
  const query: ParsedQuery = {
    text: 'logistic regresion model',
    prefix: false,
    exact: false,
    terms: [
      { term: 'logist', word: 'logistic', idf: 3, known: true, english: false, typing: false, typos: [], forms: [] },
      {
        term: 'regresion',
        word: 'regresion',
        idf: 3,
        known: false,
        english: false,
        typing: false,
        typos: ['regress'],
        forms: [],
      },
      { term: 'model', word: 'model', idf: 1, known: true, english: false, typing: false, typos: [], forms: [] },
    ],
  };
  const held = new Map([
    [0, ['logist', 'regress', 'model']],
    [1, ['model']],
    [2, ['logist', 'model']],
  ]);
  const holds = (row: number, term: string) => held.get(row)?.includes(term) ?? false;

  it('gives each hit the idf-weighted share of the query it holds, a corrected word counting half', () => {
    const hits = [
      { index: 0, score: 9 },
      { index: 1, score: 5 },
      { index: 2, score: 7 },
    ];
    const covered = withCoverage(hits, query, holds);
    expect(covered.map((h) => [h.index, h.score])).toEqual(hits.map((h) => [h.index, h.score]));
    expect(covered[0].coverage).toBeCloseTo((3 + 0.5 * 3 + 1) / 7, 12);
    expect(covered[1].coverage).toBeCloseTo(1 / 7, 12);
    expect(covered[2].coverage).toBeCloseTo(4 / 7, 12);
    // Terms held outright: the corrected word is not one of them.
    expect(covered.map((h) => h.held.filter((x) => x === 1).length)).toEqual([2, 1, 2]);
    // As searched ("Showing results for logistic regression model"), the corrected word counts fully.
    expect(covered[0].searched).toBeCloseTo(1, 12);
    expect(covered.map((h) => h.searchedTerms)).toEqual([3, 1, 2]);
  });

  it('gives no coverage when the query has no weight', () => {
    const empty: ParsedQuery = { ...query, terms: [] };
    expect(withCoverage([{ index: 0, score: 1 }], empty, holds)).toEqual([
      { index: 0, score: 1, coverage: 0, searched: 0, searchedTerms: 0, held: [] },
    ]);
  });
});
