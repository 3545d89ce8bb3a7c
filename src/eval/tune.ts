// Choosing the search settings by measurement: BM25 parameters on the keyword side, then the fusion
// weights, each picked on the odd-numbered queries and reported on the even ones (and on all), so the
// figures are not fitted to the queries they are reported on.
import type { IndexManifest } from '../core/index-format/manifest.ts';
import type { Query } from './dataset.ts';
import { noMatchRate, scoreRun, type PreparedRun } from './run.ts';
import type { KeywordSettings, FusionSettings } from '../core/settings.ts';

export interface TuneSet {
  name: string;
  run: PreparedRun;
}

export interface TuneReport {
  keyword: KeywordSettings;
  fusion: FusionSettings;
  /** nDCG@10 per set and mode with the chosen settings, on odd (tuning), even (held out) and all queries. */
  figures: { set: string; mode: string; odd: number; even: number; all: number }[];
}

const idNumber = (q: Query) => Number(q.id.replace(/\D/g, '')) || 0;
export const isOdd = (q: Query) => idNumber(q) % 2 === 1;
const isEven = (q: Query) => !isOdd(q);

async function ndcg(
  set: TuneSet,
  mode: 'keyword' | 'hybrid' | 'semantic',
  search: IndexManifest['search'],
  select?: (q: Query) => boolean,
): Promise<number> {
  return (await scoreRun(set.run, mode, search, select)).metrics.ndcg10;
}

function grid<T>(axes: { [K in keyof T]: T[K][] }): T[] {
  return Object.entries(axes).reduce<Record<string, unknown>[]>(
    (acc, [key, values]) => acc.flatMap((partial) => (values as unknown[]).map((v) => ({ ...partial, [key]: v }))),
    [{}],
  ) as T[];
}

