// One keyword engine, two ways to hold it: the in-memory index of a single-file index (keyword.ts, one fragment)
// and the same term index cut into many small fragments loaded per query (a sharded index) find the same rows
// with the same scores in the same order (ties included) on random corpora, queries, settings, filters and
// limits, on hostile words, and on the seed corpus.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { terms } from '../../src/core/analysis.ts';
import { keywordIndexOf } from '../../src/core/keyword.ts';
import { buildTermIndex } from '../../src/core/term-index/build.ts';
import { openTermIndex, type TermIndex } from '../../src/core/term-index/open.ts';
import { SearchIndex } from '../../src/core/search.ts';
import { INDEX_FORMAT } from '../../src/core/index-format/manifest.ts';
import { DEFAULT_SEARCH, type KeywordSettings } from '../../src/core/settings.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import { requestsOf, type Typed } from '../fixtures/keyword.ts';

/** The term index of the passages cut into fragments of about `fragmentBytes`, each loaded on demand (and counted). */
function fragmented(passages: Passage[], documents: DocumentInfo[], fragmentBytes = 16) {
  const files = buildTermIndex(passages, documents, { fragmentBytes });
  const loads: number[] = [];
  // Through JSON, as a sharded index's dictionary arrives.
  const index: TermIndex = openTermIndex(JSON.parse(JSON.stringify(files.dictionary)), async (i) => {
    loads.push(i);
    return files.fragments[i];
  });
  return { index, files, loads };
}

