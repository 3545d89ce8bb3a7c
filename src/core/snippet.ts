// Snippets: the window of a passage that holds the most query terms, with those terms marked.
import { termSpans } from './analysis.ts';
import type { Snippet } from './types.ts';

export interface SnippetOptions {
  /** Window length in words. */
  words: number;
}

const WORD_SPAN = /\S+/g;

/** Marks every word of `text` whose term is in `queryTerms` (the app marks query terms inside passages). */
export function highlight(text: string, queryTerms: Set<string>): { start: number; end: number }[] {
  return termSpans(text)
    .filter((span) => queryTerms.has(span.term))
    .map(({ start, end }) => ({ start, end }));
}

export function makeSnippet(text: string, queryTerms: Set<string>, options: SnippetOptions = { words: 32 }): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const tokens = Array.from(flat.matchAll(WORD_SPAN), (m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const matched = termSpans(flat).filter((span) => queryTerms.has(span.term));
  const marks = matched.map(({ start, end }) => ({ start, end }));
  if (tokens.length <= options.words) return { text: flat, highlights: marks };

  // The query term each whitespace token holds, if any (both lists are in text order).
  const tokenTerm: (string | null)[] = new Array(tokens.length).fill(null);
  for (let t = 0, m = 0; t < tokens.length && m < matched.length; ) {
    if (matched[m].start < tokens[t].start) m++;
    else if (matched[m].start >= tokens[t].end) t++;
    else {
      tokenTerm[t] ??= matched[m].term;
      m++;
    }
  }
  // Index of the first matched token at or after each position.
  const nextMatch = new Array<number>(tokens.length + 1).fill(tokens.length);
  for (let i = tokens.length - 1; i >= 0; i--) nextMatch[i] = tokenTerm[i] !== null ? i : nextMatch[i + 1];

  // Slide a window of `words` tokens; keep the one covering the most distinct matched terms, then most matches.
  // Among equally good windows, the one that starts a few words before its first match reads in context
  // (rather than ending on the match).
  const LEAD = 3;
  const size = options.words;
  const counts = new Map<string, number>();
  let matches = 0;
  const add = (term: string | null, delta: number) => {
    if (term === null) return;
    const n = (counts.get(term) ?? 0) + delta;
    if (n === 0) counts.delete(term);
    else counts.set(term, n);
    matches += delta;
  };
  for (let i = 0; i < size; i++) add(tokenTerm[i], 1);
  let best = 0;
  let bestScore = -1;
  let bestLead = Infinity;
  for (let first = 0; first + size <= tokens.length; first++) {
    if (first > 0) {
      add(tokenTerm[first - 1], -1);
      add(tokenTerm[first + size - 1], 1);
    }
    const score = counts.size * 100 + matches;
    const offset = nextMatch[first] < first + size ? nextMatch[first] - first : -1;
    const lead = Math.abs(offset - LEAD);
    if (score > bestScore || (score === bestScore && lead < bestLead)) {
      bestScore = score;
      bestLead = lead;
      best = first;
    }
  }
  const end = Math.min(tokens.length, best + size);
  const from = tokens[best].start;
  const to = tokens[end - 1].end;
  const prefix = best > 0 ? '… ' : '';
  const suffix = end < tokens.length ? ' …' : '';
  return {
    text: prefix + flat.slice(from, to) + suffix,
    highlights: marks.filter((m) => m.start >= from && m.end <= to).map((m) => ({ start: m.start - from + prefix.length, end: m.end - from + prefix.length })),
  };
}
