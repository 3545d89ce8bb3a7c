// Text analysis: one definition of a "term" shared by the keyword index, queries and highlights.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isStopWord, termOf, terms, termSpans, words } from '../../src/core/analysis.ts';

describe('terms', () => {
  it('stems inflections to one term, so "regressions" finds "regression"', () => {
    expect(termOf('regressions')).toBe(termOf('regression'));
    expect(termOf('Running')).toBe(termOf('runs'));
    expect(termOf('deployed')).toBe(termOf('deploying'));
  });

  it('does not merge different words', () => {
    expect(termOf('cell')).not.toBe(termOf('cellular'));
    expect(termOf('model')).not.toBe(termOf('mode'));
  });

  it('folds case and diacritics', () => {
    expect(terms('Café NAÏVE résumé')).toEqual(terms('cafe naive resume'));
    // Decomposed accents (e + combining acute) fold like precomposed ones.
    expect(terms('cafe\u0301')).toEqual(terms('café'));
  });

  it('drops stop words and keeps content words in order, duplicates included', () => {
    expect(terms('The model and the data of the model')).toEqual([termOf('model'), termOf('data'), termOf('model')]);
    expect(isStopWord('THE')).toBe(true);
    expect(isStopWord('regression')).toBe(false);
    expect(terms('what is it that you were about to do')).toEqual([]);
  });

  it('keeps numbers and codes as written', () => {
    expect(terms('A100 GPUs in 2021, COVID19')).toEqual(['a100', termOf('GPUs'), '2021', 'covid19']);
  });

  it('splits on punctuation and handles scripts other than Latin', () => {
    expect(terms('state-of-the-art')).toEqual([termOf('state'), termOf('art')]);
    expect(terms('русский текст')).toHaveLength(2);
    expect(terms('РУССКИЙ ТЕКСТ')).toEqual(terms('русский текст'));
    expect(terms('中文')).toEqual(['中文']);
  });

  it('ignores absurdly long tokens', () => {
    expect(terms('x'.repeat(41))).toEqual([]);
    expect(terms('y'.repeat(40))).toHaveLength(1);
  });
});

describe('termSpans', () => {
  it('points at the words in the original text', () => {
    const text = 'The Café opened; regressions were run.';
    const spans = termSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Café', 'opened', 'regressions', 'run']);
    expect(spans.map((s) => s.term)).toEqual(terms(text));
  });

  it('agrees with terms() on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), (text) => {
        const spans = termSpans(text);
        expect(spans.map((s) => s.term)).toEqual(terms(text));
        for (const s of spans) expect(termOf(text.slice(s.start, s.end))).toBe(s.term);
      }),
      { numRuns: 200 },
    );
  });
});

describe('words', () => {
  it('lowercases and splits on anything that is not a letter or digit', () => {
    expect(words("Don't stop-believing, Straße ﬁne 42x")).toEqual([
      'don',
      't',
      'stop',
      'believing',
      'straße',
      'fine',
      '42x',
    ]);
  });

  it('keeps stop words (they matter to the model)', () => {
    expect(words('the and of')).toEqual(['the', 'and', 'of']);
  });
});
