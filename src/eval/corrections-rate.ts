// How often a correctly spelled query is "corrected": the share of a run's queries whose response carries
// corrections (the app's "Showing results for …"). Every question set is spelled correctly, so each of these is a
// word of the question that the corpus lacks and typo tolerance replaced with another: the target is none.
import type { SearchMode } from '../core/types.ts';
import type { PreparedRun } from './run.ts';

export interface CorrectedQuery {
  id: string;
  text: string;
  /** The query as searched, corrected words replaced. */
  searched: string;
}

export interface CorrectionRate {
  mode: SearchMode;
  queries: number;
  corrected: CorrectedQuery[];
}

export async function correctionRate(run: PreparedRun, mode: SearchMode = 'hybrid'): Promise<CorrectionRate> {
  const corrected: CorrectedQuery[] = [];
  for (const [i, q] of run.queries.entries()) {
    const response = await run.index.search(q.text, {
      mode,
      k: 10,
      queryVector: run.vectors[i] ?? null,
      snippets: false,
    });
    if (response.corrections.length > 0) corrected.push({ id: q.id, text: q.text, searched: response.searched });
  }
  return { mode, queries: run.queries.length, corrected };
}
