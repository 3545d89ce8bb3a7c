// Spelling a query for the model's vocabulary before it is embedded.
import { describe, expect, it } from 'vitest';
import { QuerySpeller } from '../../src/core/query-spelling.ts';

// Ids as in a vocabulary ordered by frequency: lower is more frequent.
const vocabulary = new Map(
  [
    '[UNK]',
    'the',
    'of',
    'levels',
    'level',
    'lever',
    'blood',
    'regression',
    'model',
    'models',
    '##ing',
    'raises',
    'anemia',
    'cart',
    'card',
    'pants',
    'plant',
    '##s',
  ].map((w, i) => [w, i]),
);
const speller = new QuerySpeller(vocabulary);

describe('QuerySpeller', () => {
  it('respells a word the vocabulary lacks as its nearest whole word', () => {
    expect(speller.correct('blood levls of the model')).toBe('blood levels of the model');
    expect(speller.correct('a high count raisess anemia')).toBe('a high count raises anemia');
    // Two edits from eight letters on.
    expect(speller.correct('regresison')).toBe('regression');
  });

  it('picks the most frequent (lowest id) of equally near words', () => {
    // "levet" is one edit from both "level" (id 4) and "lever" (id 5).
    expect(speller.correct('levet')).toBe('level');
    expect(speller.correct('cord')).toBe('card');
  });

  it('counts a swap of neighbouring letters as one edit: the swapped word wins over a more frequent one two edits away', () => {
    const words = new QuerySpeller(new Map(['[UNK]', 'technical', 'mechanical'].map((w, i) => [w, i])));
    // "mechnaical" is "mechanical" with two letters swapped, and two substitutions from "technical" (more frequent).
    expect(words.correct('mechnaical limb')).toBe('mechanical limb');
  });

  it('leaves known words, short words, numbers, punctuation and hopeless words as typed', () => {
    expect(speller.correct('The Model, of BLOOD!')).toBe('The Model, of BLOOD!');
    expect(speller.correct('cat B12 ab')).toBe('cat B12 ab');
    expect(speller.correct('zzzzzz qwerty')).toBe('zzzzzz qwerty');
  });

  it('leaves another form of a vocabulary word alone: it is not a typo', () => {
    // "plants" is one edit from "pants", but it is "plant" + "s".
    expect(speller.correct('watering plants')).toBe('watering plants');
    expect(speller.correct('regressions')).toBe('regressions');
  });

  it('never respells into a sub-word piece', () => {
    expect(speller.correct('ding')).toBe('ding');
  });
});
