// The sentence of a passage that best answers a query: the one holding the most of the query's weight (the
// idf of each distinct query term it holds, corrected spellings included), the first of equals (preferring the
// densest of equals marked fewer answers on the questions files: it favours short heading-like lines). A
// passage's lines are sentences of their own (list items and table rows carry no full stop); within a line,
// Intl.Segmenter finds the sentences (sentences.ts). No sentence holding a query term: no answer. A line that ends
// with a colon is a label (a table's header row, "Steps:"): it introduces the answer, so it weighs half.
import { termSpans, type TokenSpan } from './analysis.ts';
import type { Highlight } from './types.ts';
import { lineSentences } from './sentences.ts';

export interface WeightedTerm {
  term: string;
  /** Its weight, e.g. BM25's idf. */
  weight: number;
}

/**
 * The span of the sentence of `text` that best answers a query of these terms, or null when none holds any.
 * `spans`: the text's termSpans, when the caller has them already (the snippet needs them too). Only the lines
 * holding a query term are split into sentences.
 */
export function answerSentence(
  text: string,
  terms: readonly WeightedTerm[],
  spans: readonly TokenSpan[] = termSpans(text),
): Highlight | null {
  if (!terms.length) return null;
  const weights = new Map(terms.map((t) => [t.term, t.weight]));
  let best: Highlight | null = null;
  let bestWeight = 0;
  let at = 0;
  while (at < spans.length) {
    // The next span of a query term, and the line holding it.
    while (at < spans.length && !weights.has(spans[at].term)) at++;
    if (at === spans.length) break;
    const lineStart = text.lastIndexOf('\n', spans[at].start - 1) + 1;
    const newline = text.indexOf('\n', spans[at].end);
    const lineEnd = newline < 0 ? text.length : newline;
    while (at > 0 && spans[at - 1].start >= lineStart) at--;
    for (const sentence of lineSentences(text, lineStart, lineEnd)) {
      const held = new Set<string>();
      for (; at < spans.length && spans[at].start < sentence.end; at++) {
        if (spans[at].start >= sentence.start && weights.has(spans[at].term)) held.add(spans[at].term);
      }
      let weight = 0;
      for (const term of held) weight += weights.get(term)!;
      if (text.charCodeAt(sentence.end - 1) === 58 /* : */) weight /= 2;
      // Weights are compared to a precision: two sentences holding the same terms tie, and the first stays.
      if (weight > bestWeight + 1e-9) {
        best = sentence;
        bestWeight = weight;
      }
    }
    while (at < spans.length && spans[at].start < lineEnd) at++;
  }
  return best;
}
