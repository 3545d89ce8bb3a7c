// Typo candidates: every word of a vocabulary within k edits of a term, checked against the definition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance as edits, oneEditAway, wordsWithinEdits } from '../../src/core/typos.ts';

/** Levenshtein distance by the textbook recurrence: the oracle. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

describe('wordsWithinEdits', () => {
  it('returns exactly the words within the edit distance, in vocabulary order', () => {
    // A small alphabet makes near words and long shared prefixes likely.
    const word = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 9 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 80 }), word, fc.constantFrom(0, 1, 2), (words, term, k) => {
        const vocabulary = [...words].sort();
        expect(wordsWithinEdits(vocabulary, term, k)).toEqual(vocabulary.filter((w) => editDistance(term, w) <= k));
      }),
      { numRuns: 1000 },
    );
  });

  it('finds substitutions, insertions, deletions and swaps of real words', () => {
    const vocabulary = ['carbon', 'card', 'care', 'cart', 'learning', 'machine', 'regression'].sort();
    expect(wordsWithinEdits(vocabulary, 'dart', 1)).toEqual(['cart']);
    expect(wordsWithinEdits(vocabulary, 'lerning', 1)).toEqual(['learning']);
    expect(wordsWithinEdits(vocabulary, 'machinee', 1)).toEqual(['machine']);
    expect(wordsWithinEdits(vocabulary, 'regresison', 2)).toEqual(['regression']);
    expect(wordsWithinEdits(vocabulary, 'xyz', 1)).toEqual([]);
    expect(wordsWithinEdits([], 'cart', 2)).toEqual([]);
  });

  it('handles words beyond the basic multilingual plane and accents as code units, like the sorted vocabulary', () => {
    const vocabulary = ['café', 'cafe', '😀ok'].sort();
    expect(wordsWithinEdits(vocabulary, 'cafè', 1)).toEqual(['cafe', 'café']);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit; never more than Levenshtein, symmetric, zero only for the same word', () => {
    expect(edits('tratis', 'traits')).toBe(1);
    expect(edits('tratis', 'trait')).toBe(2);
    expect(edits('kitten', 'sitting')).toBe(3);
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = edits(a, b);
        expect(d).toBeLessThanOrEqual(editDistance(a, b));
        expect(d).toBe(edits(b, a));
        expect(d === 0).toBe(a === b);
      }),
    );
    // One edit exactly for every word oneEditAway lists (other than the word itself).
    for (const w of oneEditAway('clossure')) if (w !== 'clossure') expect(edits('clossure', w)).toBe(1);
  });
});
