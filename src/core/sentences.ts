// The one sentence splitter: a text's lines are sentences of their own (list items and table rows carry no full
// stop), and within a line Intl.Segmenter finds the sentences ("e.g." and "3.5" do not end one). Chunking, the
// text-kept check, the model's adaptation pairs and the answer sentence all split with it.
import type { Highlight } from './types.ts';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of one line (`from`..`to` of `text`), as spans of `text` without their surrounding whitespace. */
export function lineSentences(text: string, from: number, to: number): Highlight[] {
  const out: Highlight[] = [];
  for (const { segment, index } of segmenter.segment(text.slice(from, to))) {
    const lead = segment.length - segment.trimStart().length;
    const body = segment.trim();
    if (body) out.push({ start: from + index + lead, end: from + index + lead + body.length });
  }
  return out;
}

/** The sentences of `text`, as spans without their surrounding whitespace, in order. */
export function sentenceSpans(text: string): Highlight[] {
  const out: Highlight[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    out.push(...lineSentences(text, lineStart, lineStart + line.length));
    lineStart += line.length + 1;
  }
  return out;
}

/** The sentences of `text`, in order. */
export function sentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}
