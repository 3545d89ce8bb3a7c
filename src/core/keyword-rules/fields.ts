// The fields keyword search reads from a passage, in the order the term index numbers them, and their boosts.
import type { DocumentInfo, Passage } from '../types.ts';
import type { KeywordSettings } from '../settings.ts';

export const KEYWORD_FIELDS = ['text', 'headings', 'title'] as const;
export type KeywordField = (typeof KEYWORD_FIELDS)[number];

/** The text of each field of a passage: its text, its headings one per line, its document's title. */
export function fieldValues(passage: Passage, document: DocumentInfo): [text: string, headings: string, title: string] {
  return [passage.text, passage.headings.join('\n'), document.title];
}

/** Weight of a match in each field, by field number. */
export function fieldBoosts(settings: KeywordSettings): [number, number, number] {
  return [1, settings.headingBoost, settings.titleBoost];
}
