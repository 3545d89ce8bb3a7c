// A query, parsed once: its distinct terms with what the index knows of each (idf, whether a passage holds it,
// whether it is an English word) and the typo corrections the keyword side will search instead. Every later
// step (retrieve, fuse, gate, present) reads this value; none tokenises the query again.
import { termOf, termSpans } from '../analysis.ts';
import { oneEditAway } from '../typos.ts';
import type { TermRequest } from '../keyword-rules/contract.ts';

export interface QueryTerm {
  /** The analysed term (analysis.ts). */
  term: string;
  /** The first word of the query that gave the term, as typed. */
  word: string;
  idf: number;
  /** A passage holds the term itself. */
  known: boolean;
  /** A real word no passage need hold (never corrected): an English word, or a prefix before an English or a corpus
   * word. */
  english: boolean;
  /** The last word while it is still being typed (matched as a prefix, never corrected). */
  typing: boolean;
  /** The index terms typo tolerance searches instead of an unknown term, most common first (empty: no correction). */
  typos: string[];
  /** The index terms of other forms of the same word whose stems differ ("won" for "win"): searched with the term,
   * never announced. */
  forms: string[];
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
  /** The terms of other forms of the same word (absent: no word forms in the index). */
  formsOf?(term: string): readonly string[];
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
    const word = text.slice(span.start, span.end);
    const english = !known && isEnglish(word, span.term, lexicon);
    // A word with a capital inside or a digit is a name or a code as written ("dLNs", "ComYMV", "CCL19", "ADHD"),
    // not a typo; but a long word in capitals throughout ("RUST_BACKTRACE") is a word typed in capitals.
    const code = /\p{N}/u.test(word) || (/\p{Lu}/u.test(word.slice(1)) && (/\p{Ll}/u.test(word) || word.length < 6));
    // Another form of a word a passage holds ("simple" beside "simpler") is a real word too.
    const forms = (lexicon.formsOf?.(span.term) ?? []).filter((f) => lexicon.knows(f));
    const edits = known || exact || typing || english || code || forms.length > 0 ? 0 : typoEdits(word);
    const typos = edits === 0 ? [] : typoMatches(word, span.term, edits, lexicon);
    terms.push({
      term: span.term,
      word,
      idf: lexicon.idf(span.term),
      known,
      english,
      typing,
      typos,
      forms,
    });
  });
  return { text, terms, prefix, exact };
}

// Prefixes that make a new word of another: "reusable" is "usable" reused, "biphosphate" a phosphate, not typos of
// either.
const PREFIXES = [
  'anti',
  'bi',
  'co',
  'de',
  'di',
  'dis',
  'in',
  'inter',
  'mis',
  'mono',
  'multi',
  'non',
  'over',
  'poly',
  'pre',
  're',
  'sub',
  'tri',
  'un',
  'under',
];

/** Whether a word is a real word (never corrected, nor respelled for the model): a word a passage holds, an English
 * word, or one of PREFIXES before either. */
export function isRealWord(word: string, lexicon: Lexicon): boolean {
  const term = termOf(word);
  return term !== null && (lexicon.knows(term) || isEnglish(word, term, lexicon));
}

/** Whether a word (its term `term`) is an English word, or a word made of one of PREFIXES and an English word or a
 * corpus word ("biphosphate": "bi" and the corpus's "phosphate"). */
function isEnglish(word: string, term: string, lexicon: Lexicon): boolean {
  if (!lexicon.isEnglish) return false;
  if (lexicon.isEnglish(term)) return true;
  const lower = word.toLowerCase();
  return PREFIXES.some((p) => {
    if (lower.length - p.length < 4 || !lower.startsWith(p)) return false;
    const rest = termOf(lower.slice(p.length));
    return rest !== null && (lexicon.isEnglish!(rest) || lexicon.knows(rest));
  });
}

/**
 * The index terms a misspelt word may stand for, most common (lowest idf) first: terms within `edits` of its stem,
 * and the stems of the words one edit from it as typed. Stems hide some typos ("iterater" stems to "iterat", three
 * edits from "iterator"'s "iter"; "segmentaton" keeps its ending, which "segmentation" loses), the typed word
 * does not.
 */
function typoMatches(word: string, term: string, edits: number, lexicon: Lexicon): string[] {
  const found = new Set<string>();
  // A word one edit from an English word the corpus lacks ("mechnaical") is that word misspelt: it is not taken
  // for a corpus word two edits away ("technical").
  let nearEnglish = false;
  const lower = word.toLowerCase();
  if (/^[a-z]{4,24}$/.test(lower))
    for (const variant of oneEditAway(lower)) {
      const stem = termOf(variant);
      if (stem === null || stem === term) continue;
      if (lexicon.knows(stem)) found.add(stem);
      else if (!nearEnglish && isEnglish(variant, stem, lexicon)) nearEnglish = true;
    }
  for (const t of lexicon.typoMatches(term, nearEnglish ? Math.min(1, edits) : edits)) found.add(t);
  return [...found].sort((a, b) => lexicon.idf(a) - lexicon.idf(b) || (a < b ? -1 : 1));
}

/** The query's terms as the keyword index matches them. */
export function keywordTerms(query: ParsedQuery): TermRequest[] {
  return query.terms.map((t) => ({ term: t.term, prefix: t.typing, edits: 0, typos: t.typos, forms: t.forms }));
}

/** The unknown terms typo tolerance replaced, with what it searched instead ("did you mean"). */
export function corrected(query: ParsedQuery): QueryTerm[] {
  return query.terms.filter((t) => t.typos.length > 0);
}
