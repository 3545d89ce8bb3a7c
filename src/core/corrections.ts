// "Did you mean": which words of a query typo tolerance replaced, and the query as it was searched. The keyword
// index knows the replacements as index terms (stems, keyword-rules/match.ts); the reader sees words, so each
// is shown as a passage spells it.
import { termSpans } from './analysis.ts';
import { editDistance } from './typos.ts';

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

/** How many spellings of one term are kept to choose from (a term's forms are few; the cap bounds the work). */
const SPELLINGS = 8;

/** The words of `texts` whose term is one of `terms`, by term, lowercased, in order of first appearance. */
export function spellings(texts: Iterable<string>, terms: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!terms.size) return out;
  for (const text of texts) {
    for (const span of termSpans(text)) {
      if (!terms.has(span.term)) continue;
      const word = text.slice(span.start, span.end).toLowerCase();
      const known = out.get(span.term);
      if (!known) out.set(span.term, [word]);
      else if (known.length < SPELLINGS && !known.includes(word)) known.push(word);
    }
  }
  return out;
}

/**
 * The corrections to show: for each replaced term, the word typed and the match read as a word: of the words the
 * index's passages spell its matches with (`spelled`), the fewest edits from the word typed ("opeuator" reads as
 * "operator", not "operation", though both are the term "oper"); among equals the earlier match (matches come in
 * order of preference), then the word seen first. A match no passage spells falls back to the term itself.
 */
export function describeCorrections(
  query: string,
  found: readonly TermCorrection[],
  spelled: ReadonlyMap<string, readonly string[]>,
): Correction[] {
  const spans = termSpans(query);
  return found.flatMap(({ term, matches }) => {
    const typed = spans.find((s) => s.term === term);
    if (!typed || !matches.length) return [];
    const word = query.slice(typed.start, typed.end);
    const lower = word.toLowerCase();
    let shown = matches[0];
    let fewest = Infinity;
    for (const w of matches.flatMap((m) => spelled.get(m) ?? [])) {
      const edits = editDistance(lower, w);
      if (edits < fewest) [shown, fewest] = [w, edits];
    }
    return [{ typed: word, shown, terms: [...matches] }];
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
