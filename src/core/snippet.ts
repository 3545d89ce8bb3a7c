// Snippets: the window of a passage that holds the most query terms, with those terms marked; when the passage's
// answer sentence is known (answer-sentence.ts), the window is centred on it and the sentence is marked too.
import { termSpans, type TokenSpan } from './analysis.ts';
import type { Highlight, Snippet } from './types.ts';

export interface SnippetOptions {
  /** Window length in words (default 32). */
  words?: number;
  /** The answer sentence, as a span of the passage's text. */
  answer?: Highlight | null;
  /** The passage text's termSpans, when the caller has them already. */
  spans?: readonly TokenSpan[];
}

const WORD_SPAN = /\S+/g;

/** Marks every word of `text` whose term is in `queryTerms` (the app marks query terms inside passages). */
export function highlight(text: string, queryTerms: Set<string>): { start: number; end: number }[] {
  return termSpans(text)
    .filter((span) => queryTerms.has(span.term))
    .map(({ start, end }) => ({ start, end }));
}

/**
 * `text` with its whitespace runs made single spaces and trimmed, its whitespace-separated tokens in it, and where
 * each position of `text` lands in it.
 */
function flatten(text: string): { flat: string; tokens: Highlight[]; at: (i: number) => number } {
  const from: number[] = []; // where each run of non-space starts in `text`
  const to: number[] = []; // and in the flat text
  const runs: string[] = [];
  let length = 0;
  for (const m of text.matchAll(WORD_SPAN)) {
    if (runs.length) length++;
    from.push(m.index!);
    to.push(length);
    runs.push(m[0]);
    length += m[0].length;
  }
  const at = (i: number) => {
    let lo = 0;
    let hi = from.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (from[mid] <= i) lo = mid + 1;
      else hi = mid;
    }
    const run = lo - 1; // the last run starting at or before i
    if (run < 0) return 0;
    return to[run] + Math.min(i - from[run], runs[run].length);
  };
  return { flat: runs.join(' '), tokens: runs.map((run, i) => ({ start: to[i], end: to[i] + run.length })), at };
}

export function makeSnippet(text: string, queryTerms: Set<string>, options: SnippetOptions = {}): Snippet {
  const { flat, tokens, at } = flatten(text);
  const answer = options.answer
    ? { start: at(options.answer.start), end: Math.min(flat.length, at(options.answer.end)) }
    : null;
  // The same words as termSpans(flat): flattening only changes whitespace.
  const matched = options.spans
    ? options.spans
        .filter((span) => queryTerms.has(span.term))
        .map((span) => ({ term: span.term, start: at(span.start), end: at(span.end) }))
    : termSpans(flat).filter((span) => queryTerms.has(span.term));
  const marks = matched.map(({ start, end }) => ({ start, end }));
  const size = options.words ?? 32;
  if (tokens.length <= size)
    return { text: flat, highlights: marks, ...(answer && answer.end > answer.start ? { answer } : {}) };

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

  // The tokens of the answer sentence: a sentence that fits is centred in the window; a longer one is where the
  // window slides.
  let lo = 0;
  let hi = tokens.length;
  if (answer) {
    const first = tokens.findIndex((t) => t.end > answer.start);
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1].start < answer.end) last++;
    if (first >= 0 && last - first + 1 <= size) {
      const start = Math.max(0, Math.min(tokens.length - size, first - Math.floor((size - (last - first + 1)) / 2)));
      return cut(start);
    }
    if (first >= 0) [lo, hi] = [first, last + 1];
  }

  // Slide a window of `words` tokens; keep the one covering the most distinct matched terms, then most matches.
  // Among equally good windows, the one that starts a few words before its first match reads in context
  // (rather than ending on the match).
  const LEAD = 3;
  const counts = new Map<string, number>();
  let matches = 0;
  const add = (term: string | null, delta: number) => {
    if (term === null) return;
    const n = (counts.get(term) ?? 0) + delta;
    if (n === 0) counts.delete(term);
    else counts.set(term, n);
    matches += delta;
  };
  for (let i = lo; i < lo + size; i++) add(tokenTerm[i], 1);
  let best = lo;
  let bestScore = -1;
  let bestLead = Infinity;
  for (let first = lo; first + size <= hi; first++) {
    if (first > lo) {
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
  return cut(best);

  /** The window of `size` tokens from token `first`, with the marks and the answer inside it. */
  function cut(first: number): Snippet {
    const end = Math.min(tokens.length, first + size);
    const from = tokens[first].start;
    const to = tokens[end - 1].end;
    const prefix = first > 0 ? '… ' : '';
    const suffix = end < tokens.length ? ' …' : '';
    const shift = (h: Highlight) => ({ start: h.start - from + prefix.length, end: h.end - from + prefix.length });
    const inside =
      answer && answer.end > from && answer.start < to
        ? shift({ start: Math.max(from, answer.start), end: Math.min(to, answer.end) })
        : null;
    return {
      text: prefix + flat.slice(from, to) + suffix,
      highlights: marks.filter((m) => m.start >= from && m.end <= to).map(shift),
      ...(inside ? { answer: inside } : {}),
    };
  }
}
