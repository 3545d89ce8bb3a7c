// Results as passages: each titled by its own heading, with the document and the headings above it as context, a
// snippet with marks and tags. Consecutive results from one document are grouped under the document's title
// (result-groups.ts), in rank order; each passage stays its own link to its own place (open in new tab works).
// The search screen's list is the search box's listbox: each link is an option itself (role="option" on the link,
// never an option containing a link), inside a group named by its document; no interactive element is nested in another.
// Weaker passages (semantic mode ranks them by meaning under the match floor, after the matches) follow a visible
// "Weaker matches" divider, as a group of their own, so they are never read as matches.
import type { SearchResult } from '../../core/types.ts';
import { contextOf, groupResults, passageLabel } from '../../core/result-groups.ts';
import { passageHref } from '../route.ts';
import { Marked } from './Marked.tsx';

interface Props {
  results: SearchResult[];
  query: string;
  /** Position of the active result in `results` (rank order). */
  activeIndex: number;
  onOpen: (result: SearchResult, event: MouseEvent) => void;
  /** Id prefix, so two lists on one page never share element ids. */
  idPrefix?: string;
  /** The list the search box controls (a listbox with an active option, element id `listId`); otherwise a plain list of links. */
  listbox?: boolean;
  listId?: string;
  label?: string;
}

export const resultElementId = (id: string, prefix = 'r') => `${prefix}-${id}`;

export const WEAK_TITLE = 'Weaker matches';

export function ResultList({
  results,
  query,
  activeIndex,
  onOpen,
  idPrefix = 'r',
  listbox = false,
  listId = 'results',
  label = 'Results',
}: Props) {
  const card = (r: SearchResult, i: number, grouped: boolean) => {
    const heading = passageLabel(r.title, r.headings);
    const context = grouped ? heading.path : contextOf(r.title, heading);
    return (
      <li key={r.id} class="result" role={listbox ? 'none' : undefined} data-passage={r.id} data-doc={r.doc}>
        <a
          id={resultElementId(r.id, idPrefix)}
          class="result-link"
          role={listbox ? 'option' : undefined}
          aria-selected={listbox ? i === activeIndex : undefined}
          href={passageHref(r.id, query)}
          onClick={(e) => onOpen(r, e)}
        >
          <span class="result-title">{heading.title}</span>
          {context.length > 0 && (
            <span class="crumbs">
              {context.map((part, j) => (
                <span key={j} class="crumb">
                  {part}
                </span>
              ))}
            </span>
          )}
          <span class="snippet">
            <Marked text={r.snippet.text} highlights={r.snippet.highlights} answer={r.snippet.answer} />
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
    );
  };

  const firstWeak = results.findIndex((r) => r.weak);
  const matches = firstWeak < 0 ? results : results.slice(0, firstWeak);
  const weak = firstWeak < 0 ? [] : results.slice(firstWeak);
  const weakId = `${idPrefix}-weak`;

  return (
    <ol class="results" id={listbox ? listId : undefined} role={listbox ? 'listbox' : undefined} aria-label={label}>
      {groupResults(matches).map((group) => {
        if (group.results.length === 1) return card(group.results[0], group.start, false);
        // Several passages of one document in a row: the document once, then each passage (keyed by its first passage).
        const headId = `${idPrefix}-g-${group.results[0].id}`;
        return (
          <li key={headId} role={listbox ? 'none' : undefined} data-doc={group.doc}>
            <div
              class="result-group"
              role={listbox ? 'group' : undefined}
              aria-labelledby={listbox ? headId : undefined}
            >
              <span id={headId} class="group-title">
                {group.title}
              </span>
              <ol class="group-results" role={listbox ? 'none' : undefined}>
                {group.results.map((r, j) => card(r, group.start + j, true))}
              </ol>
            </div>
          </li>
        );
      })}
      {weak.length > 0 && (
        <li key={weakId} class="weak" role={listbox ? 'none' : undefined}>
          <div role={listbox ? 'group' : undefined} aria-labelledby={weakId}>
            <span id={weakId} class="weak-title">
              {WEAK_TITLE}
            </span>
            <ol class="weak-results" role={listbox ? 'none' : undefined}>
              {weak.map((r, j) => card(r, firstWeak + j, false))}
            </ol>
          </div>
        </li>
      )}
    </ol>
  );
}
