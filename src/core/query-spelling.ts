// Spelling a query for the model. A misspelled word is one the model's vocabulary lacks, so the model embeds
// it as sub-word noise and the query's vector drifts (SciFact with one typo per query: semantic nDCG@10 0.572
// → 0.490). Before a query is embedded, each word of four letters or more that the vocabulary lacks, even as
// another form of the same stem ("plants" is "plant" + "##s", not a typo of "pants"), becomes the nearest whole
// word of the vocabulary: one edit away counting a swap of neighbours as one ("mechnaical" → "mechanical"), else
// within 2 Levenshtein edits from 8 letters; among equals the lowest id, i.e. the most frequent for the default
// model. The keyword side keeps the query as typed: it has its own typo tolerance.
import { termOf } from './analysis.ts';
import { oneEditAway, wordsWithinEdits } from './typos.ts';

const WORD = /\p{L}+/gu;
const MIN_LENGTH = 4;

export class QuerySpeller {
  /** The vocabulary's whole words (letters only), sorted. */
  private readonly words: string[];
  /** Index terms (stems) of those words. */
  private readonly stems: Set<string>;
  private readonly memo = new Map<string, string>();

  /** Made once per model (tens of milliseconds for the default model's 26k words), when the model loads. */
  constructor(private readonly vocabulary: ReadonlyMap<string, number>) {
    this.words = [...vocabulary.keys()].filter((token) => /^\p{L}+$/u.test(token)).sort();
    this.stems = new Set(this.words.map(termOf).filter((t): t is string => t !== null));
  }

  /** The word as the vocabulary spells it: itself when known or too short, else its nearest whole word if any. */
  private spell(word: string): string {
    const lower = word.toLowerCase();
    if (lower.length < MIN_LENGTH || this.vocabulary.has(lower)) return word;
    let spelled = this.memo.get(lower);
    if (spelled === undefined) {
      const term = termOf(lower);
      const close = [...oneEditAway(lower)].filter((w) => this.vocabulary.has(w) && /^\p{L}+$/u.test(w));
      const near =
        term === null || this.stems.has(term)
          ? []
          : close.length
            ? close
            : wordsWithinEdits(this.words, lower, lower.length >= 8 ? 2 : 1);
      spelled = near.length
        ? near.reduce((best, w) => (this.vocabulary.get(w)! < this.vocabulary.get(best)! ? w : best))
        : word;
      if (this.memo.size >= 10_000) this.memo.clear();
      this.memo.set(lower, spelled);
    }
    return spelled;
  }

  /** The query respelled; `keep(word)`: words never respelled (English words and the corpus's own). */
  correct(query: string, keep: (word: string) => boolean = () => false): string {
    return query.replace(WORD, (word) => (keep(word) ? word : this.spell(word)));
  }
}
