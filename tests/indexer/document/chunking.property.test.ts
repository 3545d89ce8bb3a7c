// Property tests: chunkDocument on arbitrary input (unicode, CRLF, control characters, nested lists,
// unclosed fences, many headings, HTML soup) never throws and keeps its promises about passages.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkDocument } from '../../../src/indexer/document/chunking.ts';
import { words } from '../../../src/core/analysis.ts';
import { elements } from '../../fixtures/helpers.ts';
import type { ChunkingOptions } from '../../../src/core/settings.ts';

const RUNS = { numRuns: 200 };

// Pieces of markdown and of everything else people paste into notes.
const SYNTAX = [
  '# ',
  '## ',
  '### ',
  '#### ',
  '###### ',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '- ',
  '  - ',
  '    - ',
  '* ',
  '1. ',
  '2) ',
  '> ',
  '>> ',
  '```',
  '```js\n',
  '~~~',
  '    ',
  '\t',
  '**',
  '*',
  '_',
  '__',
  '~~',
  '`',
  '[',
  ']',
  '(',
  ')',
  '[[',
  ']]',
  '|',
  '| --- |',
  '---',
  '***',
  ': ',
  '?',
  '.',
  '!',
  ',',
  '\\',
  '<',
  '>',
  '<div>',
  '</div>',
  '<script>',
  '</script>',
  '<b>',
  '</b>',
  '<br>',
  '<!--',
  '-->',
  '<iframe src="https://v.test/e" title="clip">',
  '</iframe>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">',
  '[link](https://ok.test)',
  '[bad](javascript:alert(1))',
  '![alt text](a.png)',
  '[[Note|alias]]',
  '[[Other#Part]]',
  '#tag ',
  '#a/b ',
  '**Bold heading:**',
  '- Engineer | Acme | 2020',
  '- What did I do?',
  '[^1]',
  '[^1]: note',
  '[r]',
  '[r]: https://r.test',
  '---\ntitle: T\ntags: [x]\n---\n',
  '---\n: [\n---\n',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\u2028',
  'é',
  'e\u0301',
  'ﬁ',
  'İ',
  'ß',
  '😀',
  '👩‍👩‍👧',
  '中文字',
  'العربية',
  'русский',
  '١٢٣',
  '½',
  '&',
];
const word = fc.stringMatching(/^[a-zA-Z0-9]{1,9}$/);
const token = fc.oneof(
  { arbitrary: fc.constantFrom(...SYNTAX), weight: 3 },
  { arbitrary: word, weight: 4 },
  { arbitrary: fc.string({ maxLength: 6, unit: 'binary' }), weight: 1 },
);

/** Adversarial documents: tokens glued together any way. */
const anyDocument = fc.oneof(
  fc.array(token, { maxLength: 80 }).map((t) => t.join('')),
  fc
    .array(fc.tuple(token, fc.constantFrom('', ' ', '\n', '\n\n', '\r\n')), { maxLength: 80 })
    .map((t) => t.map(([a, b]) => a + b).join('')),
  fc.string({ maxLength: 300, unit: 'binary' }),
  // Many headings, deep nesting, long runs.
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 6 }), word, fc.array(word, { maxLength: 40 })), { maxLength: 30 })
    .map((sections) =>
      sections.map(([level, title, body]) => `${'#'.repeat(level)} ${title}\n\n${body.join(' ')}\n`).join('\n'),
    ),
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.array(word, { minLength: 1, maxLength: 12 })), { maxLength: 40 })
    .map((items) => items.map(([depth, ws]) => `${'  '.repeat(depth)}- ${ws.join(' ')}`).join('\n')),
);

const options: fc.Arbitrary<ChunkingOptions> = fc
  .integer({ min: 3, max: 200 })
  .chain((maxWords) => fc.record({ maxWords: fc.constant(maxWords), minWords: fc.integer({ min: 0, max: maxWords }) }));

describe('chunkDocument on arbitrary input', { timeout: 60_000 }, () => {
  it('never throws, and every passage is non-empty, within maxWords and uniquely identified', () => {
    fc.assert(
      fc.property(anyDocument, options, (source, opts) => {
        const doc = chunkDocument('doc.md', source, opts);
        expect(typeof doc.title).toBe('string');
        expect(doc.title.length).toBeGreaterThan(0);
        for (const p of doc.passages) {
          expect(p.text.trim()).not.toBe('');
          expect(words(p.text).length).toBeLessThanOrEqual(opts.maxWords);
          expect(p.id).toMatch(/^[a-z0-9-]{1,40}$/);
        }
        expect(new Set(doc.passages.map((p) => p.id)).size).toBe(doc.passages.length);
      }),
      RUNS,
    );
  });

  it('never emits script, iframe or event-handler markup, nor non-web links', () => {
    fc.assert(
      fc.property(anyDocument, (source) => {
        for (const p of chunkDocument('doc.md', source).passages) {
          for (const el of elements(p.body)) {
            expect(['script', 'iframe', 'img', 'style', 'object', 'embed']).not.toContain(el.tagName);
            for (const [key, value] of Object.entries(el.properties ?? {})) {
              expect(key.toLowerCase().startsWith('on')).toBe(false);
              if (key === 'href' || key === 'src') expect(String(value)).toMatch(/^(https?:|mailto:)/i);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('is deterministic: the same source gives the same passages', () => {
    fc.assert(
      fc.property(anyDocument, (source) => {
        expect(chunkDocument('doc.md', source)).toEqual(chunkDocument('doc.md', source));
      }),
      { numRuns: 100 },
    );
  });

  it('only shows words that are in the document', () => {
    // Tokens separated by white space, so the only words markup can join are those it joins in the source
    // (emphasis, tags); '&' is left out because an entity decodes to a character the source does not spell.
    const separated = fc
      .array(
        fc.tuple(
          token.filter((t) => !t.includes('&')),
          fc.constantFrom(' ', '\n', '\n\n', '\r\n', '\t'),
        ),
        { maxLength: 80 },
      )
      .map((t) => t.map(([a, b]) => a + b).join(''));
    fc.assert(
      fc.property(separated, options, (source, opts) => {
        const stripped = source.replace(/<[^>]*>/g, '').replace(/[*_~`\\]/g, '');
        const sourceWords = new Set([...words(source), ...words(stripped)]);
        for (const p of chunkDocument('doc.md', source, opts).passages) {
          for (const w of words(`${p.headings.join(' ')} ${p.text}`))
            expect(sourceWords.has(w), `"${w}" is not in the source`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('treats CRLF and CR line endings like LF', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(word, fc.constantFrom('# ', '## ', '- ', '1. ', '```', '> ', '**B:**', ' ')), {
          maxLength: 40,
        }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (parts, breaks) => {
          const lf = parts.map((p, i) => p + (breaks[i] ? '\n' : ' ')).join('');
          const crlf = lf.replace(/\n/g, '\r\n');
          expect(chunkDocument('doc.md', crlf)).toEqual(chunkDocument('doc.md', lf));
        },
      ),
      { numRuns: 100 },
    );
  });
});