// Stemmed forms matter: "cells" and "cell" are one term, "cellular" another; "2020" would be an integer-like key of a plain object.
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
const query: fc.Arbitrary<Typed & { text: string }> = fc.record({
  text: fc.array(typed, { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')),
  prefix: fc.boolean(),
  exact: fc.boolean(),
});

const weight = fc.double({ min: 0.05, max: 3, noNaN: true });
const settings: fc.Arbitrary<KeywordSettings> = fc.record({
  k1: fc.double({ min: 0.05, max: 3, noNaN: true }),
  b: fc.double({ min: 0, max: 1, noNaN: true }),
  headingBoost: weight,
  titleBoost: weight,
  fuzzyWeight: fc.double({ min: 0.05, max: 1, noNaN: true }),
  prefixWeight: fc.double({ min: 0.05, max: 1, noNaN: true }),
  formWeight: fc.double({ min: 0.05, max: 1, noNaN: true }),
});

describe('the in-memory index and the same term index in many fragments', () => {
  it('rank identically on random corpora, queries, settings, filters and limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        corpus,
        fc.array(query, { minLength: 1, maxLength: 6 }),
        fc.option(settings, { nil: undefined }),
        fc.constantFrom(1, 16, 200),
        fc.nat({ max: 12 }),
        fc.option(fc.nat(), { nil: undefined }),
        async ({ documents, passages }, queries, keywordSettings, fragmentBytes, limit, docFilter) => {
          const memory = keywordIndexOf(passages, documents);
          const { index } = fragmented(passages, documents, fragmentBytes);
          for (const { text, ...typed } of queries) {
            // Each index is its own lexicon: the dictionary alone answers idf, known terms and typo matches.
            const terms = requestsOf(index, text, typed);
            expect(terms).toEqual(requestsOf(memory, text, typed));
            await index.prepare(terms);
            for (const k of [1000, limit]) {
              const expected = memory.search({ terms, limit: k }, keywordSettings);
              expect(index.search({ terms, limit: k }, keywordSettings), `${text} (limit ${k})`).toEqual(expected);
              expect(expected.length).toBeLessThanOrEqual(k);
            }
            if (docFilter !== undefined) {
              const doc = docFilter % documents.length;
              const allowed = (row: number) => passages[row].doc === doc;
              const expected = memory.search({ terms, limit: 1000, allowed }, keywordSettings);
              expect(index.search({ terms, limit: 1000, allowed }, keywordSettings)).toEqual(expected);
              for (const hit of expected) expect(passages[hit.index].doc).toBe(doc);
            }
          }
          for (const term of ['cell', 'batteri', 'garden', '2020', 'absent']) {
            expect(index.idf(term)).toBe(memory.idf(term));
            expect(index.knows(term)).toBe(memory.knows(term));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('has() agrees with the analysed fields of every passage', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, async ({ documents, passages }) => {
        const { index } = fragmented(passages, documents);
        const all = VOCABULARY.join(' ');
        await index.prepare(requestsOf(index, all));
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

/** A single-file index of the passages, without vectors (keyword search only). */
function searchIndexOf(documents: DocumentInfo[], passages: Passage[]): SearchIndex {
  return new SearchIndex({
    manifest: {
      format: INDEX_FORMAT,
      builtAt: '2024-01-01T00:00:00.000Z',
      version: 'test',
      model: { name: 'test-model', path: 'model', dim: 4, files: {}, queryPrefix: '', passagePrefix: '' },
      counts: { documents: documents.length, passages: passages.length },
      files: { passages: 'passages.json', vectors: 'vectors.bin' },
      sizes: {},
      chunking: { maxWords: 160, minWords: 24 },
      search: DEFAULT_SEARCH,
      baseUrl: 'https://notes.test/',
    },
    passages: { documents, passages },
  });
}

describe('words that are Object.prototype keys, and random unicode', () => {
  it('are found in every passage that holds them, ranked alike by both holdings, with the same idf and has()', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileCorpus,
        fc.array(hostileText(3), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async ({ documents, passages }, queries, prefix) => {
          const memory = keywordIndexOf(passages, documents);
          const { index } = fragmented(passages, documents);
          const fields = passages.map((p) => new Set(terms([p.text, ...p.headings, documents[p.doc].title].join(' '))));
          for (const text of [...queries, ...PROTOTYPE_WORDS]) {
            const requests = requestsOf(index, text, { prefix });
            expect(requests).toEqual(requestsOf(memory, text, { prefix }));
            await index.prepare(requests);
            const expected = memory.search({ terms: requests, limit: 1000 });
            expect(index.search({ terms: requests, limit: 1000 })).toEqual(expected);
            for (const hit of expected) expect(Number.isFinite(hit.score) && hit.score > 0).toBe(true);
            const found = new Set(expected.map((h) => h.index));
            for (const term of new Set(terms(text))) {
              expect(index.idf(term)).toBe(memory.idf(term));
              expect(Number.isFinite(memory.idf(term))).toBe(true);
              fields.forEach((present, row) => {
                expect(index.has(row, term)).toBe(present.has(term));
                expect(memory.has(row, term)).toBe(present.has(term));
                if (present.has(term)) expect(found.has(row), `${term} in passage ${row}`).toBe(true);
              });
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('filter by a document or a tag named like a prototype key to exactly the passages that have it', async () => {
    await fc.assert(
      fc.asyncProperty(hostileCorpus, fc.boolean(), async ({ documents, passages }, prefix) => {
        const search = searchIndexOf(documents, passages);
        for (const text of PROTOTYPE_WORDS) {
          const all = (await search.search(text, { mode: 'keyword', k: 1000, prefix })).results;
          const doc = documents[0].id;
          const inDoc = (await search.search(text, { mode: 'keyword', k: 1000, prefix, filters: { docs: [doc] } }))
            .results;
          expect(inDoc.map((r) => r.id)).toEqual(all.filter((r) => r.doc === doc).map((r) => r.id));
          const tag = passages[0].tags[0];
          if (tag === undefined) continue;
          const tagged = (await search.search(text, { mode: 'keyword', k: 1000, prefix, filters: { tags: [tag] } }))
            .results;
          expect(tagged.map((r) => r.id)).toEqual(all.filter((r) => r.tags.includes(tag)).map((r) => r.id));
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('seed corpus', () => {
  let dir: string;
  // The first run builds the seed index (minutes): in a hook, under the hook timeout.
  beforeAll(async () => {
    dir = await ensureSeedIndex();
  });

  it('ranks the quality questions identically in memory and in fragments of 512 bytes (k = 100)', async () => {
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
    const { index, files, loads } = fragmented(passages, documents, 512);
    const buildMs = performance.now() - started;
    const memory = keywordIndexOf(passages, documents);
    let compared = 0;
    for (const question of questions) {
      // As typed (prefix on the last word), the finished question, and the question cut mid-word.
      const cut = question.slice(0, Math.ceil(question.length * 0.6));
      for (const [text, typed] of [
        [question, {}],
        [question, { prefix: true }],
        [cut, { prefix: true }],
      ] as const) {
        const requests = requestsOf(index, text, typed);
        await index.prepare(requests);
        const expected = memory.search({ terms: requests, limit: 100 });
        expect(index.search({ terms: requests, limit: 100 }), text).toEqual(expected);
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
        `fragments ${fragmentBytes} B in ${files.fragments.length} of about 512 B (${wholeIndex.fragments.length} of 64 KB: ` +
        `${wholeIndex.fragments.reduce((sum, f) => sum + f.length, 0)} B); passages.json ${readFileSync(path.join(dir, 'passages.json')).length} B; ` +
        `built in ${buildMs.toFixed(0)} ms; ${questions.length * 3} queries loaded ${new Set(loads).size} fragments`,
    );
  });
});
