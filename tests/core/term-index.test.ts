// The term-sharded keyword index: what a query finds and how it ranks, what it downloads, and how it fails.
import { describe, expect, it } from 'vitest';
import { keywordIndexOf } from '../../src/core/keyword.ts';
import { buildTermIndex, type TermIndexFiles } from '../../src/core/term-index/build.ts';
import { openTermIndex } from '../../src/core/term-index/open.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { DEFAULT_KEYWORD } from '../../src/core/settings.ts';
import { keywordSearch, requestsOf } from '../fixtures/keyword.ts';

const documents: DocumentInfo[] = [
  { id: 'energy.md', title: 'Home energy', tags: [] },
  { id: 'garden.md', title: 'Garden diary', tags: ['garden'] },
];
let n = 0;
const passage = (doc: number, text: string, headings: string[] = []): Passage => ({
  id: `p${n++}`,
  doc,
  headings,
  text,
  tags: [],
  body: [],
});

const passages = [
  /* 0 */ passage(0, 'each battery cell stores charge for the night', ['Storage']),
  /* 1 */ passage(0, 'cellular networks reach the valley', ['Networks']),
  /* 2 */ passage(0, 'the inverter turns solar power into household current', ['Compressor']),
  /* 3 */ passage(1, 'tomatoes need sun and water; the compressor of the fridge hums'),
  /* 4 */ passage(1, 'battery powered lights along the garden path', ['Lights']),
  /* 5 */ passage(1, 'compost heaps and worms'),
];

/** Opens the files with a loader that records every request. */
function open(files: TermIndexFiles, loader?: (i: number) => Promise<Uint8Array>) {
  const requests: number[] = [];
  const index = openTermIndex(files.dictionary, async (i) => {
    requests.push(i);
    return loader ? loader(i) : files.fragments[i];
  });
  return { index, requests };
}

async function search(
  text: string,
  extra: { prefix?: boolean; limit?: number; allowed?: (row: number) => boolean } = {},
  files = buildTermIndex(passages, documents),
) {
  return keywordSearch(open(files).index, text, extra);
}
/** The in-memory index of the same passages (keyword.ts: one fragment, nothing to download). */
const inMemory = (corpus: Passage[], text: string, typed: { prefix?: boolean } = {}) =>
  keywordSearch(keywordIndexOf(corpus, documents), text, typed);
const rows = (hits: { index: number }[]) => hits.map((h) => h.index);

