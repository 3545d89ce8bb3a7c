// The keyword rules (src/core/keyword-rules/) as users meet them through both engines, with scores worked out
// here by hand from BM25's formula: Orama's index component (keyword.ts) is driven by argument position and by
// Orama's own radix tree, insertion ids and sorting, so an Orama update that changes any of them (and with it the
// ranking) fails this test instead of silently changing results.
import { describe, expect, it } from 'vitest';
import { createKeywordIndex, type KeywordIndex } from '../../src/core/keyword.ts';
import { buildTermIndex } from '../../src/indexer/write-terms.ts';
import { openTermIndex } from '../../src/core/term-index/open.ts';
import { matchTerm, typoEdits, EXACT, PREFIX, FUZZY, type FieldTerms } from '../../src/core/keyword-rules/match.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { DEFAULT_KEYWORD } from '../../src/core/settings.ts';

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

const { k1, b, headingBoost, prefixWeight, fuzzyWeight } = DEFAULT_KEYWORD;
/** BM25 with Orama's arithmetic, written out. */
const score = (tf: number, df: number, length: number, average: number) =>
  (Math.log(1 + (3 - df + 0.5) / (df + 0.5)) * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * length) / average));
const TEXT_AVERAGE = (3 + 2 + 2) / 3;
const HEADINGS_AVERAGE = (0 + 1 + 1) / 3;

async function engines(): Promise<[string, KeywordIndex][]> {
  const files = buildTermIndex(passages, documents, { fragmentBytes: 16 });
  const sharded = openTermIndex(files.dictionary, async (i) => files.fragments[i]);
  await sharded.loadAll();
  return [
    ['Orama (keyword.ts)', createKeywordIndex(passages, documents)],
    ['term index', sharded],
  ];
}

describe('keyword scores, worked out by hand', () => {
  it('a whole word: BM25 per field, headings boosted, ties in row order', async () => {
    const expected = [
      { index: 0, score: score(2, 2, 3, TEXT_AVERAGE) },
      { index: 2, score: score(1, 1, 1, HEADINGS_AVERAGE) * headingBoost },
      { index: 1, score: score(1, 2, 2, TEXT_AVERAGE) },
    ].sort((x, y) => y.score - x.score);
    for (const [name, engine] of await engines())
      expect(engine.search({ text: 'solar', limit: 10 }), name).toEqual(expected);
  });

  it('the word being typed matches as a prefix, weighted; a misspelt word by its typos, weighted', async () => {
    for (const [name, engine] of await engines()) {
      expect(engine.search({ text: 'batt', prefix: true, limit: 10 }), name).toEqual([
        { index: 1, score: score(1, 1, 2, TEXT_AVERAGE) * prefixWeight },
      ]);
      // "batt" whole is no word of the corpus and too short for typos.
      expect(engine.search({ text: 'batt', limit: 10 }), name).toEqual([]);
      expect(engine.search({ text: 'tomatp', limit: 10 }), name).toEqual([
        { index: 2, score: score(1, 1, 2, TEXT_AVERAGE) * fuzzyWeight },
      ]);
      expect(engine.idf('solar'), name).toBe(Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5)));
      expect(engine.has(2, 'solar'), name).toBe(true);
      expect(engine.has(2, 'batteri'), name).toBe(false);
    }
  });

  it('filters by document and tag in Orama keep only those passages', async () => {
    const orama = createKeywordIndex(passages, documents);
    expect(orama.search({ text: 'solar', limit: 10, filters: { docs: ['garden.md'] } }).map((h) => h.index)).toEqual([
      2,
    ]);
    expect(orama.search({ text: 'solar', limit: 10, filters: { tags: ['outdoor'] } }).map((h) => h.index)).toEqual([2]);
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
    expect(matchTerm(f, 'cell', 1, 2, true)).toEqual([
      ['cell', EXACT],
      ['cellar', PREFIX],
      ['cello', PREFIX],
    ]);
    expect(matchTerm(f, 'cell', 0, 2, true)).toEqual([['cell', EXACT]]);
    expect(matchTerm(f, 'cels', 0, 1, false)).toEqual([
      ['cell', FUZZY],
      ['cello', FUZZY],
    ]);
    expect(matchTerm(f, 'cell', 0, 1, false)).toEqual([['cell', EXACT]]);
  });

  it('allows no typo under 4 letters, 1 from 4, 2 from 8', () => {
    expect([typoEdits('abc'), typoEdits('abcd'), typoEdits('abcdefg'), typoEdits('abcdefgh')]).toEqual([0, 1, 1, 2]);
  });
});
