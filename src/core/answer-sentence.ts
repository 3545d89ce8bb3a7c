// The sentence of a passage that best answers a query: the one holding the most of the query's weight (the
// idf of each distinct query term it holds, corrected spellings included), then the densest (fewest words for
// that weight), then the first. A passage's lines are sentences of their own (list items and table rows carry
// no full stop); within a line, Intl.Segmenter finds the sentences. No sentence holding a query term: no answer.
import { termSpans } from './analysis.ts';
import type { Highlight } from './types.ts';

export interface WeightedTerm {
  term: string;
  /** Its weight, e.g. BM25's idf. */
  weight: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The sentences of `text`, as spans without their surrounding whitespace, in order. */
export function sentenceSpans(text: string): Highlight[] {
  const out: Highlight[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    for (const { segment, index } of segmenter.segment(line)) {
      const lead = segment.length - segment.trimStart().length;
      const body = segment.trim();
      if (body) out.push({ start: lineStart + index + lead, end: lineStart + index + lead + body.length });
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** The span of the sentence of `text` that best answers a query of these terms, or null when none holds any. */
export function answerSentence(text: string, terms: readonly WeightedTerm[]): Highlight | null {
  if (!terms.length) return null;
  const weights = new Map(terms.map((t) => [t.term, t.weight]));
  const spans = termSpans(text);
  let best: Highlight | null = null;
  let bestWeight = 0;
  let bestDensity = 0;
  let at = 0;
  for (const sentence of sentenceSpans(text)) {
    const held = new Set<string>();
    let words = 0;
    for (; at < spans.length && spans[at].start < sentence.end; at++) {
      if (spans[at].start < sentence.start) continue;
      words++;
      if (weights.has(spans[at].term)) held.add(spans[at].term);
    }
    let weight = 0;
    for (const term of held) weight += weights.get(term)!;
    const density = weight / Math.max(1, words);
    // Weights are compared to a precision: two sentences holding the same terms tie, and density decides.
    if (weight > 0 && (weight > bestWeight + 1e-9 || (Math.abs(weight - bestWeight) <= 1e-9 && density > bestDensity))) {
      best = sentence;
      bestWeight = weight;
      bestDensity = density;
    }
  }
  return best;
}
