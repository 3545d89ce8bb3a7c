// The URL is the screen: hash routes from core/links.ts, replaced while typing, pushed when a passage opens.
import { formatRoute, parseRoute, passagePageLink, type PageLayout, type Route } from '../core/links.ts';
import type { SearchFilters, SearchMode } from '../core/types.ts';

export type { Route };

export function currentRoute(): Route {
  return parseRoute(location.hash);
}

/** Writes `route` into the address bar; `push` adds a history entry (opening a passage), otherwise it replaces. */
export function writeRoute(route: Route, push = false): void {
  const hash = formatRoute(route);
  if (hash === location.hash || (hash === '#/' && !location.hash)) return;
  if (push) history.pushState({ lantern: true }, '', hash);
  else history.replaceState(history.state, '', hash);
}

/** True when the current entry was pushed by the app, so Back stays inside it. */
export function cameFromApp(): boolean {
  return Boolean((history.state as { lantern?: boolean } | null)?.lantern);
}

/** How many results a search shows at first, and how many more each "Show more" adds. */
export const PAGE_SIZE = 20;

export type FilterKind = 'docs' | 'folders' | 'tags';

/**
 * The route for the search screen: home when the query is empty and nothing is filtered. `shown`: how many
 * results are on screen (kept in the URL past the first page, so Back and a shared link show as many).
 */
export function searchRoute(
  query: string,
  mode: SearchMode,
  filters: SearchFilters,
  exact = false,
  shown = PAGE_SIZE,
): Route {
  const hasFilters = Boolean(filters.docs?.length || filters.folders?.length || filters.tags?.length);
  if (!query.trim() && !hasFilters) return { view: 'home' };
  return {
    view: 'search',
    query,
    mode,
    filters,
    ...(exact && query.trim() ? { exact } : {}),
    ...(shown > PAGE_SIZE && query.trim() ? { shown } : {}),
  };
}

/** Adds or removes one filter value. */
export function toggleFilter(filters: SearchFilters, kind: FilterKind, value: string): SearchFilters {
  const current = filters[kind] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const out: SearchFilters = { ...filters };
  if (next.length) out[kind] = next;
  else delete out[kind];
  return out;
}

export function passageHref(id: string, query: string): string {
  return formatRoute({ view: 'passage', id, ...(query.trim() ? { query: query.trim() } : {}) });
}

/**
 * The absolute link to share for a passage: its static page beside the app, wherever the app is served (any host,
 * any sub-path). The page previews in chat apps and opens the passage in the app.
 */
export function shareUrl(id: string, docId: string, layout: PageLayout, href: string = location.href): string {
  return new URL(passagePageLink(layout, id, docId), href).href;
}
