// The term index ranks exactly like the Orama keyword index (keyword.ts) on random corpora and queries, in one
// fragment or many, and on the seed corpus.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terms } from '../../src/core/analysis.ts';
import { createKeywordIndex, type KeywordHit } from '../../src/core/keyword.ts';
import { buildTermIndex } from '../../src/indexer/write-terms.ts';
import { openTermIndex } from '../../src/core/term-index/open.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import type { KeywordSettings } from '../../src/core/settings.ts';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/**
 * Same hits in the same order with the same scores (1e-9 relative). Prefix expansions are summed in term order
 * here and in radix-tree order by Orama, so scores may differ in the last bits; passages whose scores are
 * equal up to that rounding are therefore compared as a set, and a tied run cut off by the limit is not compared.
 */
function expectSameRanking(actual: KeywordHit[], expected: KeywordHit[], limit: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((hit, i) =>
    expect(close(hit.score, expected[i].score), `score ${i}: ${hit.score} vs ${expected[i].score}`).toBe(true),
  );
  for (let start = 0; start < expected.length; ) {
    let end = start + 1;
    while (end < expected.length && close(expected[end].score, expected[start].score)) end++;
    if (end < expected.length || expected.length < limit || end - start === 1) {
      const rows = (hits: KeywordHit[]) =>
        hits
          .slice(start, end)
          .map((h) => h.index)
          .sort((a, b) => a - b);
      expect(rows(actual)).toEqual(rows(expected));
    }
    start = end;
  }
}

// Stemmed forms matter: "cells" and "cell" are one term, "cellular" another; "2020" is an integer-like key in Orama.
const VOCABULARY = [
  'cell',
  'cells',
  'cellular',
  'battery',
  'batteries',
  'charge',
  'charging',
  'charter',
  'solar',
  'panel',
  'panels',
  'model',
  'modem',
  'modest',
  'data',
  'date',
  'dates',
  'garden',
  'gardener',
  'regression',
  'regressions',
  'progression',
  '2020',
  '42',
  'a7',
  'the',
  'of',
  'and',
];

const word = fc.constantFrom(...VOCABULARY);
const text = (max: number) => fc.array(word, { maxLength: max }).map((w) => w.join(' '));

const corpus = fc
  .record({
    titles: fc.array(text(3), { minLength: 1, maxLength: 4 }),
    passages: fc.array(fc.record({ doc: fc.nat(), text: text(12), headings: fc.array(text(3), { maxLength: 2 }) }), {
      maxLength: 14,
    }),
  })
  .map(({ titles, passages }) => {
    const documents: DocumentInfo[] = titles.map((title, i) => ({ id: `d${i}.md`, title, tags: [] }));
    const rows: Passage[] = passages.map((p, i) => ({
      id: `p${i}`,
      doc: p.doc % titles.length,
      text: p.text,
      headings: p.headings,
      tags: [],
      body: [],
    }));
    return { documents, passages: rows };
  });

/** A word as typed: whole, cut short (prefix), or with one or two typos. */
const typed = fc.oneof(
  word,
  fc.tuple(word, fc.nat()).map(([w, n]) => w.slice(0, 1 + (n % w.length))),
  fc
    .tuple(
      word,
      fc.array(fc.tuple(fc.constantFrom('del', 'ins', 'sub'), fc.nat(), fc.constantFrom('a', 'e', 'l', 'r', 's')), {
        minLength: 1,
        maxLength: 2,
      }),
    )
    .map(([w, edits]) =>
      edits.reduce((s, [op, at, ch]) => {
        const i = at % (s.length + 1);
        return op === 'del'
          ? s.slice(0, i) + s.slice(i + 1)
          : op === 'ins'
            ? s.slice(0, i) + ch + s.slice(i)
            : s.slice(0, i) + ch + s.slice(i + 1);
      }, w),
    ),
);
const query = fc
  .record({ words: fc.array(typed, { minLength: 1, maxLength: 4 }), prefix: fc.boolean() })
  .map(({ words, prefix }) => ({
    text: words.join(' '),
    prefix,
    // In this vocabulary a whole word matches at most one other word per field (one prefix or one typo expansion),
    // so nothing is summed in a different order than Orama's: the scores must be bit-identical.
    bitIdentical: words.every((w) => VOCABULARY.includes(w)),
  }));

