// Text analysis shared by the keyword index, query parsing and snippet highlighting.
// One function decides what a "term" is, so the index, the query and the highlights always agree.
import { stemmer } from 'stemmer';

// A compact English stop list: function words that carry no topic.
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
  our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which while who whom why will
  with would you your yours yourself yourselves s t d ll m re ve`.split(/\s+/),
);

export interface TokenSpan {
  /** Normalised, stemmed term as stored in the keyword index. */
  term: string;
  start: number;
  end: number;
}

// Letters and digits of any script; internal apostrophes are dropped by the split.
const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercase and strip diacritics, keeping string length aligned with the input where possible. */
function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(fold(word));
}

// Words repeat (a corpus has far fewer distinct words than words), and folding and stemming dominate the cost of
// analysing a passage for its snippet: remembered per word, dropped wholesale when the memo grows past a bound.
const termMemo = new Map<string, string | null>();
const TERM_MEMO_LIMIT = 100_000;

/** The index term for one word, or null when the word is a stop word or too long to be a real word. */
export function termOf(word: string): string | null {
  let term = termMemo.get(word);
  if (term === undefined) {
    if (termMemo.size >= TERM_MEMO_LIMIT) termMemo.clear();
    termMemo.set(word, (term = analyse(word)));
  }
  return term;
}

function analyse(word: string): string | null {
  const folded = fold(word);
  if (folded.length === 0 || folded.length > 40 || STOP_WORDS.has(folded)) return null;
  // Numbers and codes are kept as written; stemming them would merge unrelated identifiers.
  return /\d/.test(folded) ? folded : stemmer(folded);
}

/** Terms of a text with their character offsets (for highlighting). */
export function termSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = termOf(match[0]);
    if (term) spans.push({ term, start: match.index!, end: match.index! + match[0].length });
  }
  return spans;
}

/** Terms of a text in order, duplicates kept (term frequency matters for BM25). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = termOf(match[0]);
    if (term) out.push(term);
  }
  return out;
}

/** Plain lowercase words of a text, for vocabularies and model input. */
export function words(text: string): string[] {
  return Array.from(text.matchAll(WORD), (m) => fold(m[0]));
}
