// Hybrid ranking: a convex combination of the keyword and semantic scores. Each keyword hit's BM25 score
// (relative to the best) is scaled by its coverage, the idf-weighted share of the query's terms the passage
// holds, so a passage that matches one rare word of a long question no longer counts as a full match. The
// keyword side's weight then rises with the best hit's coverage, from `weakKeywordWeight` (a paraphrase:
// "gemstone" for "diamond") to `keywordWeight` once it reaches `strongMatch`; it is never zero while any
// keyword hit exists. Cosines are normalised over the candidates (min to max).
// A query of more than `longQuery` terms is a claim or a paragraph rather than a question (SciFact's queries): no
// passage holds all of it, so coverage would only reorder BM25's ranking; its keyword scores are BM25 alone.
// The weights and the threshold are chosen by measurement (`lantern tune`); their defaults live in settings.ts.
import type { FusionSettings } from '../settings.ts';
import type { KeywordHit } from '../keyword-rules/contract.ts';
import type { ParsedQuery } from './parse.ts';

export interface FusedHit {
  index: number;
  score: number;
}

export interface FusionInput {
  /** Keyword hits with their coverage: the idf-weighted share of the query's terms the passage holds, 0..1. */
  keyword: { index: number; score: number; coverage: number }[];
  /** Cosine of every passage (so a keyword candidate always has a semantic score). */
  cosines: Float32Array;
  /** The semantic side's own top candidates. */
  semantic: { index: number; score: number }[];
  /** How many distinct terms the query has. */
  queryTerms: number;
}

export function fuse(input: FusionInput, settings: FusionSettings): FusedHit[] {
  const candidates = new Set<number>();
  for (const hit of input.keyword) candidates.add(hit.index);
  for (const hit of input.semantic) candidates.add(hit.index);
  if (candidates.size === 0) return [];

  const maxKeyword = input.keyword.reduce((m, h) => Math.max(m, h.score), 0);
  const scaled = input.queryTerms <= settings.longQuery;
  const keywordScore = new Map(
    input.keyword.map((h) => [h.index, maxKeyword > 0 ? ((scaled ? h.coverage : 1) * h.score) / maxKeyword : 0]),
  );
  const best = input.keyword.reduce((m, h) => (h.score > m.score ? h : m), { score: -Infinity, coverage: 0 });
  let lo = Infinity;
  let hi = -Infinity;
  for (const index of candidates) {
    const c = input.cosines[index];
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  }
  const span = hi - lo || 1;
  const ramp = Math.min(1, best.coverage / (settings.strongMatch || 1));
  const alpha =
    maxKeyword === 0 ? 0 : settings.weakKeywordWeight + (settings.keywordWeight - settings.weakKeywordWeight) * ramp;

  const fused: FusedHit[] = [];
  for (const index of candidates) {
    const semantic = (input.cosines[index] - lo) / span;
    fused.push({ index, score: alpha * (keywordScore.get(index) ?? 0) + (1 - alpha) * semantic });
  }
  return fused.sort((a, b) => b.score - a.score || a.index - b.index);
}

/** How much of the query a keyword hit holds: the idf-weighted share of its terms, and how many it holds outright. */
export interface Coverage {
  coverage: number;
  terms: number;
}

/**
 * Each keyword hit with its coverage. `holds(row, term)`: whether the passage holds the term. A word typo tolerance
 * corrected counts half where its correction is found: "logistc regresion" is held by a passage saying "logistic
 * regression", but "helm charts" only half by one saying "help" and "charge".
 */
export function withCoverage(
  hits: KeywordHit[],
  query: ParsedQuery,
  holds: (row: number, term: string) => boolean,
): (KeywordHit & Coverage)[] {
  const total = query.terms.reduce((sum, t) => sum + t.idf, 0);
  return hits.map((hit) => {
    let matched = 0;
    let terms = 0;
    for (const t of query.terms) {
      const held = holds(hit.index, t.term) ? 1 : t.typos.some((m) => holds(hit.index, m)) ? 0.5 : 0;
      matched += held * t.idf;
      if (held === 1) terms++;
    }
    return { ...hit, coverage: total > 0 ? matched / total : 0, terms };
  });
}
