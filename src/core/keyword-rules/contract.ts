// What the query pipeline asks of the keyword index: one contract, one engine (src/core/term-index/) for every
// size of index, its parts in memory (a single-file index) or downloaded per query (a sharded one).
import type { KeywordSettings } from '../settings.ts';

/** One term of a parsed query (query/parse.ts) as the keyword index matches it. */
export interface TermRequest {
  /** The analysed term (analysis.ts). */
  term: string;
  /** The word is still being typed: also match the terms that start with it. */
  prefix: boolean;
  /** Edits a typo may be from the term (0: no typo matches); used only in a field that lacks the term itself. */
  edits: number;
  /** The index terms to match instead, in a field that lacks the term (query/parse.ts's corrections); when given,
   * they replace the search within `edits`. */
  typos?: readonly string[];
  /** Index terms of other forms of the same word ("won" for "win"), matched beside the term at the form weight. */
  forms?: readonly string[];
}

export interface KeywordHit {
  /** The passage's row. */
  index: number;
  score: number;
}

export interface KeywordRequest {
  terms: readonly TermRequest[];
  limit: number;
  /** Keep only the passages (rows) for which this returns true (the filters). */
  allowed?: (row: number) => boolean;
}

export interface KeywordIndex {
  /** Loads (once) what searching these terms needs; resolves at once when every part is in memory. */
  prepare(terms: readonly TermRequest[]): Promise<void>;
  /** Loads every part (for the CLI and eval, which search the whole index). */
  loadAll(): Promise<void>;
  /** BM25 ranking of the passages holding the terms; needs prepare() for these terms first. */
  search(request: KeywordRequest, settings?: KeywordSettings): KeywordHit[];
  /** The index terms within `edits` edits of a term, in any field (from the dictionary alone). */
  typoMatches(term: string, edits: number): string[];
  /** BM25's idf of an analysed term (terms the corpus lacks get the highest). */
  idf(term: string): number;
  /** Whether any passage holds the analysed term itself. */
  knows(term: string): boolean;
  /** Whether passage `row` holds the analysed term in its text, headings or title; needs the term prepared. */
  has(row: number, term: string): boolean;
}
