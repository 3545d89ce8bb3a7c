// Reading evaluation datasets: BEIR folders and Lantern questions files.
import { describe, expect, it } from 'vitest';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { normalizePhrase, readBeir, readQuestions } from '../../src/eval/dataset.ts';
import { FIXTURES, tempDir } from '../fixtures/helpers.ts';

const MINI = path.join(FIXTURES, 'beir-mini');

describe('readBeir', () => {
  it('reads one passage per document, skipping documents without text', async () => {
    const data = await readBeir(MINI);
    expect(data.name).toBe('beir-mini');
    expect(data.corpus.documents.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']);
    expect(data.corpus.passages).toHaveLength(7);
    data.corpus.passages.forEach((p, i) => expect(p.doc).toBe(i));
    expect(data.corpus.documents[6].title).toBe('');
    expect(new Set(data.corpus.passages.map((p) => p.id)).size).toBe(7);
  });

  it('keeps only judged queries and reads graded judgments', async () => {
    const data = await readBeir(MINI);
    expect(data.queries.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(data.qrels.get('q3')).toEqual(new Map([['d4', 2]]));
    expect(data.qrels.has('query-id')).toBe(false);
  });

  it('names the missing file of an incomplete folder', async () => {
    const { dir, cleanup } = tempDir();
    try {
      cpSync(MINI, dir, { recursive: true });
      rmSync(path.join(dir, 'qrels.tsv'));
      await expect(readBeir(dir)).rejects.toThrow(`--dataset ${dir}: missing qrels.tsv (expected a BEIR folder)`);
    } finally {
      cleanup();
    }
  });

  it('names the line of invalid JSON', async () => {
    const { dir, cleanup } = tempDir();
    try {
      cpSync(MINI, dir, { recursive: true });
      writeFileSync(path.join(dir, 'queries.jsonl'), '{"_id": "q1", "text": "ok"}\n\n{broken\n');
      await expect(readBeir(dir)).rejects.toThrow(/queries\.jsonl:3: not valid JSON/);
    } finally {
      cleanup();
    }
  });
});

describe('readQuestions', () => {
  it('reads the questions file used by the CLI tests', async () => {
    const questions = await readQuestions(path.join(FIXTURES, 'seed-questions.jsonl'));
    expect(questions.map((q) => q.id)).toEqual(['simple-model', 'laptop-stt', 'amgen-pm']);
  });

  it('requires id, text, doc and phrase, naming the line', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'q.jsonl');
      writeFileSync(
        file,
        '{"id": "a", "text": "t", "doc": "d.md", "phrase": "p"}\n{"id": "b", "text": "t", "doc": "d.md"}\n',
      );
      await expect(readQuestions(file)).rejects.toThrow(`${file}:2: a question needs id, text, doc and phrase`);
    } finally {
      cleanup();
    }
  });
});

describe('normalizePhrase', () => {
  it('ignores case, markdown emphasis and spacing', () => {
    expect(normalizePhrase('  **Winner:**   Logistic\n_Regression_ `x` ')).toBe('winner: logistic regression x');
  });
});
