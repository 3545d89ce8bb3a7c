// Checks a questions file against its corpus folder without ranking anything: the folder is chunked as a build
// chunks it, and every question must name a document of the folder and a phrase that one of that document's
// passages holds (in its text or heading path, as the harness judges answers: run.ts). Ids must be unique, since
// the held-out half and per-query reports go by id. Used while writing questions, before any search is run.
import path from 'node:path';
import { DEFAULT_CHUNKING } from '../core/settings.ts';
import { readCorpus } from '../indexer/ingest.ts';
import { normalizePhrase, readQuestions } from './dataset.ts';

export interface QuestionProblem {
  id: string;
  problem: string;
}

export async function checkQuestions(file: string, corpusDir: string): Promise<QuestionProblem[]> {
  const questions = await readQuestions(file);
  const corpus = await readCorpus(path.resolve(corpusDir), DEFAULT_CHUNKING);
  const passagesOf = new Map<string, string[]>();
  for (const p of corpus.passages) {
    const doc = corpus.documents[p.doc].id;
    const list = passagesOf.get(doc) ?? [];
    list.push(normalizePhrase(`${p.headings.join('\n')}\n${p.text}`));
    passagesOf.set(doc, list);
  }
  const problems: QuestionProblem[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.id)) problems.push({ id: q.id, problem: 'the id is used twice' });
    seen.add(q.id);
    const passages = passagesOf.get(q.doc);
    if (!passages) problems.push({ id: q.id, problem: `no document ${q.doc} in ${corpusDir}` });
    else if (!passages.some((text) => text.includes(normalizePhrase(q.phrase))))
      problems.push({ id: q.id, problem: `no passage of ${q.doc} holds "${q.phrase}"` });
  }
  return problems;
}
