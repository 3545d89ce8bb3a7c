// The evaluation harness: runs a query set through the same SearchIndex the app uses, per mode, and
// scores the rankings. Nothing here ranks on its own.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { buildIndex } from '../indexer/build.ts';
import { DEFAULT_DIM, DEFAULT_GENERAL_WORDS } from '../indexer/model/prepare.ts';
import { silentReporter, type Reporter } from '../indexer/progress.ts';
import type { SearchIndex } from '../core/search.ts';
import { stableHash } from '../core/hash.ts';
import { codeFingerprint } from './builder-code.ts';
import { DEFAULT_SEARCH } from '../core/settings.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
import { SEARCH_MODES, type SearchMode } from '../core/types.ts';
import { openIndex } from '../indexer/read-index.ts';
import { readBeir, readQuestions, readQueries, normalizePhrase, type Query } from './dataset.ts';
import { mean, queryMetrics, dedupe, type QueryMetrics } from './metrics.ts';
import { TEACHER_LABEL, withTeacherVectors } from './teacher.ts';
import { misspell } from './typos.ts';
import { PROBES } from '../indexer/probes.ts';
import { CALIBRATION } from '../core/settings.ts';
import { floorsOf, withSettings } from './variants.ts';

export const MODES = SEARCH_MODES;

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
  /** Each query's text by id (for per-query reports). */
  queryTexts?: Record<string, string>;
  /** Of the queries keyword search misses at 5, how many the other modes find at 5 (when keyword was scored). */
  keywordMisses?: KeywordMisses;
}

export interface KeywordMisses {
  missed: number;
  foundBy: Partial<Record<Exclude<SearchMode, 'keyword'>, number>>;
  /** Of the missed queries semantic search finds, how many hybrid finds too (what fusion keeps of the semantic side). */
  keptByHybrid?: number;
}

/** Questions no keyword search answers are what the semantic side is for: how many of them does it answer? */
export function keywordMisses(modes: EvalResult['modes']): KeywordMisses | undefined {
  const keyword = modes.keyword?.perQuery;
  if (!keyword) return undefined;
  const missed = Object.keys(keyword).filter((id) => keyword[id].hit5 === 0);
  const foundBy: KeywordMisses['foundBy'] = {};
  for (const mode of ['semantic', 'hybrid'] as const) {
    const perQuery = modes[mode]?.perQuery;
    if (perQuery) foundBy[mode] = missed.filter((id) => Object.hasOwn(perQuery, id) && perQuery[id].hit5 === 1).length;
  }
  const semantic = modes.semantic?.perQuery;
  const hybrid = modes.hybrid?.perQuery;
  const keptByHybrid =
    semantic && hybrid ? missed.filter((id) => semantic[id]?.hit5 === 1 && hybrid[id]?.hit5 === 1).length : undefined;
  return { missed: missed.length, foundBy, ...(keptByHybrid !== undefined ? { keptByHybrid } : {}) };
}

export interface EvalOptions {
  modes?: SearchMode[];
  model?: string;
  /** Override the index's search settings (for tuning without a rebuild). */
  search?: Partial<IndexManifest['search']>;
  cacheDir?: string;
  /** Where a build keeps the default model's teacher vectors (default: the checkout's .cache/lantern/teacher). */
  teacherCacheDir?: string;
  reporter?: Reporter;
  /** Evaluate only queries whose id passes (e.g. odd ids for tuning). */
  select?: (q: Query) => boolean;
  /** Build-time adaptation of the default model (BuildOptions.adapt); part of the cached index's key. Default true. */
  adapt?: boolean;
  /** The default model's table size (BuildOptions.generalWords / dim); part of the cached index's key. */
  generalWords?: number;
  dim?: number;
  /** Search with the teacher's own vectors (eval/teacher.ts): the ceiling of the distilled default model. */
  teacher?: boolean;
  /** Give every query one typo (eval/typos.ts), to measure typo tolerance. */
  typos?: boolean;
}

const TYPO_SUFFIX = ' (one typo per query)';

/** A query set with its index, query vectors and judgments, ready to be scored under any settings. */
export interface PreparedRun {
  index: SearchIndex;
  queries: Query[];
  vectors: Float32Array[];
  relevant: Map<string, number>[];
  key: 'doc' | 'id';
}

