// The answer sentence of a passage, and the snippet centred on it, on passages of data/ (text we did not write).
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/indexer/ingest.ts';
import { termSpans, terms } from '../../src/core/analysis.ts';
import { answerSentence } from '../../src/core/answer-sentence.ts';
import { sentenceSpans } from '../../src/core/sentences.ts';
import { makeSnippet } from '../../src/core/snippet.ts';
import type { Passage } from '../../src/core/types.ts';
import { DATA } from '../fixtures/helpers.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';

let passages: Passage[];
beforeAll(async () => {
  passages = (await readCorpus(DATA, DEFAULT_CHUNKING)).passages;
});

const weighted = (query: string) => [...new Set(terms(query))].map((term) => ({ term, weight: 1 }));
const passageWith = (phrase: string) => {
  const found = passages.find((p) => p.text.includes(phrase));
  if (!found) throw new Error(`no passage of data/ holds "${phrase}"`);
  return found.text;
};
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('sentenceSpans', () => {
  it('splits lines and sentences, without surrounding whitespace, in order', () => {
    const text = passageWith('at risk of default');
    const spans = sentenceSpans(text);
    const sentences = spans.map((s) => text.slice(s.start, s.end));
    expect(sentences).toContain('This data was used in creating a regression model.');
    expect(
      sentences.some((s) => s.startsWith('Predicting Risk Default') && s.endsWith('logistic regression in alteryx.')),
    ).toBe(true);
    for (const s of sentences) {
      expect(s).toBe(s.trim());
      expect(s).not.toContain('\n');
    }
    expect(spans.every((s, i) => i === 0 || s.start >= spans[i - 1].end)).toBe(true);
  });
});

describe('answerSentence', () => {
  it('picks the sentence holding the most of the query', () => {
    const text = passageWith('at risk of default');
    const span = answerSentence(text, weighted('which bank customers might default'))!;
    expect(text.slice(span.start, span.end)).toMatch(
      /^Predicting Risk Default - .* at risk of default using logistic regression in alteryx\.$/,
    );
    // "regression" is in two sentences; "logistic" only in one.
    const both = answerSentence(text, weighted('logistic regression'))!;
    expect(text.slice(both.start, both.end)).toContain('logistic regression');
  });

  it('weights rare terms above common ones', () => {
    const text = passageWith('at risk of default');
    const query = [
      { term: terms('regression')[0], weight: 0.1 },
      { term: terms('menu')[0], weight: 3 },
    ];
    const span = answerSentence(text, query)!;
    expect(text.slice(span.start, span.end)).toContain('new menu');
  });

  it('marks nothing when no sentence holds a query term', () => {
    expect(answerSentence(passageWith('at risk of default'), weighted('zeppelin hangar'))).toBeNull();
    expect(answerSentence(passageWith('at risk of default'), [])).toBeNull();
  });
});

describe('a snippet centred on the answer sentence', () => {
  it('shows the answer sentence and marks it, when it fits the window', () => {
    const text = passageWith('at risk of default');
    const answer = answerSentence(text, weighted('bank customers default'))!;
    const sentence = flat(text.slice(answer.start, answer.end));
    const snippet = makeSnippet(text, new Set(terms('bank customers default')), { words: 30, answer });
    expect(snippet.answer).toBeDefined();
    expect(snippet.text.slice(snippet.answer!.start, snippet.answer!.end)).toBe(sentence);
    // Centred: context on both sides.
    expect(snippet.text.startsWith('… ')).toBe(true);
    expect(snippet.text.endsWith(' …')).toBe(true);
    // Without the answer, the window holding most query terms may be elsewhere; with it, the sentence is whole.
    expect(snippet.text).toContain(sentence);
  });

  it('slides within a sentence longer than the window, and marks the part shown', () => {
    const text = passageWith('at risk of default');
    const answer = answerSentence(text, weighted('logistic regression alteryx'))!;
    const snippet = makeSnippet(text, new Set(terms('logistic regression alteryx')), { words: 8, answer });
    const sentence = flat(text.slice(answer.start, answer.end));
    const shown = snippet.text.slice(snippet.answer!.start, snippet.answer!.end);
    expect(sentence).toContain(shown);
    expect(shown).toContain('logistic regression in alteryx');
  });

  it('maps the answer into the snippet for every passage of data/ and any query', () => {
    for (const query of ['machine learning model', 'data pipeline', 'Amgen digital channels']) {
      const marks = new Set(terms(query));
      for (const p of passages) {
        const answer = answerSentence(p.text, weighted(query));
        const snippet = makeSnippet(p.text, marks, { answer });
        if (!answer) {
          expect(snippet.answer).toBeUndefined();
          continue;
        }
        // Handing over the text's term spans changes nothing.
        expect(makeSnippet(p.text, marks, { answer, spans: termSpans(p.text) })).toEqual(snippet);
        const sentence = flat(p.text.slice(answer.start, answer.end));
        const shown = snippet.text.slice(snippet.answer!.start, snippet.answer!.end);
        expect(shown.length).toBeGreaterThan(0);
        expect(sentence).toContain(shown);
        // Every marked term of the snippet is still a query term.
        for (const h of snippet.highlights) expect(marks.has(terms(snippet.text.slice(h.start, h.end))[0])).toBe(true);
      }
    }
  });
});
