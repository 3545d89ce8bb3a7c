// The keyword rules (src/core/keyword-rules/) as users meet them through the term index, in memory (one fragment)
// and cut into many fragments, with scores worked out here by hand from BM25's formula: a change to the
// arithmetic, the field boosts, the match weights or the tie order fails this test instead of silently changing
// results.
import { describe, expect, it } from 'vitest';
import { keywordIndexOf } from '../../src/core/keyword.ts';
import { buildTermIndex } from '../../src/core/term-index/build.ts';
import { openTermIndex } from '../../src/core/term-index/open.ts';
import type { KeywordIndex } from '../../src/core/keyword-rules/contract.ts';
import { matchTerm, EXACT, PREFIX, FUZZY, type FieldTerms } from '../../src/core/keyword-rules/match.ts';
import { typoEdits } from '../../src/core/query/parse.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { DEFAULT_KEYWORD } from '../../src/core/settings.ts';
import { keywordSearch, requestsOf } from '../fixtures/keyword.ts';

const documents: DocumentInfo[] = [
  { id: 'energy.md', title: 'Energy', tags: [] },
  { id: 'garden.md', title: 'Garden', tags: ['outdoor'] },
];
const passage = (doc: number, text: string, headings: string[] = [], tags: string[] = []): Passage => ({
  id: `p${text.length}`,
  doc,
  text,
  headings,
  tags,
  body: [],
});
const passages: Passage[] = [
  passage(0, 'solar panel solar'), // text terms: solar panel solar (3)
  passage(0, 'solar battery', ['Storage']), // 2
  passage(1, 'garden tomato', ['Solar'], ['outdoor']), // 2; "solar" in its headings
];

const { k1, b, headingBoost, titleBoost, prefixWeight, fuzzyWeight } = DEFAULT_KEYWORD;
/** BM25 (idf with +1 inside the log, so it is never negative), written out. */
const score = (tf: number, df: number, length: number, average: number) =>
  (Math.log(1 + (3 - df + 0.5) / (df + 0.5)) * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * length) / average));
const TEXT_AVERAGE = (3 + 2 + 2) / 3;
const HEADINGS_AVERAGE = (0 + 1 + 1) / 3;

async function engines(): Promise<[string, KeywordIndex][]> {
  const files = buildTermIndex(passages, documents, { fragmentBytes: 16 });
  const fragmented = openTermIndex(files.dictionary, async (i) => files.fragments[i]);
  return [
    ['in memory (keyword.ts)', keywordIndexOf(passages, documents)],
    [`${files.fragments.length} fragments`, fragmented],
  ];
}

describe('keyword scores, worked out by hand', () => {
  it('a whole word: BM25 per field, headings boosted, ties in row order', async () => {
    const expected = [
      { index: 0, score: score(2, 2, 3, TEXT_AVERAGE) },
      { index: 2, score: score(1, 1, 1, HEADINGS_AVERAGE) * headingBoost },
      { index: 1, score: score(1, 2, 2, TEXT_AVERAGE) },
    ].sort((x, y) => y.score - x.score);
    for (const [name, engine] of await engines()) expect(await keywordSearch(engine, 'solar'), name).toEqual(expected);
  });

  it('a document title: boosted, and passages of one document tie in row order', async () => {
    // Every title is one term long, so the title field's average length is 1.
    const titled = score(1, 2, 1, 1) * titleBoost;
    for (const [name, engine] of await engines())
      expect(await keywordSearch(engine, 'energy'), name).toEqual([
        { index: 0, score: titled },
        { index: 1, score: titled },
      ]);
  });

  it('the word being typed matches as a prefix, weighted; a misspelt word by its typos, weighted', async () => {
    for (const [name, engine] of await engines()) {
      expect(await keywordSearch(engine, 'batt', { prefix: true }), name).toEqual([
        { index: 1, score: score(1, 1, 2, TEXT_AVERAGE) * prefixWeight },
      ]);
      // "batt" whole is no word of the corpus, and no word is one edit from it.
      expect(await keywordSearch(engine, 'batt'), name).toEqual([]);
      expect(await keywordSearch(engine, 'tomatp'), name).toEqual([
        { index: 2, score: score(1, 1, 2, TEXT_AVERAGE) * fuzzyWeight },
      ]);
      await engine.prepare(requestsOf(engine, 'solar battery'));
      expect(engine.idf('solar'), name).toBe(Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5)));
      expect(engine.has(2, 'solar'), name).toBe(true);
      expect(engine.has(2, 'batteri'), name).toBe(false);
    }
  });
});

describe('the match policy', () => {
  const field = (words: string[]): FieldTerms<string> => ({
    exact: (t) => (words.includes(t) ? t : undefined),
    startingWith: (t) => words.filter((w) => w !== t && w.startsWith(t)),
    withinEdits: (t, edits) =>
      words.filter((w) => w !== t && Math.abs(w.length - t.length) <= edits && w.slice(0, 2) === t.slice(0, 2)),
  });

  it('expands only the last word as a prefix, and looks for typos only when the word is missing', () => {
    const f = field(['cell', 'cellar', 'cello']);
    expect(matchTerm(f, { term: 'cell', prefix: true, edits: 0 })).toEqual([
      ['cell', EXACT],
      ['cellar', PREFIX],
      ['cello', PREFIX],
    ]);
    expect(matchTerm(f, { term: 'cell', prefix: false, edits: 1 })).toEqual([['cell', EXACT]]);
    expect(matchTerm(f, { term: 'cels', prefix: false, edits: 1 })).toEqual([
      ['cell', FUZZY],
      ['cello', FUZZY],
    ]);
    // No edits allowed (an exact search, an English word): a missing word matches nothing.
    expect(matchTerm(f, { term: 'cels', prefix: false, edits: 0 })).toEqual([]);
  });

  it('allows no typo under 4 letters, 1 from 4, 2 from 8', () => {
    expect([typoEdits('abc'), typoEdits('abcd'), typoEdits('abcdefg'), typoEdits('abcdefgh')]).toEqual([0, 1, 1, 2]);
  });
});
