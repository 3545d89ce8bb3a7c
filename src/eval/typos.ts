// Misspelled queries, to measure typo tolerance: each query gets one typo (a dropped, doubled, swapped or wrong
// letter) in one of its words of five letters or more, chosen from the query's id so that every run misspells
// the same way.
import { stableHash } from '../core/hash.ts';
import type { Query } from './dataset.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const pick = (key: string, n: number) => parseInt(stableHash(key, 8), 36) % n;

function typo(word: string, key: string): string {
  // Never the first letter (people seldom get it wrong); `at + 1` stays inside the word.
  const at = 1 + pick(`${key}:at`, word.length - 2);
  const head = word.slice(0, at);
  switch (pick(`${key}:kind`, 4)) {
    case 0:
      return head + word.slice(at + 1);
    case 1:
      return head + word[at] + word.slice(at);
    case 2:
      if (word[at] !== word[at + 1]) return head + word[at + 1] + word[at] + word.slice(at + 2);
      return head + word.slice(at + 1); // swapping equal letters changes nothing: drop one instead
    default: {
      // In the case of the letter it replaces: a word typed in capitals is misspelt in capitals.
      const others = LETTERS.replace(word[at].toLowerCase(), '');
      const letter = others[pick(`${key}:letter`, others.length)];
      return head + (word[at] === word[at].toUpperCase() ? letter.toUpperCase() : letter) + word.slice(at + 1);
    }
  }
}

/** The query with one typo; a query with no word of five letters or more stays as it is. */
export function misspell(query: Query): Query {
  const words = [...query.text.matchAll(/\p{L}{5,}/gu)];
  if (words.length === 0) return query;
  const word = words[pick(`${query.id}:word`, words.length)];
  const start = word.index!;
  return {
    ...query,
    text: query.text.slice(0, start) + typo(word[0], query.id) + query.text.slice(start + word[0].length),
  };
}
