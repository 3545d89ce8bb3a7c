// The semantic side: every stored passage vector scored against the query by brute-force dot product (vectors are
// L2-normalised, so the dot product is the cosine), and the best rows kept.
import type { VectorStore } from './index-format/vectors.ts';

export interface VectorHit {
  index: number;
  score: number;
}

/** Cosine of every stored vector with `query` (L2-normalised, length `dim`). */
export function scoreAll(store: VectorStore, query: ArrayLike<number>): Float32Array {
  const { count, dim, scales, values } = store;
  if (query.length !== dim) throw new Error(`query vector has dimension ${query.length}, the index has ${dim}`);
  const scores = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    let dot = 0;
    const offset = row * dim;
    for (let i = 0; i < dim; i++) dot += values[offset + i] * query[i];
    scores[row] = dot * scales[row];
  }
  return scores;
}

/** The `k` best rows of `scores`, best first (equal scores: the lower row first), among rows `allowed` accepts. */
export function topK(scores: ArrayLike<number>, k: number, allowed?: (row: number) => boolean): VectorHit[] {
  const hits: VectorHit[] = [];
  if (k <= 0) return hits;
  for (let row = 0; row < scores.length; row++) {
    if (allowed && !allowed(row)) continue;
    const score = scores[row];
    if (hits.length < k) {
      hits.push({ index: row, score });
      if (hits.length === k) hits.sort((a, b) => b.score - a.score);
    } else if (score > hits[k - 1].score) {
      // Insert in order; k is small (≤ a few hundred), so a linear shift beats a heap here.
      let i = k - 1;
      while (i > 0 && hits[i - 1].score < score) {
        hits[i] = hits[i - 1];
        i--;
      }
      hits[i] = { index: row, score };
    }
  }
  return hits.length < k ? hits.sort((a, b) => b.score - a.score) : hits;
}