const weight = fc.double({ min: 0.05, max: 3, noNaN: true });
const settings: fc.Arbitrary<KeywordSettings> = fc.record({
  k1: fc.double({ min: 0.05, max: 3, noNaN: true }),
  b: fc.double({ min: 0, max: 1, noNaN: true }),
  headingBoost: weight,
  titleBoost: weight,
  fuzzyWeight: fc.double({ min: 0.05, max: 1, noNaN: true }),
  prefixWeight: fc.double({ min: 0.05, max: 1, noNaN: true }),
});

describe('term index equals the Orama keyword index', () => {
  it('on random corpora, queries, settings, filters and fragment sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        corpus,
        fc.array(query, { minLength: 1, maxLength: 6 }),
        fc.option(settings, { nil: undefined }),
        fc.constantFrom(1, 24, 200, 65536),
        fc.nat({ max: 12 }),
        fc.option(fc.nat(), { nil: undefined }),
        async ({ documents, passages }, queries, keywordSettings, fragmentBytes, limit, docFilter) => {
          const keyword = createKeywordIndex(passages, documents);
          const files = buildTermIndex(passages, documents, { fragmentBytes });
          const index = openTermIndex(JSON.parse(JSON.stringify(files.dictionary)), async (i) => files.fragments[i]);
          for (const { bitIdentical, ...q } of queries) {
            await index.prepare(q);
            for (const k of [1000, limit]) {
              const actual = index.search({ ...q, limit: k }, keywordSettings);
              const expected = keyword.search({ ...q, limit: k }, keywordSettings);
              if (bitIdentical) expect(actual).toEqual(expected);
              else expectSameRanking(actual, expected, k);
            }
            if (docFilter !== undefined) {
              const doc = documents[docFilter % documents.length].id;
              const allowed = (row: number) => documents[passages[row].doc].id === doc;
              expectSameRanking(
                index.search({ ...q, limit: 1000, allowed }, keywordSettings),
                keyword.search({ ...q, limit: 1000, filters: { docs: [doc] } }, keywordSettings),
                1000,
              );
            }
          }
          for (const term of ['cell', 'batteri', 'garden', '2020', 'absent'])
            expect(index.idf(term)).toBe(keyword.idf(term));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has() agrees with the analysed fields of every passage', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, async ({ documents, passages }) => {
        const files = buildTermIndex(passages, documents, { fragmentBytes: 16 });
        const index = openTermIndex(files.dictionary, async (i) => files.fragments[i]);
        const all = VOCABULARY.join(' ');
        await index.prepare({ text: all });
        passages.forEach((p, row) => {
          const present = new Set(terms([p.text, ...p.headings, documents[p.doc].title].join(' ')));
          for (const term of new Set(terms(all))) expect(index.has(row, term)).toBe(present.has(term));
        });
      }),
      { numRuns: 100 },
    );
  });
});