export async function prepareRun(
  dir: string,
  queries: Query[],
  relevantOf: (q: Query, index: SearchIndex) => Map<string, number>,
  key: 'doc' | 'id',
  embed = true,
): Promise<PreparedRun> {
  const opened = await openIndex(dir);
  const vectors = embed ? await opened.embedQueries(queries.map((q) => q.text)) : [];
  let { index } = opened;
  // An index built before its floors were calibrated at build time gets them here, the same way.
  const floors =
    embed && !index.manifest.search.confidence
      ? floorsOf(index, await opened.embedQueries([...PROBES]))
      : index.manifest.search.confidence;
  // The ranking this code ships, not the one a cached index was built with: only the floors are the index's own.
  index = withSettings(index, {
    ...DEFAULT_SEARCH,
    ...(floors
      ? {
          confidence: {
            ...floors,
            keywordCoverage: CALIBRATION.keywordCoverage,
            unknownWords: CALIBRATION.unknownWords,
          },
        }
      : {}),
  });
  return { index, queries, vectors, relevant: queries.map((q) => relevantOf(q, index)), key };
}

/** Scores one mode; `search` overrides the index's settings, `select` picks queries by position. */
export async function scoreRun(
  run: PreparedRun,
  mode: SearchMode,
  search?: Partial<IndexManifest['search']>,
  select?: (q: Query) => boolean,
): Promise<ModeResult> {
  const index = search ? withSettings(run.index, { ...run.index.manifest.search, ...search }) : run.index;
  // Keyed by query ids from the dataset ("__proto__" is an id like any other): no prototype.
  const perQuery: Record<string, QueryMetrics> = Object.create(null);
  for (const [i, q] of run.queries.entries()) {
    if (select && !select(q)) continue;
    const { results } = await index.search(q.text, {
      mode,
      k: 100,
      queryVector: run.vectors[i] ?? null,
      snippets: false,
    });
    perQuery[q.id] = queryMetrics(dedupe(results.map((r) => r[run.key])), run.relevant[i]);
  }
  return { metrics: mean(Object.values(perQuery)), perQuery };
}

export async function evaluate(
  run: PreparedRun,
  dataset: string,
  model: string,
  options: EvalOptions = {},
): Promise<EvalResult> {
  const modes: EvalResult['modes'] = {};
  for (const mode of options.modes ?? MODES) modes[mode] = await scoreRun(run, mode, options.search, options.select);
  const queries = options.select ? run.queries.filter(options.select).length : run.queries.length;
  const queryTexts = Object.fromEntries(
    run.queries.filter((q) => !options.select || options.select(q)).map((q) => [q.id, q.text]),
  );
  return { dataset, queries, passages: run.index.count, model, modes, queryTexts, keywordMisses: keywordMisses(modes) };
}

/** Builds (or reuses a cached) index of a BEIR dataset and embeds its queries. */
export async function prepareBeir(
  datasetDir: string,
  options: EvalOptions = {},
): Promise<{ run: PreparedRun; name: string; model: string }> {
  const reporter = options.reporter ?? silentReporter;
  const dataset = await readBeir(datasetDir);
  const corpusStat = await stat(path.join(datasetDir, 'corpus.jsonl'));
  const model = options.model ?? 'lantern-static';
  const adapt = options.adapt ?? true;
  // The default model's size and the code that builds indexes are part of the key: an index cached before a change
  // of defaults or of that code is not reused.
  const generalWords = options.generalWords ?? DEFAULT_GENERAL_WORDS;
  const dim = options.dim ?? DEFAULT_DIM;
  const key = stableHash(
    JSON.stringify([
      path.resolve(datasetDir),
      corpusStat.size,
      corpusStat.mtimeMs,
      model,
      generalWords,
      dim,
      ...(adapt ? ['adapt'] : []),
      codeFingerprint(),
    ]),
    10,
  );
  const dir = path.join(options.cacheDir ?? path.resolve('.cache/lantern/eval'), `${dataset.name}-${key}`);
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    reporter.line(
      `eval       building the ${dataset.name} index (${dataset.corpus.passages.length} passages) into ${dir}`,
    );
    await buildIndex({
      data: datasetDir,
      corpus: dataset.corpus,
      out: dir,
      model,
      reporter,
      adapt,
      generalWords,
      dim,
      teacherCacheDir: options.teacherCacheDir,
    });
  }
  const embed = (options.modes ?? MODES).some((m) => m !== 'keyword');
  const queries = options.typos ? dataset.queries.map(misspell) : dataset.queries;
  const run = await prepareRun(dir, queries, (q) => dataset.qrels.get(q.id) ?? new Map(), 'doc', embed);
  return {
    run,
    name: dataset.name + (options.typos ? TYPO_SUFFIX : ''),
    model: model === 'lantern-static' && !adapt ? `${model} (not adapted)` : model,
  };
}

