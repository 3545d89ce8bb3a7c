// Snippets: the window of a passage that holds the most query terms, with those terms marked.
import { termSpans } from './analysis.ts';
import type { Snippet } from './types.ts';

export interface SnippetOptions {
  /** Window length in words. */
  words: number;
}

const WORD_SPAN = /\S+/g;

/** Marks every word of `text` whose term is in `queryTerms`. */
export function highlight(text: string, queryTerms: Set<string>): { start: number; end: number }[] {
  return termSpans(text)
    .filter((span) => queryTerms.has(span.term))
    .map(({ start, end }) => ({ start, end }));
}

export function makeSnippet(text: string, queryTerms: Set<string>, options: SnippetOptions = { words: 32 }): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const tokens = Array.from(flat.matchAll(WORD_SPAN), (m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const marks = highlight(flat, queryTerms);
  if (tokens.length <= options.words) return { text: flat, highlights: marks };

  // Slide a window of `words` tokens; keep the one covering the most distinct matched terms, then most matches.
  const markAt = new Map<number, string>();
  for (const span of termSpans(flat)) if (queryTerms.has(span.term)) markAt.set(span.start, span.term);
  const tokenTerm = tokens.map((t) => {
    for (const [start, term] of markAt) if (start >= t.start && start < t.end) return term;
    return null;
  });
  // Among equally good windows, the one that starts a few words before its first match reads in context
  // (rather than ending on the match).
  const LEAD = 3;
  let best = 0;
  let bestScore = -1;
  let bestLead = Infinity;
  for (let first = 0; first + options.words <= tokens.length; first++) {
    const window = tokenTerm.slice(first, first + options.words);
    const inWindow = window.filter((t): t is string => t !== null);
    const score = new Set(inWindow).size * 100 + inWindow.length;
    const lead = Math.abs(window.findIndex((t) => t !== null) - LEAD);
    if (score > bestScore || (score === bestScore && lead < bestLead)) {
      bestScore = score;
      bestLead = lead;
      best = first;
    }
  }
  const start = best;
  const end = Math.min(tokens.length, start + options.words);
  const from = tokens[start].start;
  const to = tokens[end - 1].end;
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < tokens.length ? ' …' : '';
  const body = flat.slice(from, to);
  return {
    text: prefix + body + suffix,
    highlights: marks.filter((m) => m.start >= from && m.end <= to).map((m) => ({ start: m.start - from + prefix.length, end: m.end - from + prefix.length })),
  };
}