// Words that are keys of Object.prototype (an engine keying a plain object by term would read or overwrite those)
// beside random unicode: both engines must find them like any word, and agree.
const PROTOTYPE_WORDS = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  'proto',
];
const codePoint = fc.integer({ min: 0x20, max: 0x2fff }).map((cp) => String.fromCodePoint(cp));
const unicodeWord = fc.string({ unit: codePoint, minLength: 1, maxLength: 8 });
const hostileWord = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_WORDS) },
  { weight: 1, arbitrary: unicodeWord },
);
const hostileText = (max: number) => fc.array(hostileWord, { maxLength: max }).map((w) => w.join(' '));
const hostileCorpus = fc
  .record({
    docs: fc.array(
      fc.record({ id: hostileWord, title: hostileText(3), tags: fc.array(hostileWord, { maxLength: 2 }) }),
      { minLength: 1, maxLength: 4 },
    ),
    passages: fc.array(
      fc.record({
        doc: fc.nat(),
        text: hostileText(10),
        headings: fc.array(hostileText(2), { maxLength: 2 }),
        tags: fc.array(hostileWord, { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 10 },
    ),
  })
  .map(({ docs, passages }) => {
    const documents: DocumentInfo[] = docs.map((d, i) => ({ id: `${d.id}${i}.md`, title: d.title, tags: d.tags }));
    const rows: Passage[] = passages.map((p, i) => ({
      id: `p${i}`,
      doc: p.doc % docs.length,
      text: p.text,
      headings: p.headings,
      tags: p.tags,
      body: [],
    }));
    return { documents, passages: rows };
  });

describe('words that are Object.prototype keys, and random unicode', () => {
  it('are found by both engines in every passage that holds them, with the same ranking, idf and has()', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileCorpus,
        fc.array(hostileText(3), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async ({ documents, passages }, queries, prefix) => {
          const keyword = createKeywordIndex(passages, documents);
          const files = buildTermIndex(passages, documents, { fragmentBytes: 64 });
          const index = openTermIndex(JSON.parse(JSON.stringify(files.dictionary)), async (i) => files.fragments[i]);
          const fields = passages.map((p) => new Set(terms([p.text, ...p.headings, documents[p.doc].title].join(' '))));
          for (const text of [...queries, ...PROTOTYPE_WORDS]) {
            await index.prepare({ text, prefix });
            const expected = keyword.search({ text, prefix, limit: 1000 });
            expectSameRanking(index.search({ text, prefix, limit: 1000 }), expected, 1000);
            for (const hit of expected) expect(Number.isFinite(hit.score) && hit.score > 0).toBe(true);
            const found = new Set(expected.map((h) => h.index));
            for (const term of new Set(terms(text))) {
              expect(index.idf(term)).toBe(keyword.idf(term));
              expect(Number.isFinite(keyword.idf(term))).toBe(true);
              fields.forEach((present, row) => {
                expect(index.has(row, term)).toBe(present.has(term));
                expect(keyword.has(row, term)).toBe(present.has(term));
                if (present.has(term)) expect(found.has(row), `${term} in passage ${row}`).toBe(true);
              });
            }
            // Filters by a document or a tag named like a prototype key keep exactly the rows that have it.
            const doc = documents[0].id;
            const docHits = keyword.search({ text, prefix, limit: 1000, filters: { docs: [doc] } });
            for (const hit of docHits) expect(documents[passages[hit.index].doc].id).toBe(doc);
            const tag = passages[0].tags[0];
            if (tag !== undefined) {
              const tagHits = keyword.search({ text, prefix, limit: 1000, filters: { tags: [tag] } });
              for (const hit of tagHits) expect(passages[hit.index].tags).toContain(tag);
              expect(tagHits.length).toBe(expected.filter((h) => passages[h.index].tags.includes(tag)).length);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('seed corpus', () => {
  it('ranks the quality questions exactly like the Orama keyword index (k = 100)', async () => {
    const dir = await ensureSeedIndex();
    const { documents, passages } = JSON.parse(readFileSync(path.join(dir, 'passages.json'), 'utf8')) as {
      documents: DocumentInfo[];
      passages: Passage[];
    };
    const questions = readFileSync(path.resolve(import.meta.dirname, '../quality/questions.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text);
    expect(questions.length).toBeGreaterThan(10);

    const started = performance.now();
    const files = buildTermIndex(passages, documents, { fragmentBytes: 4096 });
    const buildMs = performance.now() - started;
    const keyword = createKeywordIndex(passages, documents);
    const loads: number[] = [];
    const index = openTermIndex(files.dictionary, async (i) => {
      loads.push(i);
      return files.fragments[i];
    });
    let compared = 0;
    for (const question of questions) {
      // As typed (prefix on the last word), the finished question, and the question cut mid-word.
      const cut = question.slice(0, Math.ceil(question.length * 0.6));
      for (const q of [{ text: question }, { text: question, prefix: true }, { text: cut, prefix: true }]) {
        await index.prepare(q);
        const expected = keyword.search({ ...q, limit: 100 });
        expectSameRanking(index.search({ ...q, limit: 100 }), expected, 100);
        compared += expected.length ? 1 : 0;
      }
    }
    expect(compared).toBeGreaterThan(questions.length);

    const dictionaryBytes = new TextEncoder().encode(JSON.stringify(files.dictionary)).length;
    const fragmentBytes = files.fragments.reduce((sum, f) => sum + f.length, 0);
    const wholeIndex = buildTermIndex(passages, documents); // default 64 KB fragments
    console.log(
      `term index of the seed corpus (${passages.length} passages): dictionary ${dictionaryBytes} B JSON ` +
        `(terms ${files.dictionary.terms.length} B, stats ${files.dictionary.stats.length} B), ` +
        `fragments ${fragmentBytes} B in ${files.fragments.length} of ≤4 KB (${wholeIndex.fragments.length} of 64 KB: ` +
        `${wholeIndex.fragments.reduce((sum, f) => sum + f.length, 0)} B); passages.json ${readFileSync(path.join(dir, 'passages.json')).length} B; ` +
        `built in ${buildMs.toFixed(0)} ms; ${questions.length * 3} queries loaded ${new Set(loads).size} fragments`,
    );
  });
});
