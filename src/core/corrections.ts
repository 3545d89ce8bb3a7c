// "Did you mean": which words of a query typo tolerance replaced, and the query as it was searched. The keyword
// index knows the replacements as index terms (stems, keyword-rules/match.ts); the reader sees words, so each
// is shown as a passage spells it.
import { termSpans } from './analysis.ts';

export interface Correction {
  /** The word as typed. */
  typed: string;
  /** The word searched instead, as a passage of the index spells it. */
  shown: string;
  /** The index terms typo tolerance matched it to (marked in snippets and passages like the query's own terms). */
  terms: string[];
}

/** The typo-tolerance result of a keyword index: a query term and the index terms it matched instead. */
export interface TermCorrection {
  term: string;
  matches: string[];
}

/** The first word of `texts` (in order) whose term is one of `terms`, by term, lowercased (at most one per term). */
export function spellings(texts: Iterable<string>, terms: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  if (!terms.size) return out;
  for (const text of texts) {
    for (const span of termSpans(text)) {
      if (terms.has(span.term) && !out.has(span.term))
        out.set(span.term, text.slice(span.start, span.end).toLowerCase());
    }
    if (out.size === terms.size) break;
  }
  return out;
}

/**
 * The corrections to show: for each replaced term, the word typed and the match read as a word (`spelled`: its
 * spelling in the index's passages; a term with none falls back to the term itself). Each term's matches come in
 * order of preference: the first one spelled is shown.
 */
export function describeCorrections(
  query: string,
  found: readonly TermCorrection[],
  spelled: ReadonlyMap<string, string>,
): Correction[] {
  const spans = termSpans(query);
  return found.flatMap(({ term, matches }) => {
    const typed = spans.find((s) => s.term === term);
    if (!typed || !matches.length) return [];
    const best = matches.find((m) => spelled.has(m)) ?? matches[0];
    return [{ typed: query.slice(typed.start, typed.end), shown: spelled.get(best) ?? best, terms: [...matches] }];
  });
}

/** The query with each corrected word replaced by the word searched instead (every occurrence). */
export function correctedQuery(query: string, corrections: readonly Correction[]): string {
  if (!corrections.length) return query;
  const byTerm = new Map<string, string>();
  const spans = termSpans(query);
  for (const c of corrections) byTerm.set(spans.find((s) => query.slice(s.start, s.end) === c.typed)!.term, c.shown);
  let out = '';
  let at = 0;
  for (const span of spans) {
    const shown = byTerm.get(span.term);
    if (shown === undefined) continue;
    const typed = query.slice(span.start, span.end);
    out +=
      query.slice(at, span.start) + (/^\p{Lu}/u.test(typed) ? shown.charAt(0).toUpperCase() + shown.slice(1) : shown);
    at = span.end;
  }
  return out + query.slice(at);
}
