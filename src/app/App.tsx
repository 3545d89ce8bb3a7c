// The app shell: search screen and passage screen, both driven by the URL (route.ts), searches run in the
// worker (search-client.ts), recent searches and settings kept in storage.ts.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SearchFilters, SearchMode, SearchResult } from '../core/types.ts';
import type { SearchAnswer } from './protocol.ts';
import type { EngineStatus, SearchClient } from './search-client.ts';
import { DEFAULT_SETTINGS, type Settings, type Storage, type Theme } from './storage.ts';
import { cameFromApp, currentRoute, searchRoute, toggleFilter, writeRoute, type Route } from './route.ts';
import { plural } from './format.ts';
import { SearchBox } from './components/SearchBox.tsx';
import { Filters } from './components/Filters.tsx';
import { ResultList, resultElementId } from './components/ResultList.tsx';
import { PassageView } from './components/PassageView.tsx';
import { Status } from './components/Status.tsx';
import { Home } from './components/Home.tsx';
import { useOnline } from './connectivity.ts';

const RESULTS = 20;
const DEBOUNCE_MS = 60;
/** After this pause the last word counts as finished: the search runs again without prefix matching. */
const SETTLE_MS = 500;

interface Props {
  client: SearchClient;
  storage: Promise<Storage>;
  updateReady: Promise<() => void>;
}

