// Retrieval metrics over ranked document ids, as BEIR computes them.

export type Qrels = Map<string, Map<string, number>>;

export interface QueryMetrics {
  ndcg10: number;
  recall10: number;
  recall100: number;
  mrr10: number;
  hit1: number;
  hit5: number;
}

export const METRIC_NAMES: (keyof QueryMetrics)[] = ['ndcg10', 'recall10', 'recall100', 'mrr10', 'hit1', 'hit5'];

/** Metrics of one query: `ranked` is the list of document ids, best first (duplicates already removed). */
export function queryMetrics(ranked: string[], relevant: Map<string, number>): QueryMetrics {
  const positives = [...relevant.values()].filter((g) => g > 0).length;
  let dcg = 0;
  ranked.slice(0, 10).forEach((doc, i) => {
    const gain = relevant.get(doc) ?? 0;
    if (gain > 0) dcg += (2 ** gain - 1) / Math.log2(i + 2);
  });
  const ideal = [...relevant.values()]
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, 10);
  const idcg = ideal.reduce((sum, gain, i) => sum + (2 ** gain - 1) / Math.log2(i + 2), 0);
  const found = (k: number) => ranked.slice(0, k).filter((d) => (relevant.get(d) ?? 0) > 0).length;
  const first = ranked.findIndex((d) => (relevant.get(d) ?? 0) > 0);
  return {
    ndcg10: idcg > 0 ? dcg / idcg : 0,
    recall10: positives ? found(10) / positives : 0,
    recall100: positives ? found(100) / positives : 0,
    mrr10: first >= 0 && first < 10 ? 1 / (first + 1) : 0,
    hit1: first === 0 ? 1 : 0,
    hit5: first >= 0 && first < 5 ? 1 : 0,
  };
}

export function mean(rows: QueryMetrics[]): QueryMetrics {
  const out = Object.fromEntries(METRIC_NAMES.map((m) => [m, 0])) as unknown as QueryMetrics;
  for (const row of rows) for (const m of METRIC_NAMES) out[m] += row[m] / rows.length;
  return out;
}

/** Ranked passages → ranked documents, keeping each document's best position. */
export function dedupe(ids: string[]): string[] {
  return [...new Set(ids)];
}
