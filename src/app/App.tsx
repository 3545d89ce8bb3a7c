// The app shell: search screen and passage screen, both driven by the URL. Its state lives in hooks named after
// what they do (hooks/): the route and the search it holds, the search itself, settings and recent searches.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SearchMode, SearchResult } from '../core/types.ts';
import type { DocumentEntry } from './protocol.ts';
import type { SearchClient } from './search-client.ts';
import type { Storage, Theme } from './storage.ts';
import { PAGE_SIZE, toggleFilter, type FilterKind } from './route.ts';
import { SearchBox } from './components/SearchBox.tsx';
import { Filters, FiltersButton, hasFilters } from './components/Filters.tsx';
import { ResultList, resultElementId } from './components/ResultList.tsx';
import { ResultsHeader } from './components/ResultsHeader.tsx';
import { NoMatch } from './components/NoMatch.tsx';
import { DidYouMean } from './components/DidYouMean.tsx';
import { PassageView } from './components/PassageView.tsx';
import { Status } from './components/Status.tsx';
import { Home } from './components/Home.tsx';
import { useOnline } from './hooks/use-online.ts';
import { useRoute } from './hooks/use-route.ts';
import { useSearch } from './hooks/use-search.ts';
import { useRecentSearches, useSettings } from './hooks/use-settings.ts';
import { useEngineStatus } from './hooks/use-engine-status.ts';
import { EXAMPLES, SITE_NAME } from './site.ts';
import { pageTitle } from './title.ts';

/** The heading over the passages offered when nothing matches (the CLI says the same). */
const CLOSEST_TITLE = 'Closest passages by meaning (not matches)';

interface Props {
  client: SearchClient;
  storage: Promise<Storage>;
  updateReady: Promise<() => void>;
}

