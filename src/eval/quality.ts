// `lantern quality`: every question set the ranking is judged on, in one table. SciFact (BEIR), two questions
// files about data/ (paraphrases; plain questions with names, dates and places), one about the Linux pages of
// the tldr corpus, one about the Rust book, one about undici's documentation, and questions none of those corpora
// answers. Each answerable set is reported whole and on its even-numbered half: `lantern tune` measures on the odd
// half only (README "Quality" says how the shipped settings were picked from it). Per set it also counts the
// correctly spelled queries that get a correction (target: none) and measures hybrid search with one typo per query.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildIndex } from '../indexer/build.ts';
import { corpusFingerprint } from '../indexer/ingest.ts';
import { silentReporter, type Reporter } from '../indexer/progress.ts';
import { stableHash } from '../core/hash.ts';
import { codeFingerprint } from './builder-code.ts';
import type { SearchMode } from '../core/types.ts';
import {
  evaluate,
  evaluateUnanswerable,
  scoreRun,
  prepareBeir,
  prepareQuestions,
  type EvalResult,
  type NoMatchResult,
  type PreparedRun,
} from './run.ts';
import { isOdd } from './tune.ts';
import type { QueryMetrics } from './metrics.ts';
import type { Query } from './dataset.ts';
import { answerRate, type AnswerRate } from './answer-rate.ts';
import { correctionRate, type CorrectionRate } from './corrections-rate.ts';

export interface QualityCorpus {
  name: string;
  dir: string;
  questions: string[];
  unanswerable?: string;
}

export interface QualityPlan {
  beir: string[];
  corpora: QualityCorpus[];
}

/** The sets `npm run quality` measures (paths relative to the repository). tldr: its linux/ pages only, so the
 * index builds in minutes; the folder is a fixed part of the corpus, so the subset is the same on every machine.
 * undici: the documentation folder of the undici package pinned in devDependencies (README "Quality"). */
export const QUALITY_PLAN: QualityPlan = {
  beir: ['../shared/bench/scifact'],
  corpora: [
    {
      name: 'data',
      dir: 'data',
      questions: ['tests/quality/questions.jsonl', 'tests/quality/questions-plain.jsonl'],
      unanswerable: 'tests/quality/unanswerable-data.jsonl',
    },
    {
      name: 'tldr/linux',
      dir: '../shared/corpora/tldr/linux',
      questions: ['tests/quality/tldr-questions.jsonl'],
      unanswerable: 'tests/quality/unanswerable-tldr.jsonl',
    },
    {
      name: 'rust-book',
      dir: '../shared/corpora/rust-book',
      questions: ['tests/quality/rust-book-questions.jsonl'],
    },
    {
      name: 'undici docs',
      dir: 'node_modules/undici/docs/docs',
      questions: ['tests/quality/undici-questions.jsonl'],
    },
  ],
};

/** Builds (or reuses, while the folder and the code that builds indexes are unchanged) the default-model index of a corpus folder; `teacherCacheDir`:
 * where the default model's teacher vectors are kept (default: the checkout's .cache/lantern/teacher). */
export async function corpusIndex(
  dir: string,
  cacheDir: string,
  reporter: Reporter = silentReporter,
  teacherCacheDir?: string,
): Promise<string> {
  const fingerprint = await corpusFingerprint(path.resolve(dir));
  const out = path.join(
    cacheDir,
    `${path.basename(path.resolve(dir))}-${stableHash(JSON.stringify([path.resolve(dir), fingerprint, codeFingerprint()]), 10)}`,
  );
  if (!existsSync(path.join(out, 'manifest.json'))) {
    reporter.line(`quality    building the index of ${dir} into ${out}`);
    await buildIndex({ data: dir, out, reporter, teacherCacheDir });
  }
  return out;
}

export interface SetFigures {
  result: EvalResult;
  /** The same metrics on the even-numbered (held-out) queries only. */
  heldOut: Partial<Record<SearchMode, QueryMetrics>>;
  /** Questions files: how often hybrid's marked answer sentence holds the answer phrase (answer-rate.ts). */
  answer?: AnswerRate;
  /** The correctly spelled queries hybrid search "corrects" (corrections-rate.ts). */
  corrected: CorrectionRate;
  /** Hybrid search with one typo in every query (typos.ts). */
  typos: QueryMetrics;
}

export interface QualityReport {
  sets: SetFigures[];
  noMatch: NoMatchResult[];
}

const isEven = (q: Query) => !isOdd(q);

async function heldOut(run: PreparedRun): Promise<SetFigures['heldOut']> {
  const out: SetFigures['heldOut'] = {};
  for (const mode of ['keyword', 'semantic', 'hybrid'] as const)
    out[mode] = (await scoreRun(run, mode, undefined, isEven)).metrics;
  return out;
}

export async function runQuality(
  plan: QualityPlan = QUALITY_PLAN,
  options: { cacheDir?: string; reporter?: Reporter } = {},
): Promise<QualityReport> {
  const cacheDir = options.cacheDir ?? path.resolve('.cache/lantern/eval');
  const reporter = options.reporter ?? silentReporter;
  const sets: SetFigures[] = [];
  const noMatch: NoMatchResult[] = [];
  for (const dir of plan.beir) {
    const { run, name, model } = await prepareBeir(dir, { reporter, cacheDir });
    const misspelled = (await prepareBeir(dir, { reporter, cacheDir, typos: true })).run;
    sets.push({
      result: await evaluate(run, name, model),
      heldOut: await heldOut(run),
      corrected: await correctionRate(run),
      typos: (await scoreRun(misspelled, 'hybrid')).metrics,
    });
  }
  for (const corpus of plan.corpora) {
    const index = await corpusIndex(corpus.dir, cacheDir, reporter);
    for (const file of corpus.questions) {
      const run = await prepareQuestions(file, index);
      const misspelled = await prepareQuestions(file, index, { typos: true });
      sets.push({
        result: await evaluate(run, `${path.basename(file)} (${corpus.name})`, run.index.manifest.model.name),
        heldOut: await heldOut(run),
        answer: await answerRate(run, file),
        corrected: await correctionRate(run),
        typos: (await scoreRun(misspelled, 'hybrid')).metrics,
      });
    }
    if (corpus.unanswerable) {
      const result = await evaluateUnanswerable(corpus.unanswerable, index);
      noMatch.push({ ...result, dataset: `${result.dataset} (${corpus.name})` });
    }
  }
  return { sets, noMatch };
}
