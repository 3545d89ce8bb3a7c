// Results as passages: title, breadcrumbs, snippet with marks, tags. Each is a real link (open in new tab works).
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
}

export const resultElementId = (id: string, prefix = 'r') => `${prefix}-${id}`;

export function ResultList({ results, query, activeIndex, onOpen, idPrefix = 'r' }: Props) {
  return (
    <ol class="results" id={idPrefix === 'r' ? 'results' : undefined} role="listbox" aria-label="Results">
      {results.map((r, i) => (
        <li key={r.id} id={resultElementId(r.id, idPrefix)} class="result" role="option" aria-selected={i === activeIndex} data-passage={r.id} data-doc={r.doc}>
          <a class="result-link" href={passageHref(r.id, query)} onClick={(e) => onOpen(r, e)}>
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
