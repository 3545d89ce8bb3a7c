// The keyword side: BM25 over Lantern's terms, whole-word matching, typo tolerance (filters: search.test.ts).
import { describe, expect, it } from 'vitest';
import { keywordIndexOf } from '../../src/core/keyword.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { DEFAULT_KEYWORD } from '../../src/core/settings.ts';
import { keywordSearch, type Typed } from '../fixtures/keyword.ts';

const documents: DocumentInfo[] = [
  { id: 'notes/a.md', title: 'Alpha notes', tags: [] },
  { id: 'notes/b.md', title: 'Beta notes', tags: [] },
];
let n = 0;
const passage = (doc: number, text: string, tags: string[] = [], headings: string[] = []): Passage => ({
  id: `p${n++}`,
  doc,
  headings,
  text,
  tags,
  body: [],
});

const search = (passages: Passage[], text: string, typed: Typed = {}) =>
  keywordSearch(keywordIndexOf(passages, documents), text, typed);
const order = (hits: { index: number }[]) => hits.map((h) => h.index);

describe('BM25 scoring', () => {
  it('ranks a passage repeating a term above one mentioning it once, all else equal', async () => {
    // Same length in terms, same document, same headings: only the term frequency differs.
    const passages = [passage(0, 'battery storage alpha beta gamma'), passage(0, 'battery battery battery alpha beta')];
    const hits = await search(passages, 'battery');
    expect(order(hits)).toEqual([1, 0]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it('ranks a passage matching more query terms first', async () => {
    const passages = [
      passage(0, 'solar panels on the roof'),
      passage(0, 'solar battery storage for the roof panels'),
      passage(0, 'nothing relevant here'),
    ];
    expect(order(await search(passages, 'solar battery storage'))[0]).toBe(1);
  });

  it('weighs rare terms above common ones', async () => {
    const passages = [
      passage(0, 'common word zebra'),
      passage(0, 'common word here'),
      passage(0, 'common word there'),
      passage(0, 'common rare other'),
    ];
    // "rare" occurs once in the corpus, "common" in every passage.
    expect(order(await search(passages, 'common rare'))[0]).toBe(3);
  });

  it('penalises long passages for the same number of matches (length normalisation)', async () => {
    const passages = [passage(0, `kettle ${'filler '.repeat(60)}`), passage(0, 'kettle short')];
    expect(order(await search(passages, 'kettle'))).toEqual([1, 0]);
  });

  it('boosts matches in headings and titles by the settings', async () => {
    const passages = [
      passage(0, 'we discuss the compressor here', [], ['Maintenance']),
      passage(0, 'we discuss the schedule here', [], ['Compressor']),
    ];
    const boosted = { ...DEFAULT_KEYWORD, headingBoost: 1.5 };
    expect(order(await keywordSearch(keywordIndexOf(passages, documents), 'compressor', {}, boosted))[0]).toBe(1);
    // By default a heading weighs as body text (a heading is evidence of coverage, not a multiplier): a tie, in
    // row order.
    const plain = await search(passages, 'compressor');
    expect(plain[0].score).toBeCloseTo(plain[1].score, 9);
    const titled = [passage(1, 'about the second topic'), passage(0, 'alpha things alpha')];
    expect(order(await search(titled, 'beta'))).toEqual([0]);
  });

  it('ignores stop words and queries made only of them', async () => {
    const passages = [passage(0, 'the model of the year')];
    expect(await search(passages, 'the of')).toEqual([]);
    expect(order(await search(passages, 'the model'))).toEqual([0]);
  });
});

describe('matching', () => {
  const passages = [
    passage(0, 'each battery cell stores charge'),
    passage(1, 'cellular networks reach the valley'),
    passage(1, 'we fit a logistic regression to the data', ['ml']),
    passage(0, 'tomatoes in the garden', ['garden', 'summer']),
  ];

  it('matches whole terms: "cell" does not find "cellular"', async () => {
    expect(order(await search(passages, 'cell'))).toEqual([0]);
    expect(order(await search(passages, 'cellular'))).toEqual([1]);
  });

  it('matches prefixes of the word being typed only when asked', async () => {
    expect(order(await search(passages, 'cell', { prefix: true })).sort()).toEqual([0, 1]);
    expect(order(await search(passages, 'logistic regr', { prefix: true }))).toEqual([2]);
    expect(await search(passages, 'regr')).toEqual([]);
    // The exact match still ranks first.
    expect(order(await search(passages, 'cell', { prefix: true }))[0]).toBe(0);
  });

  it('matches inflections through stemming', async () => {
    expect(order(await search(passages, 'regressions fitting'))).toEqual([2]);
  });

  it('finds "regression" from the typo "regresion", scored below an exact match', async () => {
    const typo = await search(passages, 'regresion');
    expect(order(typo)).toEqual([2]);
    const exact = await search(passages, 'regression');
    expect(typo[0].score).toBeLessThan(exact[0].score);
  });

  it('does not use typo tolerance for short words or words the corpus contains', async () => {
    expect(await search(passages, 'cel')).toEqual([]);
  });

  it('respects the limit', async () => {
    const many = Array.from({ length: 30 }, (_, i) => passage(0, `widget number ${i}`));
    expect(await keywordSearch(keywordIndexOf(many, documents), 'widget', { limit: 7 })).toHaveLength(7);
  });

  it('uses its settings: the heading boost weighs heading matches, and a zero boost ignores them', async () => {
    const ps = [passage(0, 'body text', [], ['Turbine']), passage(0, 'turbine blades')];
    const index = keywordIndexOf(ps, documents);
    const ranked = (headingBoost: number) =>
      keywordSearch(index, 'turbine', { limit: 5 }, { ...DEFAULT_KEYWORD, headingBoost });
    expect(order(await ranked(5))).toEqual([0, 1]);
    const ignored = await ranked(0);
    expect(order(ignored)[0]).toBe(1);
    expect(ignored.find((h) => h.index === 0)?.score ?? 0).toBe(0);
  });
});

describe('typo tolerance is not prefix matching', () => {
  it('does not expand a term the corpus lacks into longer words that start with it', async () => {
    // No passage says "cell" or "form": their typo fallback must not reach "cellular" or "formula".
    const passages = [passage(0, 'cellular networks reach the valley'), passage(0, 'the formula for the format')];
    expect(await search(passages, 'cell')).toEqual([]);
    expect(await search(passages, 'form')).toEqual([]);
    // Real one-letter typos still match.
    expect(order(await search(passages, 'celular'))).toEqual([0]);
    expect(order(await search(passages, 'formulq'))).toEqual([1]);
  });

  it('finds a typo of any word the corpus holds, whatever other words share its first letters', async () => {
    // A radix-tree walk (Orama's fuzzy find, the engine before the term index) missed "cart" from "dart" once
    // "carbon" shared the edge "car".
    const passages = [
      passage(0, 'a cart of carbon'),
      passage(0, 'carbon paper'),
      passage(1, 'the machine learning platform'),
    ];
    expect(order(await search(passages, 'dart'))).toEqual([0]);
    expect(order(await search(passages, 'machin lerning platfrom'))).toEqual([2]);
  });
});

describe('typo candidates', () => {
  it('answers the same term within 1 and within 2 edits apart, in either order (they were memoised by term alone)', () => {
    const index = keywordIndexOf([passage(0, 'a technical report')], documents);
    expect(index.typoMatches('mechnaic', 2)).toEqual(['technic']);
    expect(index.typoMatches('mechnaic', 1)).toEqual([]);
    const other = keywordIndexOf([passage(0, 'a technical report')], documents);
    expect(other.typoMatches('mechnaic', 1)).toEqual([]);
    expect(other.typoMatches('mechnaic', 2)).toEqual(['technic']);
  });
});
