// Hybrid ranking: a convex combination of the keyword and semantic scores, each normalised over the
// candidate set. How much the keyword side counts depends on the query: when the best keyword passage
// holds most of the query's information (idf-weighted share of its terms), BM25 is trusted with
// `keywordWeight`; when it matches only a small part (a paraphrase: "gemstone" for "diamond"), the
// semantic side leads with `weakKeywordWeight`; with no keyword match at all, the semantic side ranks alone.
// The weights and the threshold are chosen by measurement (`npm run tune`), not by defaults.

export interface FusionSettings {
  /** Weight of the normalised BM25 score when the keyword side matches the query well. */
  keywordWeight: number;
  /** Weight of the normalised BM25 score when the best keyword match covers little of the query. */
  weakKeywordWeight: number;
  /** Share of the query's idf mass the best keyword passage must hold to count as a good match. */
  strongMatch: number;
  /** How many candidates each side contributes before fusion. */
  candidates: number;
}

// Chosen by `lantern tune` on odd query ids of SciFact and tests/quality/questions.jsonl (see README "Quality").
export const DEFAULT_FUSION: FusionSettings = { keywordWeight: 0.5, weakKeywordWeight: 0, strongMatch: 0.2, candidates: 100 };

export interface FusedHit {
  index: number;
  score: number;
}

export interface FusionInput {
  keyword: { index: number; score: number }[];
  /** Cosine of every passage (so a keyword candidate always has a semantic score). */
  cosines: Float32Array;
  /** The semantic side's own top candidates. */
  semantic: { index: number; score: number }[];
  /** Idf-weighted share of the query's terms found in the best keyword passage, 0..1. */
  keywordStrength: number;
}

export function fuse(input: FusionInput, settings: FusionSettings): FusedHit[] {
  const candidates = new Set<number>();
  for (const hit of input.keyword) candidates.add(hit.index);
  for (const hit of input.semantic) candidates.add(hit.index);
  if (candidates.size === 0) return [];

  const maxKeyword = input.keyword.reduce((m, h) => Math.max(m, h.score), 0);
  const keywordScore = new Map(input.keyword.map((h) => [h.index, maxKeyword > 0 ? h.score / maxKeyword : 0]));
  let lo = Infinity;
  let hi = -Infinity;
  for (const index of candidates) {
    const c = input.cosines[index];
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  }
  const span = hi - lo || 1;
  const alpha = maxKeyword === 0 ? 0 : input.keywordStrength >= settings.strongMatch ? settings.keywordWeight : settings.weakKeywordWeight;

  const fused: FusedHit[] = [];
  for (const index of candidates) {
    const semantic = (input.cosines[index] - lo) / span;
    fused.push({ index, score: alpha * (keywordScore.get(index) ?? 0) + (1 - alpha) * semantic });
  }
  return fused.sort((a, b) => b.score - a.score || a.index - b.index);
}
