// Keyword search settings: BM25's constants and the weights of fields and kinds of match.

export interface KeywordSettings {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Weight of a heading match relative to a body match. */
  headingBoost: number;
  /** Weight of a document-title match relative to a body match. */
  titleBoost: number;
  /** Score multiplier for typo-tolerant matches. */
  fuzzyWeight: number;
  /** Score multiplier for prefix matches of the word being typed. */
  prefixWeight: number;
}

// k1, b and the title boost were chosen by `lantern tune` on odd SciFact query ids (see README "Quality").
export const DEFAULT_KEYWORD: KeywordSettings = {
  k1: 0.9,
  b: 0.75,
  headingBoost: 1.5,
  titleBoost: 0.5,
  fuzzyWeight: 0.5,
  prefixWeight: 0.6,
};
