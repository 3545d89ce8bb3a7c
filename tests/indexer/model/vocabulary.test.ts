import { describe, expect, it } from 'vitest';
import {
  PIECE_PROBABILITY,
  PUNCTUATION_PROBABILITY,
  buildVocabulary,
  corpusWordsHash,
} from '../../../src/indexer/model/vocabulary.ts';
import { normalizeText, preTokenize } from '../../../src/indexer/model/tokenizer.ts';

describe('buildVocabulary', () => {
  const vocab = buildVocabulary({
    generalWords: 500,
    corpusWords: ['Whisper.cpp runs on-device', 'Café NAÏVE', 'whisper'],
  });
  const id = (token: string) => vocab.tokens.indexOf(token);

  it('puts special tokens first, then general words by frequency', () => {
    expect(vocab.tokens.slice(0, 4)).toEqual(['[PAD]', '[UNK]', 'you', 'i']);
    expect(new Set(vocab.tokens).size).toBe(vocab.tokens.length);
    expect(vocab.probabilities[2]).toBeGreaterThan(vocab.probabilities[3]);
    expect(vocab.probabilities[0]).toBe(0);
  });

  it('adds corpus words normalised and split like the tokenizer', () => {
    for (const word of ['whisper', 'cpp', 'device', 'cafe', 'naive']) expect(id(word)).toBeGreaterThan(501);
    expect(id('whisper.cpp')).toBe(-1);
    expect(id('Café')).toBe(-1);
    // Corpus words missing from the frequency list count as its rarest word.
    expect(vocab.probabilities[id('cpp')]).toBeLessThan(1e-7);
  });

  it('adds WordPiece fallback pieces with their teacher texts', () => {
    for (const piece of ['z', '7', '##z', '##7', '##ing', '##tion']) expect(id(piece)).toBeGreaterThan(1);
    expect(vocab.teacherTexts[id('##ing')]).toBe('ing');
    expect(vocab.teacherTexts[id('you')]).toBe('you');
    expect(vocab.teacherTexts[0]).toBe('');
    expect(vocab.probabilities[id('##ing')]).toBe(PIECE_PROBABILITY);
    expect(vocab.probabilities[id(';')]).toBe(PUNCTUATION_PROBABILITY);
  });

  it('hashes the corpus words independently of order and duplicates', () => {
    const again = buildVocabulary({
      generalWords: 500,
      corpusWords: ['whisper', 'CAFÉ naïve', 'whisper.cpp runs on-device'],
    });
    expect(again.corpusWordsHash).toBe(vocab.corpusWordsHash);
    expect(again.tokens).toEqual(vocab.tokens);
    expect(buildVocabulary({ generalWords: 500, corpusWords: ['other'] }).corpusWordsHash).not.toBe(
      vocab.corpusWordsHash,
    );
    expect(corpusWordsHash(['Café naïve whisper', 'whisper.cpp runs on-device'])).toBe(vocab.corpusWordsHash);
  });
});

describe('normalizeText / preTokenize', () => {
  it('lowercases, strips accents, isolates punctuation and CJK', () => {
    expect(preTokenize(normalizeText('  Ｆｕｌｌ-width Café,naïve 東京\u0000!  '))).toEqual([
      'full',
      '-',
      'width',
      'cafe',
      ',',
      'naive',
      '東',
      '京',
      '!',
    ]);
  });
});
