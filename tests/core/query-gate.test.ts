// Which ranked passages are matches (query/gate.ts): keyword mode is never gated; hybrid keeps the passages with
// evidence and, when none has any, offers the closest by meaning; semantic ranks the rest after the matches, weak.
import { describe, expect, it } from 'vitest';
import { gate, unknownShare, type Hit } from '../../src/core/query/gate.ts';
import type { ParsedQuery, QueryTerm } from '../../src/core/query/parse.ts';
import type { ConfidenceSettings } from '../../src/core/settings.ts';

const term = (t: string, idf: number, known = true): QueryTerm => ({
  term: t,
  word: t,
  idf,
  known,
  english: false,
  typing: false,
  typos: [],
  forms: [],
});
const queryOf = (...terms: QueryTerm[]): ParsedQuery => ({
  text: terms.map((t) => t.word).join(' '),
  terms,
  prefix: false,
  exact: false,
});
const known = queryOf(term('tomato', 2), term('sun', 3));
const confidence: ConfidenceSettings = { match: 0.8, near: 0.3, keywordCoverage: 0.5, unknownWords: 0.5 };
//                             rows:  0     1     2     3     4     5
const cosines = new Float32Array([0.95, 0.85, 0.6, 0.4, 0.2, 0.5]);
const rows = (hits: Hit[]) => hits.map((h) => h.index);
/** Hits in a fused order that is not the cosine order, as hybrid ranks them. */
const fused: Hit[] = [
  { index: 4, score: 0.9 },
  { index: 2, score: 0.7 },
  { index: 0, score: 0.6 },
  { index: 3, score: 0.5 },
  { index: 1, score: 0.4 },
];
/** Semantic mode ranks by cosine. */
const byCosine: Hit[] = [0, 1, 2, 5, 3, 4].map((index) => ({ index, score: cosines[index] }));
const noKeyword = () => false;

describe('gate', () => {
  it('never gates keyword mode: every ranked passage is a match, in its order', () => {
    const gated = gate('keyword', fused, { query: known, cosines, keywordMatch: noKeyword, confidence, closest: 3 });
    expect(gated).toEqual({ matches: fused, weak: [], closest: [] });
  });

  it('keeps every ranked passage of an index without calibrated floors', () => {
    for (const mode of ['hybrid', 'semantic'] as const)
      expect(gate(mode, fused, { query: known, cosines, keywordMatch: noKeyword, closest: 3 })).toEqual({
        matches: fused,
        weak: [],
        closest: [],
      });
  });

  it('keeps, in hybrid mode, the passages with keyword evidence or a cosine over the match floor, in fused order', () => {
    const gated = gate('hybrid', fused, {
      query: known,
      cosines,
      keywordMatch: (row) => row === 4,
      confidence,
      closest: 3,
    });
    expect(rows(gated.matches)).toEqual([4, 0, 1]);
    expect(gated.matches[0]).toBe(fused[0]);
    expect(gated.weak).toEqual([]);
    expect(gated.closest).toEqual([]);
  });

  it('offers, in hybrid mode with no match, the closest passages over the near floor, by cosine and scored by it', () => {
    const weakCosines = new Float32Array([0.7, 0.35, 0.6, 0.1, 0.75, 0.9]);
    const gated = gate('hybrid', fused, {
      query: known,
      cosines: weakCosines,
      keywordMatch: noKeyword,
      confidence,
      closest: 2,
    });
    expect(gated.matches).toEqual([]);
    expect(gated.weak).toEqual([]);
    // Row 5 has the best cosine but was not ranked: only ranked passages are offered; at most `closest` of them.
    expect(gated.closest).toEqual([
      { index: 4, score: weakCosines[4] },
      { index: 0, score: weakCosines[0] },
    ]);
    const all = gate('hybrid', fused, {
      query: known,
      cosines: weakCosines,
      keywordMatch: noKeyword,
      confidence,
      closest: 9,
    });
    // Row 3 (0.1) is under the near floor.
    expect(rows(all.closest)).toEqual([4, 0, 2, 1]);
  });

  it('ranks, in semantic mode, the matches first and then the weak passages in cosine order, never as matches', () => {
    const gated = gate('semantic', byCosine, {
      query: known,
      cosines,
      keywordMatch: noKeyword,
      confidence,
      closest: 3,
    });
    expect(rows(gated.matches)).toEqual([0, 1]);
    expect(rows(gated.weak)).toEqual([2, 5, 3, 4]);
    for (const hit of gated.weak) expect(cosines[hit.index]).toBeLessThan(confidence.match);
    expect(gated.closest).toEqual([]);
  });

  it('finds no match by meaning while most of the query is words no passage holds', () => {
    // "heirloom" (unknown) carries 4 of 6 of the idf weight: over unknownWords (0.5).
    const mostlyUnknown = queryOf(term('tomato', 2), term('heirloom', 4, false));
    expect(unknownShare(mostlyUnknown)).toBeCloseTo(4 / 6, 12);
    const semantic = gate('semantic', byCosine, {
      query: mostlyUnknown,
      cosines,
      keywordMatch: noKeyword,
      confidence,
      closest: 3,
    });
    expect(semantic.matches).toEqual([]);
    expect(rows(semantic.weak)).toEqual(rows(byCosine));
    const hybrid = gate('hybrid', fused, {
      query: mostlyUnknown,
      cosines,
      keywordMatch: noKeyword,
      confidence,
      closest: 3,
    });
    expect(hybrid.matches).toEqual([]);
    expect(rows(hybrid.closest)).toEqual([0, 1, 2]);
    // Keyword evidence still makes a match.
    expect(
      rows(
        gate('hybrid', fused, { query: mostlyUnknown, cosines, keywordMatch: (r) => r === 3, confidence, closest: 3 })
          .matches,
      ),
    ).toEqual([3]);
    // Under the share, the cosine counts again.
    const mostlyKnown = queryOf(term('tomato', 2), term('sun', 3), term('heirloom', 4, false));
    expect(unknownShare(mostlyKnown)).toBeLessThanOrEqual(confidence.unknownWords);
    expect(
      rows(
        gate('semantic', byCosine, { query: mostlyKnown, cosines, keywordMatch: noKeyword, confidence, closest: 3 })
          .matches,
      ),
    ).toEqual([0, 1]);
  });
});