function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function App({ client, storage, updateReady }: Props) {
  const initial = currentRoute();
  const [route, setRoute] = useState<Route>(initial);
  const [text, setText] = useState(initial.view === 'search' ? initial.query : '');
  const [mode, setMode] = useState<SearchMode>((initial.view === 'search' && initial.mode) || DEFAULT_SETTINGS.mode);
  const [filters, setFilters] = useState<SearchFilters>(initial.view === 'search' ? initial.filters : {});
  const [typing, setTyping] = useState(false);
  const [answer, setAnswer] = useState<(SearchAnswer & { query: string; prefix: boolean }) | null>(null);
  /** Why the latest search could not finish (a sharded index's part that could not be downloaded, offline). */
  const [searchProblem, setSearchProblem] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState<EngineStatus>(client.status);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [store, setStore] = useState<Storage | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  const [reload, setReload] = useState<(() => void) | null>(null);
  const online = useOnline();
  const inputRef = useRef<HTMLInputElement>(null);
  const searchScroll = useRef(0);
  const latest = useRef(0);

  const indexReady = status.index.state === 'ready';
  const modelReady = status.model.state === 'ready';
  const query = text.trim();

  useEffect(() => client.subscribe(setStatus), [client]);
  useEffect(() => void updateReady.then((fn) => setReload(() => fn)), [updateReady]);
  useEffect(() => {
    storage.then(async (s) => {
      setStore(s);
      const saved = await s.settings();
      setSettings(saved);
      applyTheme(saved.theme);
      // The mode saved in settings applies unless the link named one.
      if (!(currentRoute().view === 'search' && (currentRoute() as { mode?: SearchMode }).mode)) setMode(saved.mode);
      setRecent(await s.recent());
    });
  }, [storage]);

  // Back/forward and hand-edited URLs: the URL is the source of truth.
  useEffect(() => {
    const sync = () => {
      const next = currentRoute();
      setRoute(next);
      if (next.view === 'search') {
        setText(next.query);
        if (next.mode) setMode(next.mode);
        setFilters(next.filters);
      } else if (next.view === 'home') {
        setText('');
        setFilters({});
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
    const next = searchRoute(text, mode, filters);
    writeRoute(next);
    if (next.view !== route.view) setRoute(next);
  }, [text, mode, filters, route.view]);

  // Search: lightly debounced while typing; re-ranks in place when the model becomes ready.
  useEffect(() => {
    if (!indexReady) return;
    if (!query) {
      setAnswer(null);
      return;
    }
    const id = ++latest.current;
    const prefix = typing && !/\s$/.test(text);
    const run = () =>
      client.search({ query, mode, k: RESULTS, filters, prefix }).then(
        (result) => {
          if (id !== latest.current) return;
          setAnswer({ ...result, query, prefix });
          setSearchProblem(null);
        },
        (error) => {
          if (id !== latest.current) return;
          console.warn('Lantern: search failed', error);
          setSearchProblem(error instanceof Error ? error.message : String(error));
        },
      );
    if (!typing) {
      run();
      return;
    }
    const timer = setTimeout(run, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, indexReady, modelReady, query, text, mode, filters, typing]);

  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(false), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [typing, text]);

  const results = answer?.results ?? [];
  const found = results.findIndex((r) => r.id === selectedId);
  const activeIndex = results.length ? Math.max(0, found) : -1;
  const active = activeIndex >= 0 ? results[activeIndex] : null;

  useLayoutEffect(() => {
    if (!active || route.view === 'passage' || found < 0) return;
    document.getElementById(resultElementId(active.id))?.scrollIntoView({ block: 'nearest' });
  }, [active?.id]);

  const rememberQuery = (q: string) => {
    if (!store || !q.trim()) return;
    store.addRecent(q).then(() => store.recent().then(setRecent));
  };

  const openPassage = useCallback(
    (id: string, q: string) => {
      searchScroll.current = scrollY;
      rememberQuery(q);
      const next: Route = { view: 'passage', id, ...(q ? { query: q } : {}) };
      writeRoute(next, true);
      setRoute(next);
    },
    [store],
  );

  const onOpenResult = (result: SearchResult, event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return; // new tab/window: let the link work
    event.preventDefault();
    setSelectedId(result.id);
    openPassage(result.id, route.view === 'passage' ? (route.query ?? '') : query);
  };

  const backToSearch = useCallback(() => {
    if (cameFromApp()) {
      history.back(); // popstate restores the search and its scroll position
      return;
    }
    const q = route.view === 'passage' ? (route.query ?? '') : '';
    const next = searchRoute(q, mode, {});
    writeRoute(next);
    setText(q);
    setFilters({});
    setRoute(next);
  }, [route, mode]);

  const searchFor = (q: string) => {
    setTyping(false);
    setText(q);
    setFilters({});
    const next = searchRoute(q, mode, {});
    writeRoute(next);
    setRoute(next);
    inputRef.current?.focus();
  };

  const onText = (value: string) => {
    setTyping(true);
    setText(value);
  };

  const onMode = (next: SearchMode) => {
    setTyping(false);
    setMode(next);
    const saved = { ...settings, mode: next };
    setSettings(saved);
    store?.saveSettings(saved);
  };

  const onTheme = (theme: Theme) => {
    const saved = { ...settings, theme };
    setSettings(saved);
    applyTheme(theme);
    store?.saveSettings(saved);
  };

  const onToggleFilter = (kind: 'docs' | 'tags', value: string) => {
    setTyping(false);
    setFilters((f) => toggleFilter(f, kind, value));
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
        if (route.view === 'passage') backToSearch();
        requestAnimationFrame(() => inputRef.current?.focus());
      } else if (event.key === 'Escape' && route.view === 'passage') {
        event.preventDefault();
        backToSearch();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [route, backToSearch]);

  useEffect(() => {
    if (route.view !== 'passage') requestAnimationFrame(() => scrollTo(0, searchScroll.current));
  }, [route.view]);

  const inPassage = route.view === 'passage';
  const summary = status.index.state === 'ready' ? status.index.summary : null;
  const stale = answer && answer.query !== query;

  return (
    <div class="app" data-index-version={summary?.version}>
      <header class="topbar">
        <a class="brand" href="#/" onClick={(e) => (e.preventDefault(), searchFor(''))}>
          <img src="icons/icon-192.png" alt="" width={28} height={28} />
          <span>Lantern</span>
        </a>
        <Status status={status} online={online} onReload={reload} />
        <label class="theme">
          <span class="visually-hidden">Theme</span>
          <select value={settings.theme} onChange={(e) => onTheme(e.currentTarget.value as Theme)}>
            <option value="system">System theme</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </header>

      <main>
        <div hidden={inPassage} class="search-view">
          <SearchBox text={text} mode={mode} activeId={active ? resultElementId(active.id) : null} inputRef={inputRef} onText={onText} onMode={onMode} onKey={onSearchKey} />
          {summary && <Filters summary={summary} filters={filters} onToggle={onToggleFilter} />}
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
            <Home summary={summary} recent={recent} onSearch={searchFor} onClear={() => store?.clearRecent().then(() => setRecent([]))} />
          ) : (
            <section class={stale ? 'results-area is-stale' : 'results-area'} aria-busy={stale ? 'true' : 'false'}>
              <ResultsHeader answer={answer} requested={mode} model={status.model.state} />
              <ResultList results={results} query={query} activeIndex={activeIndex} onOpen={onOpenResult} />
            </section>
          )}
        </div>
        {inPassage && <PassageView client={client} passageId={route.id} query={route.query ?? ''} modelReady={modelReady} onBack={backToSearch} onSearch={searchFor} onOpen={onOpenResult} />}
      </main>
    </div>
  );
}

function ResultsHeader({ answer, requested, model }: { answer: (SearchAnswer & { prefix: boolean }) | null; requested: SearchMode; model: EngineStatus['model']['state'] }) {
  if (!answer) return <p class="results-meta muted">Searching…</p>;
  const n = answer.results.length;
  const ms = answer.timings.keyword + answer.timings.vector + answer.timings.fusion + answer.timings.embed;
  if (n === 0 && requested === 'semantic' && model !== 'ready') {
    return <p class="results-meta">{model === 'failed' ? 'Semantic search is unavailable: the model failed to load. Keyword search still works.' : 'Semantic search starts when the model has loaded.'}</p>;
  }
  const fallback = requested === 'hybrid' && answer.mode === 'keyword' ? ' (keyword until the model is ready)' : '';
  return (
    <p class="results-meta muted" data-mode={answer.mode} data-settled={String(!answer.prefix)}>
      {n === 0 ? 'No passages match.' : `${plural(n, 'passage')}`} · {answer.mode}
      {fallback} · {ms < 1 ? '<1' : Math.round(ms)} ms
    </p>
  );
}