export async function evaluateBeir(datasetDir: string, options: EvalOptions = {}): Promise<EvalResult> {
  const { run, name, model } = await prepareBeir(datasetDir, options);
  if (options.teacher) return evaluate(await withTeacherVectors(run, options.reporter), name, TEACHER_LABEL, options);
  return evaluate(run, name, model, options);
}

/** Opens the index of the corpus a questions file asks about and embeds the questions. */
export async function prepareQuestions(
  questionsFile: string,
  indexDir: string,
  options: EvalOptions = {},
): Promise<PreparedRun> {
  const questions = await readQuestions(questionsFile);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const relevantOf = (q: Query, index: SearchIndex) => {
    const question = byId.get(q.id)!;
    const phrase = normalizePhrase(question.phrase);
    const relevant = new Map<string, number>();
    for (let row = 0; row < index.count; row++) {
      const p = index.passage(row);
      // The answer may sit in the passage's heading path (a date or a place in a job title heading).
      if (
        index.documents[p.doc].id === question.doc &&
        normalizePhrase(`${p.headings.join('\n')}\n${p.text}`).includes(phrase)
      )
        relevant.set(p.id, 1);
    }
    if (relevant.size === 0)
      throw new Error(
        `${questionsFile}: question ${q.id} names phrase "${question.phrase}" that no passage of ${question.doc} contains (in its text or headings)`,
      );
    return relevant;
  };
  return prepareRun(
    indexDir,
    options.typos ? questions.map(misspell) : questions,
    relevantOf,
    'id',
    (options.modes ?? MODES).some((m) => m !== 'keyword'),
  );
}

export async function evaluateQuestions(
  questionsFile: string,
  indexDir: string,
  options: EvalOptions = {},
): Promise<EvalResult> {
  const run = await prepareQuestions(questionsFile, indexDir, options);
  const name = path.basename(questionsFile) + (options.typos ? TYPO_SUFFIX : '');
  if (options.teacher) return evaluate(await withTeacherVectors(run, options.reporter), name, TEACHER_LABEL, options);
  return evaluate(run, name, run.index.manifest.model.name, options);
}

export interface NoMatchResult {
  dataset: string;
  queries: number;
  /** Share of the queries answered with no match at all, per mode (closest-by-meaning passages are not matches). */
  noMatch: Partial<Record<SearchMode, number>>;
}

/** Questions whose answer is not in the corpus (JSONL of {id, text}): how often does each mode say "no match"? */
export async function evaluateUnanswerable(
  file: string,
  indexDir: string,
  modes: SearchMode[] = ['semantic', 'hybrid'],
): Promise<NoMatchResult> {
  const run = await prepareUnanswerable(file, indexDir);
  const noMatch: NoMatchResult['noMatch'] = {};
  for (const mode of modes) noMatch[mode] = await noMatchRate(run, mode);
  return { dataset: path.basename(file), queries: run.queries.length, noMatch };
}

/** Questions whose answer is not in the corpus, embedded and ready to search. */
export async function prepareUnanswerable(file: string, indexDir: string): Promise<PreparedRun> {
  const queries = (await readQueries(file)).map((q) => ({ id: q.id, text: q.text }));
  return prepareRun(indexDir, queries, () => new Map(), 'id');
}

/** Share of a run's queries that get no match at all in `mode`; `search` overrides the index's settings. */
export async function noMatchRate(
  run: PreparedRun,
  mode: SearchMode,
  search?: Partial<IndexManifest['search']>,
): Promise<number> {
  const index = search ? withSettings(run.index, { ...run.index.manifest.search, ...search }) : run.index;
  let empty = 0;
  for (const [i, q] of run.queries.entries()) {
    const { total } = await index.search(q.text, { mode, k: 10, queryVector: run.vectors[i], snippets: false });
    if (total === 0) empty++;
  }
  return empty / run.queries.length;
}
