// A query, parsed once: its distinct terms with what the index knows of each (idf, whether a passage holds it,
// whether it is an English word) and the typo corrections the keyword side will search instead. Every later
// step (retrieve, fuse, gate, present) reads this value; none tokenises the query again.
import { termSpans } from '../analysis.ts';
import type { TermRequest } from '../keyword-rules/contract.ts';

export interface QueryTerm {
  /** The analysed term (analysis.ts). */
  term: string;
  /** The first word of the query that gave the term, as typed. */
  word: string;
  idf: number;
  /** A passage holds the term itself. */
  known: boolean;
  /** An English word (never corrected, even when no passage holds it). */
  english: boolean;
  /** The last word while it is still being typed (matched as a prefix, never corrected). */
  typing: boolean;
  /** The index terms typo tolerance searches instead of an unknown term, most common first (empty: no correction). */
  typos: string[];
}

export interface ParsedQuery {
  text: string;
  terms: QueryTerm[];
  /** The last word is still being typed. */
  prefix: boolean;
  /** The words exactly as typed: no typo tolerance. */
  exact: boolean;
}

/** What parsing asks of the index. */
export interface Lexicon {
  idf(term: string): number;
  knows(term: string): boolean;
  typoMatches(term: string, edits: number): string[];
  /** Whether the term is an English word's (absent: no word list, so every unknown term may be a typo). */
  isEnglish?(term: string): boolean;
}

/** Edits allowed to find a word by its typos, from the length of the word as typed (0: too short to guess). */
export function typoEdits(word: string): number {
  return word.length < 4 ? 0 : word.length >= 8 ? 2 : 1;
}

export function parseQuery(
  text: string,
  options: { prefix?: boolean; exact?: boolean },
  lexicon: Lexicon,
): ParsedQuery {
  const prefix = options.prefix ?? false;
  const exact = options.exact ?? false;
  const spans = termSpans(text);
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  spans.forEach((span, i) => {
    if (seen.has(span.term)) return;
    seen.add(span.term);
    const typing = prefix && i === spans.length - 1;
    const known = lexicon.knows(span.term);
    const english = !known && (lexicon.isEnglish?.(span.term) ?? false);
    const edits = exact || typing || english ? 0 : typoEdits(span.term);
    const typos = known || edits === 0 ? [] : byCommonness(lexicon.typoMatches(span.term, edits), lexicon);
    terms.push({
      term: span.term,
      word: text.slice(span.start, span.end),
      idf: lexicon.idf(span.term),
      known,
      english,
      typing,
      typos,
    });
  });
  return { text, terms, prefix, exact };
}

/** Most common (lowest idf) first, then by name. */
function byCommonness(matches: string[], lexicon: Lexicon): string[] {
  return matches.sort((a, b) => lexicon.idf(a) - lexicon.idf(b) || (a < b ? -1 : 1));
}

/** The query's terms as the keyword index matches them. */
export function keywordTerms(query: ParsedQuery): TermRequest[] {
  return query.terms.map((t) => ({
    term: t.term,
    prefix: t.typing,
    edits: query.exact || t.typing || t.english ? 0 : typoEdits(t.term),
  }));
}

/** The unknown terms typo tolerance replaced, with what it searched instead ("did you mean"). */
export function corrected(query: ParsedQuery): QueryTerm[] {
  return query.terms.filter((t) => t.typos.length > 0);
}
