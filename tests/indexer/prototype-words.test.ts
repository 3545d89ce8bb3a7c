// Any text builds and is searchable: words that are keys of Object.prototype ("constructor" once stopped
// `lantern build`) and random unicode as document text, headings, titles, tags, front-matter keys and values,
// file names and queries, through the build, the search core and the `lantern search` command.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { buildIndex } from '../../src/indexer/build.ts';
import { openIndexFolder } from '../../src/indexer/read-index.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { terms } from '../../src/core/analysis.ts';
import { ROOT, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

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
];
/** The sentence every generated document holds, so each word can be searched for in every document. */
const SENTENCE = `The ${PROTOTYPE_WORDS.join(' and ')} words.`;

const codePoint = fc.integer({ min: 0x20, max: 0x2fff }).map((cp) => String.fromCodePoint(cp));
const unicodeWord = fc.string({ unit: codePoint, minLength: 1, maxLength: 10 });
const word = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_WORDS) },
  { weight: 1, arbitrary: unicodeWord },
);
const text = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((w) => w.join(' '));

const document = fc.record({
  name: word,
  title: fc.option(text(4), { nil: undefined }),
  tags: fc.array(word, { maxLength: 3 }),
  settings: fc.array(fc.tuple(word, text(3)), { maxLength: 3 }),
  sections: fc.array(fc.record({ heading: text(3), body: text(20) }), { minLength: 1, maxLength: 3 }),
});
type GeneratedDocument = typeof document extends fc.Arbitrary<infer T> ? T : never;

/** A file name from generated words: one path segment, not hidden, numbered so names stay distinct. */
const fileName = (name: string, i: number) => `${i}-${name.replace(/[/\\\0]/g, '_').slice(0, 60)}.md`;

function markdown(doc: GeneratedDocument): string {
  // JSON strings are YAML flow scalars: keys and values go in exactly as generated.
  const front = [
    ...(doc.title !== undefined ? [`title: ${JSON.stringify(doc.title)}`] : []),
    `tags: ${JSON.stringify(doc.tags)}`,
    ...doc.settings
      .filter(([key]) => key !== 'title' && key !== 'tags' && key !== 'tag')
      .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`),
  ];
  return `---\n${front.join('\n')}\n---\n${SENTENCE}\n\n${doc.sections.map((s) => `## ${s.heading}\n\n${s.body}\n`).join('\n')}`;
}

let model: string;
const { dir, cleanup } = tempDir('lantern-prototype-words-');
beforeAll(async () => {
  // The seed index's model as a local model: the build embeds without training one.
  model = path.join(await ensureSeedIndex(), 'model');
});
afterAll(cleanup);

describe('building and searching documents made of prototype words and random unicode', () => {
  it('indexes every file and finds each word in every document, by keyword and with tag filters', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(document, { minLength: 1, maxLength: 4 }),
        fc.array(text(3), { minLength: 1, maxLength: 4 }),
        async (docs, queries) => {
          const data = path.join(dir, `data-${run}`);
          const out = path.join(dir, `index-${run++}`);
          mkdirSync(data);
          docs.forEach((doc, i) => writeFileSync(path.join(data, fileName(doc.name, i)), markdown(doc)));
          try {
            const report = await buildIndex({ data, out, model, reporter: silentReporter });
            expect(report.rejected).toEqual([]);
            expect(report.manifest.counts.documents).toBe(docs.length);
            const index = await openIndexFolder(out);
            expect(index.documents.map((d) => d.id).sort()).toEqual(docs.map((d, i) => fileName(d.name, i)).sort());

            for (const w of PROTOTYPE_WORDS) {
              const { results } = await index.search(w, { mode: 'keyword', k: 1000 });
              expect(new Set(results.map((r) => r.doc)).size, w).toBe(docs.length);
              for (const r of results) expect(Number.isFinite(r.score)).toBe(true);
            }
            // Every tag filters to exactly the passages that carry it.
            for (const tag of new Set(index.documents.flatMap((d) => d.tags))) {
              const { results } = await index.search('constructor', {
                mode: 'keyword',
                k: 1000,
                filters: { tags: [tag] },
              });
              expect(results.length, tag).toBeGreaterThan(0);
              for (const r of results) expect(r.tags).toContain(tag);
            }
            for (const q of queries) {
              const { results } = await index.search(q, { mode: 'keyword', k: 10, prefix: true });
              for (const r of results) expect(Number.isFinite(r.score)).toBe(true);
              if (terms(q).some((t) => terms(SENTENCE).includes(t))) expect(results.length).toBeGreaterThan(0);
            }
          } finally {
            rmSync(data, { recursive: true, force: true });
            rmSync(out, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 6 },
    );
  });
});

describe('lantern search with prototype words', () => {
  it('answers them as queries (ids too) in every mode, in JSON and in text', async () => {
    const data = path.join(dir, 'cli-data');
    const out = path.join(dir, 'cli-index');
    mkdirSync(data);
    PROTOTYPE_WORDS.forEach((w, i) => {
      const front = `---\ntitle: ${JSON.stringify(`${w} guide`)}\ntags: ${JSON.stringify([w])}\n${JSON.stringify(w)}: ${JSON.stringify(w)}\n---\n`;
      writeFileSync(path.join(data, `${w}.md`), `${front}## ${w} heading\n\nThe ${w} passage number ${i}.\n`);
    });
    await buildIndex({ data, out, model, reporter: silentReporter });
    const queries = path.join(dir, 'queries.jsonl');
    writeFileSync(queries, PROTOTYPE_WORDS.map((w) => JSON.stringify({ id: w, text: `${w} passage` })).join('\n'));

    const lantern = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['bin/lantern.js', ...args],
          { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
          (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
        );
      });
    const [json, plain] = await Promise.all([
      lantern('search', '--index', out, '--json', '--k', '3', '--queries', queries),
      lantern('search', '--index', out, '--mode', 'keyword', '--k', '1', '--queries', queries),
    ]);
    expect(json.code, json.stderr).toBe(0);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; results: { doc: string; title: string; tags: string[] }[] });
    expect(lines.map((l) => l.id)).toEqual(PROTOTYPE_WORDS);
    // Each word finds its own document first (its title, heading, tag and text all hold it).
    for (const { id, results } of lines) {
      expect(results[0]).toMatchObject({ doc: `${id}.md`, title: `${id} guide`, tags: [id.toLowerCase()] });
    }
    expect(plain.code, plain.stderr).toBe(0);
    for (const w of PROTOTYPE_WORDS)
      expect(plain.stdout).toMatch(
        new RegExp(`1 passage for "${w} passage" \\(keyword\\):\n\n1\\. .*\n   ${w} guide \\(${w}\\.md, score`),
      );
  });
});
