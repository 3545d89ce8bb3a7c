// The benchmark corpora: the seed documents (data/), SciFact (read from ../shared/bench/scifact, never copied),
// and synthetic corpora made by seeded generators (same seed, same passages): 10k passages of recombined SciFact
// sentences, and 100k passages each joining two of those 10k passages (so its vectors can be composed from
// the 10k index's, see compose.ts, instead of embedding 100k passages).
import path from 'node:path';
import { readCorpus, type Corpus } from '../src/indexer/ingest.ts';
import { readBeir, readQuestions } from '../src/eval/dataset.ts';
import type { Qrels } from '../src/eval/metrics.ts';
// The same seeded PRNG the adaptation uses, so the synthetic corpora are the same on every machine.
import { rng } from '../src/indexer/model/adapt-pairs.ts';
import { DEFAULT_CHUNKING } from '../src/core/settings.ts';

export const SCIFACT_DIR = path.resolve(process.env.LANTERN_SCIFACT ?? '../shared/bench/scifact');
export const SEED_DIR = path.resolve('data');
const QUESTIONS = path.resolve('tests/quality/questions.jsonl');
/** At least this many distinct queries per corpus. */
export const MIN_QUERIES = 200;

export type CorpusName = 'seed' | 'scifact' | 'synthetic-10k' | 'synthetic-100k';
export const CORPORA: CorpusName[] = ['seed', 'scifact', 'synthetic-10k', 'synthetic-100k'];

export interface BenchCorpus {
  name: CorpusName;
  corpus: Corpus;
  /** Query texts (all distinct). */
  queries: { id: string; text: string }[];
  /** Judgments, for the corpus whose documents they name (SciFact). */
  qrels?: Qrels;
  /** buildIndex's `data` (the seed folder is built from disk, like `lantern build`). */
  data: string;
  fromDisk: boolean;
  /** synthetic-100k: the two synthetic-10k passages each passage joins. */
  pairs?: [number, number][];
}

/** `minQueries`: the seed corpus's questions are topped up with SciFact's queries (read only then) to this many. */
export async function loadCorpus(name: CorpusName, minQueries = MIN_QUERIES): Promise<BenchCorpus> {
  if (name === 'seed') {
    const questions = (await readQuestions(QUESTIONS)).map((q) => ({ id: q.id, text: q.text }));
    const seen = new Set(questions.map((q) => q.text));
    const extra =
      questions.length >= minQueries
        ? []
        : (await readBeir(SCIFACT_DIR)).queries
            .filter((q) => !seen.has(q.text))
            .slice(0, Math.max(0, minQueries - questions.length));
    return {
      name,
      corpus: await readCorpus(SEED_DIR, DEFAULT_CHUNKING),
      queries: [...questions, ...extra],
      data: SEED_DIR,
      fromDisk: true,
    };
  }
  const scifact = await readBeir(SCIFACT_DIR);
  if (name === 'scifact')
    return {
      name,
      corpus: scifact.corpus,
      queries: scifact.queries,
      qrels: scifact.qrels,
      data: SCIFACT_DIR,
      fromDisk: false,
    };
  const small = synthesize(scifact.corpus, 10_000);
  if (name === 'synthetic-10k')
    return { name, corpus: small, queries: scifact.queries, data: SCIFACT_DIR, fromDisk: false };
  const { corpus, pairs } = joinPairs(small, 100_000);
  return { name, corpus, pairs, queries: scifact.queries, data: SCIFACT_DIR, fromDisk: false };
}

const PASSAGES_PER_DOCUMENT = 5;

/**
 * `count` passages of 2–6 SciFact sentences each, five passages per document titled after a SciFact title.
 * Each passage carries a one-paragraph display body, as a markdown paragraph would.
 */
export function synthesize(source: Corpus, count: number): Corpus {
  const sentences = source.passages
    .flatMap((p) => p.text.split(/(?<=[.!?])\s+(?=[A-Z0-9])/))
    .filter((s) => s.length > 20);
  const titles = source.documents.map((d) => d.title).filter(Boolean);
  const next = rng(count);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const corpus: Corpus = { documents: [], passages: [], rejected: [], warnings: [] };
  for (let i = 0; i < count; i++) {
    if (i % PASSAGES_PER_DOCUMENT === 0)
      corpus.documents.push({
        id: `synthetic/${(i / PASSAGES_PER_DOCUMENT).toString(36)}.md`,
        title: pick(titles),
        tags: [],
      });
    const text = Array.from({ length: 2 + Math.floor(next() * 5) }, () => pick(sentences)).join(' ');
    const doc = corpus.documents.length - 1;
    corpus.passages.push(paragraph(`s${i.toString(36)}`, doc, text));
  }
  return corpus;
}

function paragraph(id: string, doc: number, text: string): Corpus['passages'][number] {
  return {
    id,
    doc,
    headings: [],
    text,
    tags: [],
    body: [{ type: 'element', tagName: 'p', children: [{ type: 'text', value: text }] }],
  };
}

/** `count` passages, each the text of two distinct passages of `source` (titled after the first one's document). */
export function joinPairs(source: Corpus, count: number): { corpus: Corpus; pairs: [number, number][] } {
  const next = rng(count);
  const n = source.passages.length;
  const corpus: Corpus = { documents: [], passages: [], rejected: [], warnings: [] };
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = Math.floor(next() * n);
    const b = (a + 1 + Math.floor(next() * (n - 1))) % n;
    if (i % PASSAGES_PER_DOCUMENT === 0)
      corpus.documents.push({
        id: `joined/${(i / PASSAGES_PER_DOCUMENT).toString(36)}.md`,
        title: source.documents[source.passages[a].doc].title,
        tags: [],
      });
    corpus.passages.push(
      paragraph(
        `j${i.toString(36)}`,
        corpus.documents.length - 1,
        `${source.passages[a].text} ${source.passages[b].text}`,
      ),
    );
    pairs.push([a, b]);
  }
  return { corpus, pairs };
}
