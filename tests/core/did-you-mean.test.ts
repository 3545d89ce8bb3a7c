// "Did you mean": the words typo tolerance replaced, the query as searched, an exact search, and the corrected
// words marked, on the seed index (data/); the corrections parsing finds, alike in memory and in fragments.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SearchIndex } from '../../src/core/search.ts';
import { keywordIndexOf } from '../../src/core/keyword.ts';
import { buildTermIndex } from '../../src/core/term-index/build.ts';
import { openTermIndex } from '../../src/core/term-index/open.ts';
import { corrected, parseQuery } from '../../src/core/query/parse.ts';
import { readCorpus } from '../../src/indexer/ingest.ts';
import { termOf, terms } from '../../src/core/analysis.ts';
import { correctedQuery, describeCorrections, spellings } from '../../src/core/corrections.ts';
import type { SearchResult } from '../../src/core/types.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import { DATA } from '../fixtures/helpers.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';
import { keywordSearch } from '../fixtures/keyword.ts';

const marked = (r: SearchResult) => r.snippet.highlights.map((h) => r.snippet.text.slice(h.start, h.end).toLowerCase());

describe('corrections on the seed index', () => {
  let index: SearchIndex;
  beforeAll(async () => {
    const dir = await ensureSeedIndex();
    const read = async (f: string) => readFile(path.join(dir, f));
    index = new SearchIndex({
      manifest: JSON.parse(String(await read('manifest.json'))),
      passages: JSON.parse(String(await read('passages.json'))),
    });
  }, 600_000);

  it('says which words it searched instead, and marks them in the snippets', async () => {
    const response = await index.search('logistc regresion', { mode: 'keyword', k: 5 });
    expect(response.corrections.map((c) => [c.typed, c.shown])).toEqual([
      ['logistc', 'logistic'],
      ['regresion', 'regression'],
    ]);
    expect(response.searched).toBe('logistic regression');
    const top = response.results[0];
    expect(top.text.toLowerCase()).toContain('logistic regression');
    expect(marked(top)).toEqual(expect.arrayContaining(['logistic', 'regression']));
    // The answer sentence is the one naming it.
    expect(top.text.slice(top.answer!.start, top.answer!.end).toLowerCase()).toContain('logistic regression');
  });

  it('searches the words exactly as typed when asked: no typo tolerance, nothing corrected', async () => {
    const response = await index.search('logistc regresion', { mode: 'keyword', k: 5, exact: true });
    expect(response.corrections).toEqual([]);
    expect(response.searched).toBe('logistc regresion');
    expect(response.results).toEqual([]);
  });

  it('corrects nothing in a query spelled as the documents spell it', async () => {
    const response = await index.search('logistic regression', { mode: 'keyword', k: 5 });
    expect(response.corrections).toEqual([]);
    expect(response.searched).toBe('logistic regression');
    expect(response.results.length).toBeGreaterThan(0);
  });

  it('offers the correction even when nothing is shown, spelled from a passage that holds the word', async () => {
    // Semantic mode without a query vector shows nothing; the correction still reads as words.
    const response = await index.search('Amgem', { mode: 'semantic', k: 5 });
    expect(response.results).toEqual([]);
    expect(response.corrections.map((c) => [c.typed, c.shown])).toEqual([['Amgem', 'amgen']]);
    expect(response.searched).toBe('Amgen');
  });

  it('marks the corrected words and the answer sentence in an opened passage', async () => {
    const top = (await index.search('logistc regresion', { mode: 'keyword', k: 1 })).results[0];
    const marks = await index.passageMarks(top.id, 'logistc regresion');
    expect(marks.terms).toEqual(expect.arrayContaining(['logist', 'regress']));
    expect(marks.answer?.toLowerCase()).toContain('logistic regression');
    const exact = await index.passageMarks(top.id, 'logistc regresion', { exact: true });
    expect(exact.answer).toBeNull();
  });
});

describe('corrections found by parsing', () => {
  it('are the same in memory and in fragments, none for the word still being typed, none for an exact search', async () => {
    const corpus = await readCorpus(DATA, DEFAULT_CHUNKING);
    const memory = keywordIndexOf(corpus.passages, corpus.documents);
    const files = buildTermIndex(corpus.passages, corpus.documents, { fragmentBytes: 2048 });
    const fragmented = openTermIndex(files.dictionary, async (i) => files.fragments[i]);
    const found = (lexicon: typeof memory, text: string, options: { prefix?: boolean; exact?: boolean } = {}) =>
      corrected(parseQuery(text, options, lexicon)).map((t) => ({ term: t.term, typos: t.typos }));
    for (const text of ['logistc regresion', 'amgem digitl persona', 'xgbost pipline']) {
      const corrections = found(memory, text);
      expect(corrections.length, text).toBeGreaterThan(0);
      expect(found(fragmented, text)).toEqual(corrections);
      const last = terms(text).at(-1);
      expect(found(memory, text, { prefix: true })).toEqual(corrections.filter((c) => c.term !== last));
      expect(found(memory, text, { exact: true })).toEqual([]);
      // Exact: both search the words as typed, alike.
      expect(await keywordSearch(fragmented, text, { exact: true, limit: 5 })).toEqual(
        await keywordSearch(memory, text, { exact: true, limit: 5 }),
      );
    }
    expect(await keywordSearch(memory, 'xgbost', { exact: true, limit: 5 })).toEqual([]);
    expect((await keywordSearch(memory, 'xgbost', { limit: 5 })).length).toBeGreaterThan(0);
  });
});

describe('the corrected query', () => {
  it('replaces each corrected word, keeping the rest and a leading capital', () => {
    const corrections = describeCorrections(
      'Logistc regresion in R',
      [{ term: 'logistc', matches: ['logist'] }],
      new Map([['logist', ['logistic']]]),
    );
    expect(corrections).toEqual([{ typed: 'Logistc', shown: 'logistic', terms: ['logist'] }]);
    expect(correctedQuery('Logistc regresion in R', corrections)).toBe('Logistic regresion in R');
  });

  it('reads each correction as the spelling closest to the word typed, whatever form the passages use first', () => {
    const texts = [
      'The operation of the ? operator',
      'Closures capture; a closure runs when called',
      'unsafe and safe',
    ];
    const query = 'question mark opeuator, my clossure, usafe rust';
    const [opeuator, clossure, usafe] = ['opeuator', 'clossure', 'usafe'].map((w) => termOf(w)!);
    const found = [
      { term: opeuator, matches: [termOf('operator')!] },
      { term: clossure, matches: [termOf('closure')!] },
      { term: usafe, matches: [termOf('safe')!, termOf('unsafe')!] },
    ];
    const spelled = spellings(texts, new Set(found.flatMap((f) => f.matches)));
    const shown = describeCorrections(query, found, spelled);
    // One edit from both "safe" and "unsafe": the earlier match.
    expect(shown.map((c) => c.shown)).toEqual(['operator', 'closure', 'safe']);
    expect(correctedQuery(query, shown)).toBe('question mark operator, my closure, safe rust');
  });
});
