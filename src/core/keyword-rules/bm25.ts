// BM25, as the term index scores a (term, field, passage). The arithmetic is Orama's (components/algorithms.js),
// operation for operation with d = 0, so the scores are the ones Lantern gave when Orama held its keyword index.

/** Inverse document frequency of a term found in `df` of `count` passages (terms the corpus lacks get the highest). */
export function idf(df: number, count: number): number {
  return Math.log(1 + (count - df + 0.5) / (df + 0.5));
}

/** Score of a term occurring `tf` times in a field of `fieldLength` terms (the field's mean length is `averageLength`). */
export function bm25(
  tf: number,
  df: number,
  count: number,
  fieldLength: number,
  averageLength: number,
  k1: number,
  b: number,
): number {
  return (idf(df, count) * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * fieldLength) / averageLength));
}

/** The mean field length after the `n`-th passage (1-based) of `length` terms: a running mean, as passages are added. */
export function runningMean(mean: number, n: number, length: number): number {
  return (mean * (n - 1) + length) / n;
}
