// Links and routes. The app uses hash routes so any static host serves every link without rewrites:
//   #/                                   start page
//   #/search?q=…&mode=…&doc=…&folder=…&tag=…&n=…   a search (filters repeatable; &exact=1: the words as typed, no
//                                        typo tolerance; &n: how many results are shown, after "Show more")
//   #/passage/<id>?q=…                   a passage inside its document, highlighted (q keeps the terms marked; &exact=1 too)
// Shared links point at a passage's own static page instead, `p/<id>.html` (link previews, readers without
// scripts), which takes the reader on to `#/passage/<id>`; a sharded (large) index has one page per document,
// `p/d/<hash of the document id>.html#<id>`, with an anchor per passage.
import { SEARCH_MODES, type SearchMode, type SearchFilters } from './types.ts';
import { stableHash } from './hash.ts';

export type Route =
  | { view: 'home' }
  | { view: 'search'; query: string; mode?: SearchMode; filters: SearchFilters; exact?: boolean; shown?: number }
  | { view: 'passage'; id: string; query?: string; exact?: boolean };

/** Longer queries are cut: a URL is no place for a document. */
export const MAX_QUERY_LENGTH = 500;
/** At most this many results are asked for by a link (`&n=`): "Show more" adds a page at a time. */
export const MAX_SHOWN = 1000;
const ID = /^[a-z0-9-]{1,40}$/;

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, search = ''] = raw.split('?', 2);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const query = (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH);
  const exact = query && params.get('exact') === '1' ? { exact: true } : {};
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'passage' && parts[1]) {
    let id: string;
    try {
      id = decodeURIComponent(parts[1]);
    } catch {
      id = parts[1];
    }
    return { view: 'passage', id, ...(query ? { query } : {}), ...exact };
  }
  if (parts[0] === 'search' || query) {
    const mode = params.get('mode') as SearchMode | null;
    const filters: SearchFilters = {};
    const docs = params.getAll('doc').filter(Boolean);
    const folders = params.getAll('folder').filter(Boolean);
    const tags = params.getAll('tag').filter(Boolean);
    if (docs.length) filters.docs = docs;
    if (folders.length) filters.folders = folders;
    if (tags.length) filters.tags = tags;
    const n = Number(params.get('n'));
    const shown = Number.isInteger(n) && n > 0 ? { shown: Math.min(n, MAX_SHOWN) } : {};
    return {
      view: 'search',
      query,
      ...(mode && SEARCH_MODES.includes(mode) ? { mode } : {}),
      filters,
      ...exact,
      ...shown,
    };
  }
  return { view: 'home' };
}

export function formatRoute(route: Route): string {
  if (route.view === 'home') return '#/';
  const params = new URLSearchParams();
  if (route.view === 'passage') {
    if (route.query) params.set('q', route.query);
    if (route.query && route.exact) params.set('exact', '1');
    const qs = params.toString();
    return `#/passage/${encodeURIComponent(route.id)}${qs ? `?${qs}` : ''}`;
  }
  params.set('q', route.query);
  if (route.mode) params.set('mode', route.mode);
  for (const doc of route.filters.docs ?? []) params.append('doc', doc);
  for (const folder of route.filters.folders ?? []) params.append('folder', folder);
  for (const tag of route.filters.tags ?? []) params.append('tag', tag);
  if (route.exact) params.set('exact', '1');
  if (route.shown) params.set('n', String(route.shown));
  return `#/search?${params.toString()}`;
}

/** True when `id` has the shape of a passage id (anything else cannot exist in an index). */
export function isPassageId(id: string): boolean {
  return ID.test(id);
}

/** The absolute link to a passage, for sharing and for the CLI. */
export function passageLink(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/#.*$/, '')}${formatRoute({ view: 'passage', id })}`;
}

/** How the site build writes the static pages of passages: one per passage, or one per document (large indexes). */
export type PageLayout = 'passage' | 'document';

/** The path, relative to the site's root, of a passage's static page (written by the site build). */
export function passagePagePath(id: string): string {
  return `p/${encodeURIComponent(id)}.html`;
}

/** The path of a document's page (the `document` layout); its passages are anchors named by their ids. */
export function documentPagePath(docId: string): string {
  return `p/d/${stableHash(docId, 12)}.html`;
}

/** Where the page of passage `id` of document `docId` is, in `layout`. */
export function passagePageLink(layout: PageLayout, id: string, docId: string): string {
  return layout === 'document' ? `${documentPagePath(docId)}#${encodeURIComponent(id)}` : passagePagePath(id);
}
