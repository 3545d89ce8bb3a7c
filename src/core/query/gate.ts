// Which ranked passages are matches (confidence.ts says how the floors are set). A keyword match holds enough of the
// query; a match by meaning clears the index's `match` floor, but only while the query's words are mostly ones the
// corpus uses. Semantic mode keeps ranking the rest by meaning, marked weak; hybrid with no match offers the
// passages closest by meaning (over the `near` floor), never as matches.
import type { ConfidenceSettings } from '../settings.ts';
import type { SearchMode } from '../types.ts';
import type { ParsedQuery } from './parse.ts';

export interface Hit {
  index: number;
  score: number;
}

export interface Gated {
  /** The matches, best first. */
  matches: Hit[];
  /** Semantic mode: the passages ranked after the matches, under the match floor. */
  weak: Hit[];
  /** Hybrid and semantic with no match: the passages closest by meaning, scored by cosine. */
  closest: Hit[];
}

/** Idf-weighted share of the query that falls on terms no passage holds. */
export function unknownShare(query: ParsedQuery): number {
  const total = query.terms.reduce((sum, t) => sum + t.idf, 0);
  return total > 0 ? query.terms.reduce((sum, t) => sum + (t.known ? 0 : t.idf), 0) / total : 0;
}

export function gate(
  mode: SearchMode,
  ranked: Hit[],
  input: {
    query: ParsedQuery;
    cosines?: Float32Array;
    /** Whether a passage's keyword evidence makes it a match (hybrid). */
    keywordMatch: (row: number) => boolean;
    confidence?: ConfidenceSettings;
    closest: number;
  },
): Gated {
  const { confidence, cosines } = input;
  if (mode === 'keyword' || !confidence || !cosines) return { matches: ranked, weak: [], closest: [] };
  const byMeaning = unknownShare(input.query) <= confidence.unknownWords;
  const isMatch = (h: Hit) => (byMeaning && cosines[h.index] >= confidence.match) || input.keywordMatch(h.index);
  const matches = ranked.filter(isMatch);
  if (mode === 'semantic') return { matches, weak: ranked.filter((h) => !isMatch(h)), closest: [] };
  // Closest by meaning, so scored by their cosine (a fused score would mix in keyword evidence they lack).
  const closest = matches.length
    ? []
    : ranked
        .filter((h) => cosines[h.index] >= confidence.near)
        .map((h) => ({ index: h.index, score: cosines[h.index] }))
        .sort((a, b) => b.score - a.score)
        .slice(0, input.closest);
  return { matches, weak: [], closest };
}