describe('term index search', () => {
  it('finds whole terms and ranks exactly like the in-memory index', async () => {
    const hits = await search('battery charge');
    expect(rows(hits)).toEqual([0, 4]);
    expect(hits).toEqual(await inMemory(passages, 'battery charge'));
    // "cell" is a whole term: "cellular" does not match it.
    expect(rows(await search('cell'))).toEqual([0]);
  });

  it('expands the word being typed as a prefix, weighted below an exact match', async () => {
    expect(rows(await search('cel'))).toEqual([]);
    const hits = await search('cell', { prefix: true });
    expect(rows(hits)).toEqual([0, 1]);
    expect(hits[1].score).toBeLessThan(hits[0].score);
    // Only the last word is a prefix: "batt" as a first word matches nothing.
    expect(rows(await search('batt solar', { prefix: true }))).toEqual([2]);
  });

  it('tolerates a typo in a word the corpus lacks, at a lower weight', async () => {
    const typo = await search('batery');
    expect(rows(typo)).toEqual([0, 4]);
    const exact = await search('battery');
    expect(typo[0].score).toBeCloseTo(exact[0].score * DEFAULT_KEYWORD.fuzzyWeight, 12);
    // Short words get no typo tolerance.
    expect(await search('sum')).toEqual([]);
  });

  it('finds every word one typo away, whatever else the corpus holds', async () => {
    // A radix-tree walk (Orama's, the engine before this one) never reached "cart" from "dart" when "carbon"
    // shared its first edge ("car").
    const carts = [passage(0, 'a cart of carbon'), passage(1, 'the cart is red'), passage(1, 'carbon paper')];
    const alone = [passage(0, 'a cart of coal')];
    for (const corpus of [carts, alone]) {
      expect(await search('dart', {}, buildTermIndex(corpus, documents, { fragmentBytes: 1 }))).toEqual(
        await inMemory(corpus, 'dart'),
      );
    }
    expect(rows(await search('dart', {}, buildTermIndex(carts, documents))).sort()).toEqual([0, 1]);
    expect(rows(await search('dart', {}, buildTermIndex(alone, documents)))).toEqual([0]);
  });

  it('boosts heading and title matches by the settings', async () => {
    // "compressor" is a heading of passage 2 and body text of passage 3.
    const boosted = { ...DEFAULT_KEYWORD, headingBoost: 1.5 };
    expect(
      rows(await keywordSearch(open(buildTermIndex(passages, documents)).index, 'compressor', {}, boosted)),
    ).toEqual([2, 3]);
    // "garden" is the title of passages 3–5 and body text of passage 4.
    expect(rows(await search('garden'))[0]).toBe(4);
  });

  it('keeps only allowed passages and at most `limit` hits', async () => {
    expect(rows(await search('battery', { allowed: (row) => row !== 0 }))).toEqual([4]);
    expect(rows(await search('garden', { limit: 2 }))).toEqual([4, 3]);
    expect(await search('garden', { limit: 0 })).toEqual([]);
  });

  it('returns nothing for a query of stop words only, without downloading anything', async () => {
    const { index, requests } = open(buildTermIndex(passages, documents, { fragmentBytes: 1 }));
    const terms = requestsOf(index, 'the of and');
    await index.prepare(terms);
    expect(index.search({ terms, limit: 10 })).toEqual([]);
    expect(requests).toEqual([]);
  });
});

describe('idf and has', () => {
  it('gives rare terms a higher idf than common ones, equal to the in-memory index', () => {
    const { index } = open(buildTermIndex(passages, documents, { fragmentBytes: 1 }));
    const keyword = keywordIndexOf(passages, documents);
    expect(index.idf('compost')).toBeGreaterThan(index.idf('batteri'));
    expect(index.idf('absent')).toBeGreaterThan(index.idf('compost'));
    for (const term of ['compost', 'batteri', 'garden', 'absent']) expect(index.idf(term)).toBe(keyword.idf(term));
  });

  it('counts "constructor" like any other word (a plain object keyed by term would read Object.prototype.constructor)', async () => {
    const corpus = [
      passage(0, 'the constructor builds'),
      passage(0, 'the inspector builds'),
      passage(0, 'nothing here'),
    ];
    const { index } = open(buildTermIndex(corpus, documents));
    expect(index.idf('constructor')).toBe(index.idf('inspector'));
    const [hit] = await keywordSearch(index, 'constructor');
    const [inspector] = await keywordSearch(index, 'inspector');
    expect(hit).toEqual({ index: 0, score: inspector.score });
  });

  it('tells whether a passage holds a term in its text, headings or title', async () => {
    const { index } = open(buildTermIndex(passages, documents, { fragmentBytes: 1 }));
    await index.prepare(requestsOf(index, 'cell light garden absent'));
    expect(index.has(0, 'cell')).toBe(true);
    expect(index.has(1, 'cell')).toBe(false);
    expect(index.has(4, 'light')).toBe(true); // heading "Lights" and text "lights"
    expect(index.has(5, 'garden')).toBe(true); // title only
    expect(index.has(0, 'garden')).toBe(false);
    expect(index.has(0, 'absent')).toBe(false);
    expect(() => index.has(0, 'compost')).toThrow(/fragment \d+ .*not loaded.*prepare/);
  });
});