/** BM25 is tuned on the BEIR sets (keyword mode); the fusion on every set at once (see below). */
export async function tune(
  beir: TuneSet[],
  questions: TuneSet[],
  base: IndexManifest['search'],
  log: (line: string) => void = () => {},
): Promise<TuneReport> {
  let keyword = base.keyword;
  if (beir.length) {
    let best = -1;
    for (const candidate of grid<Pick<KeywordSettings, 'k1' | 'b' | 'titleBoost'>>({
      k1: [0.9, 1.2, 1.5],
      b: [0.4, 0.6, 0.75],
      titleBoost: [0.5, 1, 2],
    })) {
      const settings = { ...base.keyword, ...candidate };
      let score = 0;
      for (const set of beir)
        score += (await ndcg(set, 'keyword', { keyword: settings, fusion: base.fusion }, isOdd)) / beir.length;
      if (score > best) {
        best = score;
        keyword = settings;
      }
    }
    log(
      `keyword    k1 ${keyword.k1}, b ${keyword.b}, title boost ${keyword.titleBoost} (nDCG@10 on odd BEIR queries ${best.toFixed(3)})`,
    );
  }

  // The fusion must hold on every set and every measure: the setting whose worst gain over keyword-only (odd
  // queries; nDCG@10, hit@1, hit@5 and MRR@10 alike) is highest wins; the mean of those gains breaks ties. Averages
  // alone would let a paraphrase set pay for losses on a keyword set.
  let fusion = base.fusion;
  let best = { worst: -Infinity, mean: -Infinity };
  const sets = [...beir, ...questions];
  const floor = await Promise.all(
    sets.map(async (set) => (await scoreRun(set.run, 'keyword', { keyword, fusion }, isOdd)).metrics),
  );
  // The title and heading path are weighed here too, on every set: they are evidence that a word of the question is
  // covered (coverage counts them), so how much more a match there weighs in BM25 is chosen with the fusion.
  const bm25 = keyword;
  for (const candidate of grid<
    Pick<FusionSettings, 'keywordWeight' | 'weakKeywordWeight' | 'longQuery' | 'documentWeight' | 'coverageBoost'> &
      Pick<KeywordSettings, 'headingBoost' | 'titleBoost'>
  >({
    keywordWeight: [0.6, 0.7, 0.8],
    weakKeywordWeight: [0.2, 0.3],
    longQuery: [3, 7],
    documentWeight: [0, 0.25],
    coverageBoost: [0, 0.75, 1],
    headingBoost: [1, 1.5],
    titleBoost: [0.5, 1],
  })) {
    // Only the ranking settings: each index keeps its own calibrated floors.
    const { headingBoost, titleBoost, ...weights } = candidate;
    const settings = { keyword: { ...bm25, headingBoost, titleBoost }, fusion: { ...base.fusion, ...weights } };
    const hybrid = await Promise.all(
      sets.map(async (set) => (await scoreRun(set.run, 'hybrid', settings, isOdd)).metrics),
    );
    const gains = hybrid.flatMap((m, i) => [
      m.ndcg10 - floor[i].ndcg10,
      m.hit1 - floor[i].hit1,
      m.hit5 - floor[i].hit5,
      m.mrr10 - floor[i].mrr10,
    ]);
    const score = { worst: Math.min(...gains), mean: gains.reduce((a, b) => a + b, 0) / gains.length };
    if (score.worst > best.worst + 1e-9 || (Math.abs(score.worst - best.worst) <= 1e-9 && score.mean > best.mean)) {
      best = score;
      fusion = settings.fusion;
      keyword = settings.keyword;
    }
  }
  log(
    `fusion     heading boost ${keyword.headingBoost}, title boost ${keyword.titleBoost}; keyword weight ${fusion.weakKeywordWeight} → ${fusion.keywordWeight} as the best keyword hit covers 0 → ${fusion.strongMatch} of the query, coverage counts fully up to ${fusion.longQuery} terms, document weight ${fusion.documentWeight}, coverage boost ${fusion.coverageBoost} (worst gain over keyword on odd queries ${best.worst.toFixed(3)})`,
  );

  const chosen = { keyword, fusion };
  const figures: TuneReport['figures'] = [];
  for (const set of [...beir, ...questions]) {
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      figures.push({
        set: set.name,
        mode,
        odd: await ndcg(set, mode, chosen, isOdd),
        even: await ndcg(set, mode, chosen, isEven),
        all: await ndcg(set, mode, chosen),
      });
    }
  }
  return { keyword, fusion, figures };
}

export interface UnknownWordsRow {
  unknownWords: number;
  /** hit@5 of hybrid search on each answerable set's odd queries. */
  hit5: { set: string; value: number }[];
  /** Share of each unanswerable set answered "no match" by hybrid search. */
  noMatch: { set: string; value: number }[];
}

/** How the unknown-words rule (core/confidence.ts) trades answers found for honest "no match"es, one row per value. */
export async function unknownWordsCurve(
  answerable: TuneSet[],
  unanswerable: TuneSet[],
  values = [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
): Promise<UnknownWordsRow[]> {
  const withRule = (run: PreparedRun, unknownWords: number) => {
    const { confidence } = run.index.manifest.search;
    return confidence ? { confidence: { ...confidence, unknownWords } } : {};
  };
  const rows: UnknownWordsRow[] = [];
  for (const unknownWords of values) {
    const hit5: UnknownWordsRow['hit5'] = [];
    for (const set of answerable)
      hit5.push({
        set: set.name,
        value: (await scoreRun(set.run, 'hybrid', withRule(set.run, unknownWords), isOdd)).metrics.hit5,
      });
    const noMatch: UnknownWordsRow['noMatch'] = [];
    for (const set of unanswerable)
      noMatch.push({ set: set.name, value: await noMatchRate(set.run, 'hybrid', withRule(set.run, unknownWords)) });
    rows.push({ unknownWords, hit5, noMatch });
  }
  return rows;
}
