// Which index terms a query term matches in a field, and how: the query's own terms whole; the word still being
// typed (the last, when the query asks for prefixes) also as the start of longer terms; a term that is not in the
// field at all, by typos (1 edit from 4 letters, 2 from 8), as no exact match means it may be misspelt.
import { terms } from '../analysis.ts';
import type { KeywordSettings } from '../settings.ts';

export const EXACT = 0;
export const PREFIX = 1;
export const FUZZY = 2;
export type MatchKind = typeof EXACT | typeof PREFIX | typeof FUZZY;

/** How an engine finds terms in one field of its index (T: however it names a term, e.g. a string or a number). */
export interface FieldTerms<T> {
  /** The term itself, if the field holds it. */
  exact(term: string): T | undefined;
  /** The field's terms that start with `term`, the term itself excepted. */
  startingWith(term: string): Iterable<T>;
  /** The field's terms within `edits` edits of `term`. */
  withinEdits(term: string, edits: number): Iterable<T>;
}

/** The distinct analysed terms of a query, in order. */
export function queryTerms(text: string): string[] {
  return [...new Set(terms(text))];
}

/** Edits allowed to find a term by its typos (0: too short to guess). */
export function typoEdits(term: string): number {
  return term.length < 4 ? 0 : term.length >= 8 ? 2 : 1;
}

/** The matches of query term number `position` (of `count`) in one field; `typos` false: the query as typed, no typo matches. */
export function matchTerm<T>(
  field: FieldTerms<T>,
  term: string,
  position: number,
  count: number,
  prefix: boolean,
  typos = true,
): [T, MatchKind][] {
  const matches: [T, MatchKind][] = [];
  const exact = field.exact(term);
  if (exact !== undefined) matches.push([exact, EXACT]);
  if (prefix && position === count - 1) {
    for (const t of field.startingWith(term)) matches.push([t, PREFIX]);
  } else if (matches.length === 0 && typos) {
    const edits = typoEdits(term);
    if (edits > 0) for (const t of field.withinEdits(term, edits)) matches.push([t, FUZZY]);
  }
  return matches;
}

/** Weight of a match of this kind. */
export function matchWeights(settings: KeywordSettings): [exact: number, prefix: number, fuzzy: number] {
  return [1, settings.prefixWeight, settings.fuzzyWeight];
}

/**
 * The query terms typo tolerance changes: each term that no field holds as typed (the word still being typed
 * aside), with the field terms it matches instead, by their names, in order and without repeats.
 */
export function typoCorrections<T>(
  fields: FieldTerms<T>[],
  name: (t: T) => string,
  text: string,
  prefix: boolean,
): { term: string; matches: string[] }[] {
  const terms = queryTerms(text);
  const out: { term: string; matches: string[] }[] = [];
  terms.forEach((term, position) => {
    if (prefix && position === terms.length - 1) return;
    if (fields.some((field) => field.exact(term) !== undefined)) return;
    const edits = typoEdits(term);
    if (edits === 0) return;
    const matches = new Set<string>();
    for (const field of fields) for (const t of field.withinEdits(term, edits)) matches.add(name(t));
    if (matches.size) out.push({ term, matches: [...matches].sort() });
  });
  return out;
}
