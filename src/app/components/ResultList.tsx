// Results as passages: title, breadcrumbs, snippet with marks, tags. Each is a real link (open in new tab works).
// The search screen's list is the search box's listbox: each link is an option itself (role="option" on the link,
// never an option containing a link), so the list has no interactive element nested in another.
import type { SearchResult } from '../../core/types.ts';
import { passageHref } from '../route.ts';
import { Marked } from './Marked.tsx';

interface Props {
  results: SearchResult[];
  query: string;
  activeIndex: number;
  onOpen: (result: SearchResult, event: MouseEvent) => void;
  /** Id prefix, so two lists on one page never share element ids. */
  idPrefix?: string;
  /** The list the search box controls (a listbox with an active option); otherwise a plain list of links. */
  listbox?: boolean;
  label?: string;
}

export const resultElementId = (id: string, prefix = 'r') => `${prefix}-${id}`;

export function ResultList({ results, query, activeIndex, onOpen, idPrefix = 'r', listbox = false, label = 'Results' }: Props) {
  return (
    <ol class="results" id={listbox ? 'results' : undefined} role={listbox ? 'listbox' : undefined} aria-label={label}>
      {results.map((r, i) => (
        <li key={r.id} class="result" role={listbox ? 'none' : undefined} data-passage={r.id} data-doc={r.doc}>
          <a
            id={resultElementId(r.id, idPrefix)}
            class="result-link"
            role={listbox ? 'option' : undefined}
            aria-selected={listbox ? i === activeIndex : undefined}
            href={passageHref(r.id, query)}
            onClick={(e) => onOpen(r, e)}
          >
            <span class="result-title">{r.title}</span>
            {r.headings.length > 0 && (
              <span class="crumbs">
                {r.headings.map((heading, j) => (
                  <span key={j} class="crumb">
                    {heading}
                  </span>
                ))}
              </span>
            )}
            <span class="snippet">
              <Marked text={r.snippet.text} highlights={r.snippet.highlights} />
            </span>
            {r.tags.length > 0 && (
              <span class="tags">
                {r.tags.map((t) => (
                  <span key={t} class="tag">
                    #{t}
                  </span>
                ))}
              </span>
            )}
          </a>
        </li>
      ))}
    </ol>
  );
}
