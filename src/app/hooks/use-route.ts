// The screen the URL names (route.ts) and the search it holds (words, mode, filters): the address bar follows
// the search being shown (replaced while typing), and Back/forward or a hand-edited URL bring the screen back.
import { useEffect, useState } from 'preact/hooks';
import type { SearchFilters, SearchMode } from '../../core/types.ts';
import { DEFAULT_SETTINGS } from '../storage.ts';
import { cameFromApp, currentRoute, PAGE_SIZE, searchRoute, writeRoute, type Route } from '../route.ts';

/** What "Show more" is counted for: new words, filters or exactness start again at one page (a new mode keeps it). */
const searchKey = (query: string, filters: SearchFilters, exact: boolean) =>
  JSON.stringify([query.trim(), filters.docs ?? [], filters.folders ?? [], filters.tags ?? [], exact]);

export function useRoute() {
  const [initial] = useState(currentRoute);
  const [route, setRoute] = useState<Route>(initial);
  const [text, setText] = useState(initial.view === 'search' ? initial.query : '');
  const [mode, setMode] = useState<SearchMode>((initial.view === 'search' && initial.mode) || DEFAULT_SETTINGS.mode);
  const [filters, setFilters] = useState<SearchFilters>(initial.view === 'search' ? initial.filters : {});
  /** Search the words exactly as typed (the user declined the corrected spelling). */
  const [exact, setExact] = useState(initial.view !== 'home' && Boolean(initial.exact));
  /** How many results to show, for the search it was asked for (the first page for any other). */
  const [shownFor, setShownFor] = useState(() =>
    initial.view === 'search'
      ? { key: searchKey(initial.query, initial.filters, Boolean(initial.exact)), n: initial.shown ?? PAGE_SIZE }
      : { key: '', n: PAGE_SIZE },
  );
  const key = searchKey(text, filters, exact);
  const shown = shownFor.key === key ? shownFor.n : PAGE_SIZE;

  // Back/forward and hand-edited URLs: the URL is the source of truth.
  useEffect(() => {
    const sync = () => {
      const next = currentRoute();
      setRoute(next);
      if (next.view === 'search') {
        setText(next.query);
        if (next.mode) setMode(next.mode);
        setFilters(next.filters);
        setExact(Boolean(next.exact));
        setShownFor({ key: searchKey(next.query, next.filters, Boolean(next.exact)), n: next.shown ?? PAGE_SIZE });
      } else if (next.view === 'home') {
        setText('');
        setFilters({});
        setExact(false);
      }
    };
    addEventListener('popstate', sync);
    addEventListener('hashchange', sync);
    return () => {
      removeEventListener('popstate', sync);
      removeEventListener('hashchange', sync);
    };
  }, []);

  // Keep the address bar on the search being shown (replace, not push: typing is not navigation).
  useEffect(() => {
    if (route.view === 'passage') return;
    const next = searchRoute(text, mode, filters, exact, shown);
    writeRoute(next);
    if (next.view !== route.view) setRoute(next);
  }, [text, mode, filters, exact, shown, route.view]);

  /** One more page of results for the search shown. */
  const showMore = () => setShownFor({ key, n: shown + PAGE_SIZE });

  /** Shows the search screen for `query`, filters cleared. */
  const showSearch = (query: string, asTyped = false) => {
    setText(query);
    setFilters({});
    setExact(asTyped);
    const next = searchRoute(query, mode, {}, asTyped);
    writeRoute(next);
    setRoute(next);
  };

  /** Opens a passage as a new history entry, so Back returns to the search. */
  const openPassage = (id: string, query: string, asTyped = false) => {
    const next: Route = {
      view: 'passage',
      id,
      ...(query ? { query } : {}),
      ...(query && asTyped ? { exact: true } : {}),
    };
    writeRoute(next, true);
    setRoute(next);
  };

  /** From a passage back to the search: history's own Back when the app pushed the passage, else a search for its words. */
  const back = () => {
    if (cameFromApp()) return void history.back(); // popstate restores the search
    showSearch(route.view === 'passage' ? (route.query ?? '') : '', route.view === 'passage' && Boolean(route.exact));
  };

  /** True when the link opened named a mode: it wins over the saved one. */
  const linkNamedMode = initial.view === 'search' && Boolean(initial.mode);

  return {
    route,
    text,
    mode,
    filters,
    exact,
    shown,
    showMore,
    setText,
    setMode,
    setFilters,
    setExact,
    showSearch,
    openPassage,
    back,
    linkNamedMode,
  };
}
