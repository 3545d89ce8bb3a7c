// The start screen: what is searchable, and recent searches (with a way to forget them).
import type { IndexSummary } from '../protocol.ts';
import { plural } from '../labels.ts';

interface Props {
  summary: IndexSummary | null;
  recent: string[];
  onSearch: (query: string) => void;
  onClear: () => void;
}

export function Home({ summary, recent, onSearch, onClear }: Props) {
  return (
    <section class="home">
      <p class="lede">
        {summary
          ? `Search ${plural(summary.passages, 'passage')} in ${plural(summary.documentCount, 'document')} — by words or by meaning, on this device.`
          : 'Opening your documents…'}
      </p>
      {recent.length > 0 && (
        <div class="recent">
          <div class="recent-head">
            <h2>Recent searches</h2>
            <button type="button" class="link-button" onClick={onClear}>
              Clear history
            </button>
          </div>
          <ul>
            {recent.map((q) => (
              <li key={q}>
                <button type="button" class="recent-item" onClick={() => onSearch(q)}>
                  {q}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="hints muted">
        <kbd>/</kbd> search · <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> clear or back
      </p>
      {summary && <p class="version muted">Index version {summary.version}</p>}
    </section>
  );
}
