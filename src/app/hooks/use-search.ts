// Searching as the user types: lightly debounced while typing, with prefix matching of the last word until the
// typing settles; re-ranked in place when the model becomes ready. Only the latest search's answer is shown.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchFilters, SearchMode } from '../../core/types.ts';
import type { SearchAnswer } from '../protocol.ts';
import type { SearchClient } from '../search-client.ts';

const DEBOUNCE_MS = 60;
/** After this pause the last word counts as finished: the search runs again without prefix matching. */
const SETTLE_MS = 500;
/** Settled results that stay this long on screen are being read: the search goes into recent searches. */
const REMEMBER_MS = 1000;

export type ShownAnswer = SearchAnswer & { query: string; prefix: boolean };

interface Inputs {
  text: string;
  mode: SearchMode;
  filters: SearchFilters;
  /** The words exactly as typed: no typo tolerance. */
  exact: boolean;
  /** How many results to ask for (a page more after each "Show more"). */
  k: number;
  indexReady: boolean;
  modelReady: boolean;
}

/** `onSettled` hears a query whose settled results (whole words, at least one passage) stayed on screen a moment. */
export function useSearch(
  client: SearchClient,
  { text, mode, filters, exact, k, indexReady, modelReady }: Inputs,
  onSettled: (query: string) => void,
) {
  const [typing, setTyping] = useState(false);
  const [answer, setAnswer] = useState<ShownAnswer | null>(null);
  /** Why the latest search could not finish (a sharded index's part that could not be downloaded, offline). */
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(0);
  const query = text.trim();

  useEffect(() => {
    if (!indexReady) return;
    if (!query) {
      setAnswer(null);
      return;
    }
    const id = ++latest.current;
    const prefix = typing && !/\s$/.test(text);
    const run = () =>
      client.search({ query, mode, k, filters, prefix, exact }).then(
        (result) => {
          if (id !== latest.current) return;
          setAnswer({ ...result, query, prefix });
          setProblem(null);
        },
        (error) => {
          if (id !== latest.current) return;
          console.warn('Lantern: search failed', error);
          setProblem(error instanceof Error ? error.message : String(error));
        },
      );
    if (!typing) {
      run();
      return;
    }
    const timer = setTimeout(run, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [client, indexReady, modelReady, query, text, mode, filters, exact, k, typing]);

  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(false), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [typing, text]);

  useEffect(() => {
    if (!answer || answer.prefix || answer.query !== query || answer.results.length === 0) return;
    const timer = setTimeout(() => onSettled(answer.query), REMEMBER_MS);
    return () => clearTimeout(timer);
  }, [answer, query]);

  return {
    query,
    answer,
    problem,
    /** The user typed: search with prefix matching until they pause. */
    typed: () => setTyping(true),
    /** A deliberate change (a mode, a filter, a recent search): search the whole words at once. */
    settle: () => setTyping(false),
  };
}
