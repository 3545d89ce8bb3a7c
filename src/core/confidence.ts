// When is a passage a match? A keyword search matches words, so any passage holding enough of the query is one;
// a vector search always returns the nearest passages, however far they are. The semantic side therefore gets a
// floor per index, calibrated at build time: texts about unrelated things (PROBES in src/indexer/probes.ts) are
// embedded as queries, and the cosine of each one's nearest passage tells how close "unrelated" comes in this
// corpus with this model. A passage whose cosine clears the `match` floor counts as a match by meaning; one that
// only clears the lower `near` floor is among the closest passages by meaning, shown as such, never as a match.
// The floor alone cannot tell "about something else" from "about this corpus in other words": with a small model,
// "Kafka stream processing" comes as close to a corpus about data work as a true paraphrase does. So a query whose
// words the corpus mostly never uses (over `unknownWords` of its idf weight) gets no matches by meaning, only
// the closest passages; its words can still match by keyword.
import { scoreAll } from './vector-search.ts';
import type { VectorStore } from './index-format/vectors.ts';
import { CALIBRATION, type ConfidenceSettings } from './settings.ts';

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.max(0, q * (sorted.length - 1)));
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** The floors of one index: `probes` are the unrelated texts' query vectors. */
export function calibrate(
  vectors: VectorStore,
  probes: ArrayLike<number>[],
  calibration = CALIBRATION,
): ConfidenceSettings {
  const nearest = probes
    .map((probe) => scoreAll(vectors, probe).reduce((m, c) => Math.max(m, c), -1))
    .sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    match: round(quantile(nearest, calibration.matchQuantile)),
    near: round(quantile(nearest, calibration.nearQuantile)),
    keywordCoverage: calibration.keywordCoverage,
    unknownWords: calibration.unknownWords,
  };
}
