// Evaluation datasets: BEIR folders (corpus.jsonl, queries.jsonl, qrels.tsv) and Lantern questions files
// (JSONL of {id, text, doc, phrase}: the answer is the passage of `doc` whose text or heading path contains `phrase`).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Corpus } from '../indexer/ingest.ts';
import type { Qrels } from './metrics.ts';

export interface Query {
  id: string;
  text: string;
}

export interface BeirDataset {
  name: string;
  corpus: Corpus;
  queries: Query[];
  qrels: Qrels;
}

async function readJsonl<T>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .map((line, i) => [line, i] as const)
    .filter(([line]) => line.trim())
    .map(([line, i]) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`);
      }
    });
}

/** A BEIR corpus: one document per entry, indexed as one passage (its title is the document title). */
export async function readBeir(dir: string): Promise<BeirDataset> {
  for (const f of ['corpus.jsonl', 'queries.jsonl', 'qrels.tsv']) {
    if (!existsSync(path.join(dir, f))) throw new Error(`--dataset ${dir}: missing ${f} (expected a BEIR folder)`);
  }
  const docs = await readJsonl<{ _id: string; title?: string; text?: string }>(path.join(dir, 'corpus.jsonl'));
  const corpus: Corpus = { documents: [], passages: [], rejected: [], warnings: [] };
  for (const d of docs) {
    const text = (d.text ?? '').trim();
    if (!text) continue;
    const doc = corpus.documents.length;
    corpus.documents.push({ id: String(d._id), title: (d.title ?? '').trim(), tags: [] });
    corpus.passages.push({
      id: `d${corpus.passages.length.toString(36)}`,
      doc,
      headings: [],
      text,
      tags: [],
      body: [],
    });
  }
  const qrels: Qrels = new Map();
  const lines = (await readFile(path.join(dir, 'qrels.tsv'), 'utf8')).split('\n').slice(1);
  for (const line of lines) {
    const [q, d, s] = line.trim().split('\t');
    if (!q || !d) continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, Number(s ?? 1));
  }
  const queries = (await readJsonl<{ _id: string; text: string }>(path.join(dir, 'queries.jsonl')))
    .map((q) => ({ id: String(q._id), text: q.text }))
    .filter((q) => qrels.has(q.id));
  return { name: path.basename(path.resolve(dir)), corpus, queries, qrels };
}

export interface Question {
  id: string;
  text: string;
  /** Document (path relative to the corpus folder) that holds the answer. */
  doc: string;
  /** A phrase of the answer passage (matched case- and space-insensitively). */
  phrase: string;
}

export async function readQuestions(file: string): Promise<Question[]> {
  const rows = await readJsonl<Question>(file);
  rows.forEach((q, i) => {
    if (!q.id || !q.text || !q.doc || !q.phrase)
      throw new Error(`${file}:${i + 1}: a question needs id, text, doc and phrase`);
  });
  return rows;
}

/** A JSONL file of {id, text} queries (e.g. questions the corpus cannot answer). */
export async function readQueries(file: string): Promise<Query[]> {
  const rows = await readJsonl<Query>(file);
  rows.forEach((q, i) => {
    if (!q.id || !q.text) throw new Error(`${file}:${i + 1}: a query needs id and text`);
  });
  return rows;
}

export function normalizePhrase(text: string): string {
  return text.toLowerCase().replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}
