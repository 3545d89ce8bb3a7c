// The line above the results: how many match and how many of them are shown ("Top 20 of 100+ matches": the count
// is a lower bound when only the top candidates were ranked), never counting the closest passages by meaning
// offered when none does nor the weaker passages semantic mode ranks after the matches; which mode ranked them,
// how long it took, or why there are none.
import type { SearchMode } from '../../core/types.ts';
import type { EngineStatus } from '../search-client.ts';
import type { ShownAnswer } from '../hooks/use-search.ts';
import { plural } from '../labels.ts';

export function ResultsHeader({
  answer,
  requested,
  model,
}: {
  answer: ShownAnswer | null;
  requested: SearchMode;
  model: EngineStatus['model']['state'];
}) {
  if (!answer) return <p class="results-meta muted">Searching…</p>;
  const n = answer.results.filter((r) => !r.weak).length;
  const ms = answer.timings.keyword + answer.timings.vector + answer.timings.fusion + answer.timings.embed;
  if (n === 0 && requested === 'semantic' && model !== 'ready') {
    return (
      <p class="results-meta">
        {model === 'failed'
          ? 'Semantic search is unavailable: the model failed to load. Keyword search still works.'
          : 'Semantic search starts when the model has loaded.'}
      </p>
    );
  }
  const fallback = requested === 'hybrid' && answer.mode === 'keyword' ? ' (keyword until the model is ready)' : '';
  return (
    <p class="results-meta muted" data-mode={answer.mode} data-settled={String(!answer.prefix)} data-count={n}>
      {matchCount(n, answer.total, answer.more)} · {answer.mode}
      {fallback} · {ms < 1 ? '<1' : Math.round(ms)} ms
    </p>
  );
}

/** "No passages match.", "7 matches", "Top 20 of 57 matches", "Top 20 of 100+ matches" (`more`: at least `total`). */
export function matchCount(shown: number, total: number, more: boolean): string {
  if (shown === 0) return 'No passages match.';
  const all = Math.max(total, shown);
  if (!more && all === shown) return plural(all, 'match', 'matches');
  return `Top ${shown} of ${all}${more ? '+' : ''} matches`;
}
