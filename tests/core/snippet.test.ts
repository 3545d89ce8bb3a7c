// Snippets: the part of a passage that shows why it matched, with the matched words marked.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { highlight, makeSnippet } from '../../src/core/snippet.ts';
import { terms, termOf } from '../../src/core/analysis.ts';

const queryTerms = (q: string) => new Set(terms(q));
const filler = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
const marked = (s: { text: string; highlights: { start: number; end: number }[] }) =>
  s.highlights.map((h) => s.text.slice(h.start, h.end));

describe('makeSnippet', () => {
  it('shows a short passage whole, with every matching word marked (inflections too)', () => {
    const s = makeSnippet('We ran regressions; the Regression won.\nNew line.', queryTerms('regression'));
    expect(s.text).toBe('We ran regressions; the Regression won. New line.');
    expect(marked(s)).toEqual(['regressions', 'Regression']);
  });

  it('picks the window of a long passage that holds the matches, with context on both sides', () => {
    const text = `${filler('a', 80)} the logistic regression model won ${filler('b', 80)}`;
    const s = makeSnippet(text, queryTerms('logistic regression'), { words: 20 });
    expect(s.text.startsWith('… ')).toBe(true);
    expect(s.text.endsWith(' …')).toBe(true);
    expect(s.text.split(' ').filter((w) => w !== '…')).toHaveLength(20);
    expect(marked(s)).toEqual(['logistic', 'regression']);
    // The matches do not sit at the very edge of the window: a few words of context precede and follow them.
    const words = s.text.split(' ');
    const at = words.indexOf('logistic');
    expect(at).toBeGreaterThanOrEqual(3);
    expect(words.length - at).toBeGreaterThan(5);
  });

  it('prefers the window with the most distinct query terms over one repeating a single term', () => {
    const text = `${'cat '.repeat(12)}${filler('x', 40)} cat and dog together ${filler('y', 40)}`;
    const s = makeSnippet(text, queryTerms('cat dog'), { words: 10 });
    expect(marked(s)).toContain('dog');
  });

  it('starts at the beginning when nothing matches', () => {
    const s = makeSnippet(filler('w', 50), queryTerms('absent'), { words: 10 });
    expect(s.text).toBe(`${filler('w', 10)} …`);
    expect(s.highlights).toEqual([]);
  });

  it('always returns highlights inside the snippet that mark words of the query', () => {
    const vocabulary = [
      'model',
      'models',
      'data',
      'Regression',
      'the',
      'café',
      'cafe',
      'x1',
      'run',
      'running',
      '—',
      '\n',
      '  ',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary), { maxLength: 120 }),
        fc.subarray(['model', 'regression', 'cafe', 'run', 'x1']),
        fc.integer({ min: 1, max: 40 }),
        (tokens, query, size) => {
          const qt = new Set(query.map((w) => termOf(w)!));
          const s = makeSnippet(tokens.join(' '), qt, { words: size });
          let last = -1;
          for (const h of s.highlights) {
            expect(h.start).toBeGreaterThan(last);
            expect(h.end).toBeLessThanOrEqual(s.text.length);
            expect(qt.has(termOf(s.text.slice(h.start, h.end))!)).toBe(true);
            last = h.end;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('highlight', () => {
  it('marks whole words only', () => {
    const text = 'cell cellular cells';
    expect(highlight(text, queryTerms('cell')).map((h) => text.slice(h.start, h.end))).toEqual(['cell', 'cells']);
  });

  it('marks the same words in a snippet', () => {
    const snippet = makeSnippet('cell cellular cells', queryTerms('cell'));
    expect(snippet.highlights.map((h) => snippet.text.slice(h.start, h.end))).toEqual(['cell', 'cells']);
  });
});