describe('fragments', () => {
  const files = buildTermIndex(passages, documents, { fragmentBytes: 1 });

  it('splits the terms over several fragments and downloads only those a query needs, once', async () => {
    expect(files.fragments.length).toBeGreaterThan(10);
    const { index, requests } = open(files);
    const battery = requestsOf(index, 'battery');
    await Promise.all([index.prepare(battery), index.prepare(battery)]);
    expect(requests).toHaveLength(1);
    const both = requestsOf(index, 'battery compost');
    await index.prepare(both);
    expect(requests).toHaveLength(2);
    expect(index.loadedFragments).toBe(2);
    expect(index.search({ terms: both, limit: 10 })).toEqual(await inMemory(passages, 'battery compost'));
    // A prefix query needs the whole prefix range: "cell" and "cellular" here, nothing else.
    await index.prepare(requestsOf(index, 'cel', { prefix: true }));
    expect(requests).toHaveLength(4);
    expect(new Set(requests).size).toBe(requests.length);
  });

  it('loads every fragment at once for in-memory search', async () => {
    const { index, requests } = open(files);
    await index.prepare(requestsOf(index, 'battery'));
    await index.loadAll();
    expect(requests.sort((a, b) => a - b)).toEqual(files.fragments.map((_, i) => i));
    expect(index.loadedFragments).toBe(files.fragments.length);
    const terms = requestsOf(index, 'cel solar', { prefix: true });
    expect(index.search({ terms, limit: 10 })).toEqual(await inMemory(passages, 'cel solar', { prefix: true }));
  });

  it('refuses to search before the query is prepared, naming the missing fragment', async () => {
    const { index } = open(files);
    const battery = requestsOf(index, 'battery');
    expect(() => index.search({ terms: battery, limit: 10 })).toThrow(/fragment \d+ \(term "batteri"\) is not loaded/);
    await index.prepare(battery);
    expect(() => index.search({ terms: requestsOf(index, 'battery solar'), limit: 10 })).toThrow(
      /fragment \d+ \(term "solar"\)/,
    );
  });

  it('explains a file that is not a fragment, a truncated one and one from another build', async () => {
    const garbage = open(files, async () => new TextEncoder().encode('<!doctype html><p>not found</p>')).index;
    await expect(garbage.prepare(requestsOf(garbage, 'battery'))).rejects.toThrow(
      /^fragment \d+ is not a Lantern term-index fragment$/,
    );
    const truncated = open(files, async (i) => files.fragments[i].slice(0, -1)).index;
    await expect(truncated.prepare(requestsOf(truncated, 'battery'))).rejects.toThrow(
      /fragment \d+ is truncated or corrupt/,
    );
    const other = buildTermIndex(passages.slice(1), documents, { fragmentBytes: 1 });
    const mixed = open(files, async (i) => other.fragments[i]).index;
    await expect(mixed.prepare(requestsOf(mixed, 'battery'))).rejects.toThrow(/another build/);
  });

  it('retries a fragment whose download failed', async () => {
    let fail = true;
    const { index } = open(files, async (i) => {
      if (fail) throw new Error('offline');
      return files.fragments[i];
    });
    const battery = requestsOf(index, 'battery');
    await expect(index.prepare(battery)).rejects.toThrow('offline');
    fail = false;
    await index.prepare(battery);
    expect(rows(index.search({ terms: battery, limit: 10 }))).toEqual([0, 4]);
  });
});

describe('dictionary', () => {
  it('survives JSON and opens an empty corpus', async () => {
    const files = buildTermIndex(passages, documents, { fragmentBytes: 8 });
    const { index } = open({ dictionary: JSON.parse(JSON.stringify(files.dictionary)), fragments: files.fragments });
    expect(await keywordSearch(index, 'solar compressor')).toEqual(await inMemory(passages, 'solar compressor'));

    const empty = open(buildTermIndex([], documents)).index;
    expect(await keywordSearch(empty, 'battery', { prefix: true })).toEqual([]);
    expect(empty.idf('battery')).toBeGreaterThan(0);
  });

  it('refuses a dictionary of another format version', () => {
    const { dictionary } = buildTermIndex(passages, documents);
    expect(() => openTermIndex({ ...dictionary, version: 99 }, async () => new Uint8Array())).toThrow(/version 99/);
  });
});
