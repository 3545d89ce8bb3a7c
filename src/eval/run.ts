// The evaluation harness: runs a query set through the same SearchIndex the app uses, per mode, and
// scores the rankings. Nothing here ranks on its own.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { buildIndex } from '../build/build.ts';
import { silentReporter, type Reporter } from '../build/progress.ts';
import { SearchIndex } from '../core/search.ts';
import { stableHash } from '../core/hash.ts';
import type { IndexManifest } from '../core/format.ts';
import type { SearchMode } from '../core/types.ts';
import { openIndex } from '../cli/open-index.ts';
import { readBeir, readQuestions, normalizePhrase, type Query } from './dataset.ts';
import { mean, queryMetrics, dedupe, type QueryMetrics } from './metrics.ts';

export const MODES: SearchMode[] = ['keyword', 'semantic', 'hybrid'];

export interface ModeResult {
  metrics: QueryMetrics;
  perQuery: Record<string, QueryMetrics>;
}

export interface EvalResult {
  dataset: string;
  queries: number;
  passages: number;
  model: string;
  modes: Partial<Record<SearchMode, ModeResult>>;
}

export interface EvalOptions {
  modes?: SearchMode[];
  model?: string;
  /** Override the index's search settings (for tuning without a rebuild). */
  search?: Partial<IndexManifest['search']>;
  cacheDir?: string;
  reporter?: Reporter;
  /** Evaluate only queries whose id passes (e.g. odd ids for tuning). */
  select?: (q: Query) => boolean;
}

/** Runs every query in every mode; `relevant` tells, per query, which results count and how much. */
async function runQueries(
  dir: string,
  queries: Query[],
  relevantOf: (q: Query, index: SearchIndex) => Map<string, number>,
  key: 'doc' | 'id',
  options: EvalOptions,
): Promise<{ index: SearchIndex; modes: EvalResult['modes'] }> {
  const opened = await openIndex(dir);
  let index = opened.index;
  if (options.search) index = index.withSettings({ ...index.manifest.search, ...options.search });
  const modes = options.modes ?? MODES;
  const vectors = modes.some((m) => m !== 'keyword') ? await opened.embedQueries(queries.map((q) => q.text)) : [];
  const out: EvalResult['modes'] = {};
  for (const mode of modes) {
    const perQuery: Record<string, QueryMetrics> = {};
    queries.forEach((q, i) => {
      const { results } = index.search(q.text, { mode, k: 100, queryVector: vectors[i] ?? null });
      perQuery[q.id] = queryMetrics(dedupe(results.map((r) => r[key])), relevantOf(q, index));
    });
    out[mode] = { metrics: mean(Object.values(perQuery)), perQuery };
  }
  return { index, modes: out };
}

/** Builds (or reuses a cached) index of a BEIR dataset and evaluates it. */
export async function evaluateBeir(datasetDir: string, options: EvalOptions = {}): Promise<EvalResult> {
  const reporter = options.reporter ?? silentReporter;
  const dataset = await readBeir(datasetDir);
  const corpusStat = await stat(path.join(datasetDir, 'corpus.jsonl'));
  const model = options.model ?? 'lantern-static';
  const key = stableHash(JSON.stringify([path.resolve(datasetDir), corpusStat.size, corpusStat.mtimeMs, model]), 10);
  const dir = path.join(options.cacheDir ?? path.resolve('.cache/lantern/eval'), `${dataset.name}-${key}`);
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    reporter.line(`eval       building the ${dataset.name} index (${dataset.corpus.passages.length} passages) into ${dir}`);
    await buildIndex({ data: datasetDir, corpus: dataset.corpus, out: dir, model, reporter });
  }
  const queries = options.select ? dataset.queries.filter(options.select) : dataset.queries;
  const { index, modes } = await runQueries(dir, queries, (q) => dataset.qrels.get(q.id) ?? new Map(), 'doc', options);
  return { dataset: dataset.name, queries: queries.length, passages: index.passages.length, model, modes };
}

/** Evaluates a questions file against an existing index of the corpus it asks about. */
export async function evaluateQuestions(questionsFile: string, indexDir: string, options: EvalOptions = {}): Promise<EvalResult> {
  const all = await readQuestions(questionsFile);
  const questions = options.select ? all.filter(options.select) : all;
  const byId = new Map(all.map((q) => [q.id, q]));
  const relevantOf = (q: Query, index: SearchIndex) => {
    const question = byId.get(q.id)!;
    const phrase = normalizePhrase(question.phrase);
    const relevant = new Map<string, number>();
    for (const p of index.passages) {
      if (index.documents[p.doc].id === question.doc && normalizePhrase(p.text).includes(phrase)) relevant.set(p.id, 1);
    }
    if (relevant.size === 0) throw new Error(`${questionsFile}: question ${q.id} names phrase "${question.phrase}" that no passage of ${question.doc} contains`);
    return relevant;
  };
  const { index, modes } = await runQueries(indexDir, questions, relevantOf, 'id', options);
  return { dataset: path.basename(questionsFile), queries: questions.length, passages: index.passages.length, model: index.manifest.model.name, modes };
}