export function App({ client, storage, updateReady }: Props) {
  const status = useEngineStatus(client);
  const {
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
    openPassage: showPassage,
    back,
    linkNamedMode,
  } = useRoute();
  // The mode saved in settings applies unless the link named one.
  const { settings, save } = useSettings(storage, (saved) => linkNamedMode || setMode(saved.mode));
  const { recent, remember, clear: clearRecent } = useRecentSearches(storage);
  const indexReady = status.index.state === 'ready';
  const modelReady = status.model.state === 'ready';
  const {
    query,
    answer,
    problem: searchProblem,
    typed,
    settle,
  } = useSearch(client, { text, mode, filters, exact, k: shown, indexReady, modelReady }, remember);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** "Show more" was pressed with this many matches on screen: the first new one takes focus when it arrives. */
  const [moreFrom, setMoreFrom] = useState<number | null>(null);
  const [reload, setReload] = useState<(() => void) | null>(null);
  const online = useOnline();
  const inputRef = useRef<HTMLInputElement>(null);
  const searchScroll = useRef(0);

  useEffect(() => void updateReady.then((fn) => setReload(() => fn)), [updateReady]);

  // The list the arrow keys move through: the matches, or when there are none the closest passages by meaning.
  const matches = answer?.results ?? [];
  const closest = matches.length ? [] : (answer?.closest ?? []);
  const results = closest.length ? closest : matches;
  const listId = closest.length ? 'closest' : 'results';
  const found = results.findIndex((r) => r.id === selectedId);
  const activeIndex = results.length ? Math.max(0, found) : -1;
  const active = activeIndex >= 0 ? results[activeIndex] : null;
  const shownMatches = matches.filter((r) => !r.weak).length;
  // More to show: matches beyond those shown, or a full page whose count is a lower bound.
  const canShowMore =
    answer !== null && (shownMatches < answer.total || (answer.more && answer.results.length >= shown));

  // Before paint, so the next page never shows with focus lost on the disabled button.
  useLayoutEffect(() => {
    if (moreFrom === null || !answer || answer.query !== query) return;
    setMoreFrom(null);
    const first = matches[moreFrom];
    if (!first) return;
    setSelectedId(first.id);
    document.getElementById(resultElementId(first.id))?.focus();
  }, [answer]);

  const onShowMore = () => {
    setMoreFrom(matches.length);
    showMore();
  };

  useLayoutEffect(() => {
    if (!active || route.view === 'passage' || found < 0) return;
    document.getElementById(resultElementId(active.id))?.scrollIntoView({ block: 'nearest' });
  }, [active?.id]);

  const openPassage = (id: string, q: string, asTyped = exact) => {
    searchScroll.current = scrollY;
    setSelectedId(id);
    remember(q);
    showPassage(id, q, asTyped);
  };

  const onOpenResult = (result: SearchResult, event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return; // new tab/window: let the link work
    event.preventDefault();
    setSelectedId(result.id);
    if (route.view === 'passage') openPassage(result.id, route.query ?? '', Boolean(route.exact));
    else openPassage(result.id, query);
  };

  const searchFor = (q: string) => {
    settle();
    showSearch(q);
    inputRef.current?.focus();
  };

  const onText = (value: string) => {
    typed();
    setText(value);
    setExact(false); // new words: typo tolerance again
  };

  const searchAsTyped = () => {
    settle();
    setExact(true);
    inputRef.current?.focus();
  };

  /** Nothing matched the corrected words either: search for them as the box's words (whole words match exactly). */
  const searchCorrected = () => {
    if (!answer) return;
    settle();
    setText(answer.searched);
    setExact(false);
    inputRef.current?.focus();
  };

  const onMode = (next: SearchMode) => {
    settle();
    setMode(next);
    save({ mode: next });
  };

  /** The no-match help's other mode: the search runs again in it, and typing goes on in the search box. */
  const onTryMode = (next: SearchMode) => {
    onMode(next);
    inputRef.current?.focus();
  };

  const onTheme = (theme: Theme) => save({ theme });

  const onToggleFilter = (kind: FilterKind, value: string) => {
    settle();
    setFilters((f) => toggleFilter(f, kind, value));
  };

  /** A document of the home screen's browser opens at its first passage. */
  const onOpenDocument = (doc: DocumentEntry, event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    openPassage(doc.first, '');
  };

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!results.length) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelectedId(results[Math.min(results.length - 1, Math.max(0, activeIndex + step))].id);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active) openPassage(active.id, query);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (text) searchFor('');
      else inputRef.current?.blur();
    }
  };

  // `/` focuses the search from anywhere; Esc in the passage view goes back.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const editing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !editing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        if (route.view === 'passage') back();
        requestAnimationFrame(() => inputRef.current?.focus());
      } else if (event.key === 'Escape' && route.view === 'passage') {
        event.preventDefault();
        back();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [route, back]);

  // Back on the search: where it was scrolled, and focus on the result the passage was opened from.
  useEffect(() => {
    if (route.view === 'passage') return;
    requestAnimationFrame(() => {
      scrollTo(0, searchScroll.current);
      if (selectedId && document.activeElement === document.body)
        document.getElementById(resultElementId(selectedId))?.focus({ preventScroll: true });
    });
  }, [route.view]);

  useEffect(() => {
    if (route.view !== 'passage') document.title = pageTitle(SITE_NAME, query);
  }, [route.view, query]);

  const inPassage = route.view === 'passage';
  const summary = status.index.state === 'ready' ? status.index.summary : null;
  const stale = answer && answer.query !== query;

  return (
    <div class={inPassage ? 'app in-passage' : 'app'} data-index-version={summary?.version}>
      <header class="topbar">
        <a
          class="brand"
          href="#/"
          onClick={(e) => {
            e.preventDefault();
            searchFor('');
          }}
        >
          <img src="icons/icon-192.png" alt="" width={28} height={28} />
          <span>{SITE_NAME}</span>
        </a>
        <Status status={status} online={online} onReload={reload} />
        <label class="theme">
          <span class="visually-hidden">Theme</span>
          <select value={settings.theme} onChange={(e) => onTheme(e.currentTarget.value as Theme)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </header>

      <main>
        <div hidden={inPassage} class="search-view">
          <h1 class="visually-hidden">Search {SITE_NAME}</h1>
          <SearchBox
            text={text}
            mode={mode}
            listId={listId}
            activeId={active ? resultElementId(active.id) : null}
            inputRef={inputRef}
            onText={onText}
            onMode={onMode}
            onKey={onSearchKey}
          >
            {summary && hasFilters(summary) && (
              <FiltersButton summary={summary} filters={filters} open={filtersOpen} onOpen={setFiltersOpen} />
            )}
          </SearchBox>
          {summary && hasFilters(summary) && (
            <Filters summary={summary} filters={filters} open={filtersOpen} onToggle={onToggleFilter} />
          )}
          {status.index.state === 'ready' && status.model.state === 'failed' && (
            <p class="problem-notice" data-problem="model">
              Semantic search is unavailable: {status.model.message} Keyword search still works.
            </p>
          )}
          {query && searchProblem && (
            <p class="problem-notice" data-problem="search">
              This search could not finish: {searchProblem}
            </p>
          )}
          {status.index.state === 'failed' && (
            <p class="error" role="alert">
              The index could not be opened: {status.index.message}
            </p>
          )}
          {!query ? (
            <Home
              summary={summary}
              examples={EXAMPLES}
              recent={recent}
              onSearch={searchFor}
              onClear={clearRecent}
              onOpenDocument={onOpenDocument}
            />
          ) : (
            <section class={stale ? 'results-area is-stale' : 'results-area'} aria-busy={stale ? 'true' : 'false'}>
              {answer && !exact && matches.length > 0 && (
                <DidYouMean
                  query={answer.query}
                  searched={answer.searched}
                  corrections={answer.corrections}
                  found
                  onExact={searchAsTyped}
                  onCorrected={searchCorrected}
                />
              )}
              <ResultsHeader answer={answer} requested={mode} model={status.model.state} />
              {answer && !matches.length && !(mode === 'semantic' && !modelReady) && (
                <NoMatch
                  mode={answer.mode}
                  semanticReady={modelReady}
                  onMode={onTryMode}
                  suggestion={
                    !exact && (
                      <DidYouMean
                        query={answer.query}
                        searched={answer.searched}
                        corrections={answer.corrections}
                        found={false}
                        onExact={searchAsTyped}
                        onCorrected={searchCorrected}
                      />
                    )
                  }
                />
              )}
              {closest.length ? (
                <section class="closest" aria-labelledby="closest-title">
                  <h2 id="closest-title" class="closest-title">
                    {CLOSEST_TITLE}
                  </h2>
                  <ResultList
                    results={closest}
                    query={query}
                    activeIndex={activeIndex}
                    onOpen={onOpenResult}
                    listbox
                    listId={listId}
                    label={CLOSEST_TITLE}
                  />
                </section>
              ) : (
                <ResultList results={matches} query={query} activeIndex={activeIndex} onOpen={onOpenResult} listbox />
              )}
              {!closest.length && canShowMore && (
                <button type="button" class="button show-more" onClick={onShowMore} disabled={moreFrom !== null}>
                  {moreFrom !== null
                    ? 'Loading…'
                    : `Show ${answer.more ? PAGE_SIZE : Math.min(PAGE_SIZE, answer.total - shownMatches)} more`}
                </button>
              )}
            </section>
          )}
        </div>
        {inPassage && (
          <PassageView
            client={client}
            passageId={route.id}
            query={route.query ?? ''}
            exact={Boolean(route.exact)}
            modelReady={modelReady}
            onBack={back}
            onSearch={searchFor}
            onOpen={onOpenResult}
            onFollow={(id) => showPassage(id, '')}
          />
        )}
      </main>
    </div>
  );
}
