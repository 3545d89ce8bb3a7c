// Which index terms a query term matches in a field, and how: the term itself and the other forms of its word; the
// word still being typed also as the start of longer terms; a term the field lacks, by its typos (query/parse.ts
// decides how many edits).
import type { KeywordSettings } from '../settings.ts';
import type { TermRequest } from './contract.ts';

export const EXACT = 0;
export const PREFIX = 1;
export const FUZZY = 2;
export const FORM = 3;
export type MatchKind = typeof EXACT | typeof PREFIX | typeof FUZZY | typeof FORM;

/** How an engine finds terms in one field of its index (T: however it names a term, e.g. a string or a number). */
export interface FieldTerms<T> {
  /** The term itself, if the field holds it. */
  exact(term: string): T | undefined;
  /** The field's terms that start with `term`, the term itself excepted. */
  startingWith(term: string): Iterable<T>;
  /** The field's terms within `edits` edits of `term`. */
  withinEdits(term: string, edits: number): Iterable<T>;
}

/** The matches of one query term in one field. */
export function matchTerm<T>(field: FieldTerms<T>, request: TermRequest): [T, MatchKind][] {
  const matches: [T, MatchKind][] = [];
  const exact = field.exact(request.term);
  if (exact !== undefined) matches.push([exact, EXACT]);
  for (const form of request.forms ?? []) {
    const t = field.exact(form);
    if (t !== undefined) matches.push([t, FORM]);
  }
  if (request.prefix) {
    for (const t of field.startingWith(request.term)) matches.push([t, PREFIX]);
  } else if (matches.length === 0 && request.typos) {
    for (const typo of request.typos) {
      const t = field.exact(typo);
      if (t !== undefined) matches.push([t, FUZZY]);
    }
  } else if (matches.length === 0 && request.edits > 0) {
    for (const t of field.withinEdits(request.term, request.edits)) matches.push([t, FUZZY]);
  }
  return matches;
}

/** Weight of a match of this kind. */
export function matchWeights(settings: KeywordSettings): [exact: number, prefix: number, fuzzy: number, form: number] {
  return [1, settings.prefixWeight, settings.fuzzyWeight, settings.formWeight];
}
