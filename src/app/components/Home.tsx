// The start screen: what is searchable, example questions (lantern.config.json `examples`), recent searches (with
// a way to forget them), the documents by folder (a document opens at its first passage), and the index's build
// details out of the way in a closed disclosure.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { DocumentEntry, IndexSummary } from '../protocol.ts';
import { folderTree } from '../folder-tree.ts';
import { plural } from '../labels.ts';
import { passageHref } from '../route.ts';
import { FolderTree } from './FolderTree.tsx';

interface Props {
  summary: IndexSummary | null;
  examples: string[];
  recent: string[];
  onSearch: (query: string) => void;
  onClear: () => void;
  /** A document of the browser was opened (at its first passage). */
  onOpenDocument: (doc: DocumentEntry, event: MouseEvent) => void;
}

function Queries({
  id,
  title,
  queries,
  onSearch,
  action,
}: {
  id: string;
  title: string;
  queries: string[];
  onSearch: (query: string) => void;
  action?: ComponentChildren;
}) {
  return (
    <section class="queries" aria-labelledby={id}>
      <div class="queries-head">
        <h2 id={id}>{title}</h2>
        {action}
      </div>
      <ul>
        {queries.map((q) => (
          <li key={q}>
            <button type="button" class="query-item" onClick={() => onSearch(q)}>
              {q}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** ", built 3/14/2026, 09:30:00" in the reader's locale; nothing for a date that does not parse. */
function builtOn(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `, built ${date.toLocaleString()}`;
}

export function Home({ summary, examples, recent, onSearch, onClear, onOpenDocument }: Props) {
  const tree = useMemo(() => (summary ? folderTree(summary.documents) : null), [summary]);
  return (
    <section class="home">
      <p class="lede">
        {summary
          ? `Search ${plural(summary.passages, 'passage')} in ${plural(summary.documents.length, 'document')} — by words or by meaning, on this device.`
          : 'Opening your documents…'}
      </p>
      {examples.length > 0 && <Queries id="examples-title" title="Try asking" queries={examples} onSearch={onSearch} />}
      {recent.length > 0 && (
        <Queries
          id="recent-title"
          title="Recent searches"
          queries={recent}
          onSearch={onSearch}
          action={
            <button type="button" class="link-button" onClick={onClear}>
              Clear history
            </button>
          }
        />
      )}
      {tree && (
        <section class="browse" aria-labelledby="browse-title">
          <h2 id="browse-title">Browse</h2>
          <FolderTree
            root={tree}
            idPrefix="bf"
            label="Documents by folder"
            document={(d) => (
              <a
                class="browse-document"
                href={passageHref(d.first, '')}
                title={d.id}
                onClick={(e) => onOpenDocument(d, e)}
              >
                {d.title}
              </a>
            )}
          />
        </section>
      )}
      <p class="hints muted">
        <kbd>/</kbd> search · <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> clear or back
      </p>
      {summary && (
        <details class="about muted">
          <summary>About this index</summary>
          <p>
            {plural(summary.passages, 'passage')} from {plural(summary.documents.length, 'document')}
            {builtOn(summary.builtAt)}. Index version {summary.version}.
          </p>
        </details>
      )}
    </section>
  );
}
