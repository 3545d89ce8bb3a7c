// Hybrid ranking: a convex combination of the keyword and semantic scores, each normalised over the
// candidate set, with the keyword weight chosen by measurement (`lantern eval`) and scaled down when the
// keyword side matched only part of the query (or nothing: then the semantic side ranks alone).

export interface FusionSettings {
  /** Weight of the normalised BM25 score when every query term matched; the rest goes to the cosine. */
  keywordWeight: number;
  /** How many candidates each side contributes before fusion. */
  candidates: number;
}

export const DEFAULT_FUSION: FusionSettings = { keywordWeight: 0.5, candidates: 100 };

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
  /** Share of the query's terms that occur in the index, 0..1. */
  keywordCoverage: number;
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
  const alpha = maxKeyword > 0 ? settings.keywordWeight * input.keywordCoverage : 0;

  const fused: FusedHit[] = [];
  for (const index of candidates) {
    const semantic = (input.cosines[index] - lo) / span;
    fused.push({ index, score: alpha * (keywordScore.get(index) ?? 0) + (1 - alpha) * semantic });
  }
  return fused.sort((a, b) => b.score - a.score || a.index - b.index);
}
