// Hybrid ranking: how much of the question a passage answers, by its words and by its meaning.
// - Keyword side: each hit's BM25 score (relative to the best) scaled by its coverage, the idf-weighted share of
//   the query's terms the passage holds in its text, heading path or document title (a title is evidence that a
//   word is covered, not a multiplier). For a long query (over `longQuery` terms: a claim or a paragraph, like
//   SciFact's, that no passage holds whole) coverage counts less, as the power longQuery / terms.
// - A page several of whose passages hold the query's words is evidence too: a hit's coverage is blended with its
//   document's (the terms held by any of its passages among the hits) by `documentWeight`.
// - Semantic side: cosines normalised over the candidates (min to max).
// - The keyword side's weight rises with the best hit's coverage, from `weakKeywordWeight` (a paraphrase:
//   "gemstone" for "diamond") to `keywordWeight` once it reaches `strongMatch`; it is never zero while any keyword
//   hit exists. The fused score is then multiplied by 1 + `coverageBoost` × coverage, so among passages close in
//   meaning the one that holds more of the question comes first (MiniSearch multiplies by the matched terms).
// The values are chosen by measurement (`lantern tune`); their defaults live in settings.ts.
import type { FusionSettings } from '../settings.ts';
import type { KeywordHit } from '../keyword-rules/contract.ts';
import type { ParsedQuery } from './parse.ts';

export interface FusedHit {
  index: number;
  score: number;
}

/** How much of the query a keyword hit holds. */
export interface Coverage {
  /** Idf-weighted share of the query's terms the passage holds (in any of the word's forms; a typo-corrected term
   * counts half), 0..1. */
  coverage: number;
  /** The coverage of the query as searched ("Showing results for …"): a typo-corrected term counts fully. */
  searched: number;
  /** How many of the query's terms it holds as searched (outright or as their correction). */
  searchedTerms: number;
  /** Per query term, how much the passage holds it: 1, 0.5 (its typo correction) or 0. */
  held: number[];
}

/** Each keyword hit with its coverage. `holds(row, term)`: whether the passage holds the index term. */
export function withCoverage(
  hits: KeywordHit[],
  query: ParsedQuery,
  holds: (row: number, term: string) => boolean,
): (KeywordHit & Coverage)[] {
  const weights = query.terms.map((t) => t.idf);
  return hits.map((hit) => {
    const held = query.terms.map((t) =>
      holds(hit.index, t.term) || t.forms.some((f) => holds(hit.index, f))
        ? 1
        : t.typos.some((m) => holds(hit.index, m))
          ? 0.5
          : 0,
    );
    const asSearched = held.map((h) => (h > 0 ? 1 : 0));
    return {
      ...hit,
      coverage: share(held, weights),
      searched: share(asSearched, weights),
      searchedTerms: asSearched.filter((h) => h === 1).length,
      held,
    };
  });
}

function share(held: readonly number[], weights: readonly number[]): number {
  let total = 0;
  let matched = 0;
  weights.forEach((w, i) => {
    total += w;
    matched += held[i] * w;
  });
  return total > 0 ? matched / total : 0;
}

export interface FusionInput {
  query: ParsedQuery;
  /** Keyword hits with their coverage. */
  keyword: (KeywordHit & Coverage)[];
  /** Cosine of every passage (so a keyword candidate always has a semantic score). */
  cosines: Float32Array;
  /** The semantic side's own top candidates. */
  semantic: { index: number; score: number }[];
  /** The document of a passage (for document-level evidence). */
  docOf: (row: number) => number;
}

export function fuse(input: FusionInput, settings: FusionSettings): FusedHit[] {
  const candidates = new Set<number>();
  for (const hit of input.keyword) candidates.add(hit.index);
  for (const hit of input.semantic) candidates.add(hit.index);
  if (candidates.size === 0) return [];

  const weights = input.query.terms.map((t) => t.idf);
  // Per document, the most of each query term any of its hits holds.
  const byDocument = new Map<number, number[]>();
  for (const hit of input.keyword) {
    const doc = input.docOf(hit.index);
    const held = byDocument.get(doc);
    if (!held) byDocument.set(doc, [...hit.held]);
    else hit.held.forEach((h, i) => (held[i] = Math.max(held[i], h)));
  }
  const documentCoverage = (row: number) => {
    const held = byDocument.get(input.docOf(row));
    return held ? share(held, weights) : 0;
  };
  const { documentWeight, coverageBoost } = settings;
  const blend = (own: number, row: number) =>
    documentWeight > 0 ? (1 - documentWeight) * own + documentWeight * documentCoverage(row) : own;
  const coverage = new Map(input.keyword.map((h) => [h.index, blend(h.coverage, h.index)]));

  const maxKeyword = input.keyword.reduce((m, h) => Math.max(m, h.score), 0);
  const power = Math.min(1, settings.longQuery / Math.max(1, input.query.terms.length));
  const keywordScore = new Map(
    input.keyword.map((h) => [h.index, maxKeyword > 0 ? (coverage.get(h.index)! ** power * h.score) / maxKeyword : 0]),
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
    const held = (coverage.get(index) ?? blend(0, index)) ** power;
    const score = alpha * (keywordScore.get(index) ?? 0) + (1 - alpha) * semantic;
    fused.push({ index, score: score * (1 + coverageBoost * held) });
  }
  return fused.sort((a, b) => b.score - a.score || a.index - b.index);
}
