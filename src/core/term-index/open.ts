// Read side of the term index: plans which terms a query touches from the dictionary alone, downloads their
// fragments once, and scores them exactly as keyword.ts's Orama components do.
import { terms } from '../analysis.ts';
import { topK } from '../vector-search.ts';
import { DEFAULT_KEYWORD, type KeywordHit, type KeywordSettings } from '../keyword.ts';
import { decodeFragment, decodeVarints, DICTIONARY_FORMAT, FIELDS, frontDecode, VERSION, type FieldPostings, type Fragment, type TermDictionary } from '../index-format/terms.ts';
import { wordsWithinEdits } from '../typos.ts';

export interface TermQuery {
  text: string;
  /** The last word is still being typed: also match words that start with it. */
  prefix?: boolean;
}

export interface TermSearchQuery extends TermQuery {
  limit: number;
  /** Keep only the passages (rows) for which this returns true. */
  allowed?: (row: number) => boolean;
}

export interface TermIndex {
  /** Downloads (once; concurrent calls share one request per fragment) every fragment the query needs. */
  prepare(query: TermQuery): Promise<void>;
  /** keyword.ts's KeywordIndex.search, filtering with `allowed`; needs prepare() for this query first. */
  search(query: TermSearchQuery, settings?: KeywordSettings): KeywordHit[];
  /** BM25 idf of an analysed term (dictionary only). */
  idf(term: string): number;
  /** Whether passage `row` contains the analysed term in its text, headings or title; needs the term's fragment. */
  has(row: number, term: string): boolean;
  /** Downloads every fragment (for callers that search the whole index in memory, like the CLI). */
  loadAll(): Promise<void>;
  /** Fragments loaded so far. */
  readonly loadedFragments: number;
}

const EXACT = 0;
const PREFIX = 1;
const FUZZY = 2;
/** Per field, per query term: the dictionary terms it matches and how (EXACT, PREFIX or FUZZY). */
type Plan = { field: number; matches: [term: number, kind: number][] }[];

/**
 * Orama's BM25 (node_modules/@orama/orama/dist/esm/components/algorithms.js, not exported by the package),
 * copied operation for operation so scores are bit-identical.
 */
function BM25(tf: number, matchingCount: number, docsCount: number, fieldLength: number, averageFieldLength: number, k: number, b: number, d: number) {
  const idf = Math.log(1 + (docsCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return (idf * (d + tf * (k + 1))) / (tf + k * (1 - b + (b * fieldLength) / averageFieldLength));
}

function lowerBound(words: string[], value: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function openTermIndex(dictionary: TermDictionary, loadFragment: (fragment: number) => Promise<Uint8Array>): TermIndex {
  if (dictionary?.format !== DICTIONARY_FORMAT) throw new Error('not a Lantern term dictionary');
  if (dictionary.version !== VERSION) throw new Error(`term dictionary has format version ${dictionary.version}, this code reads version ${VERSION}`);
  const N = dictionary.passages;
  const words = frontDecode(dictionary.terms);
  const stats = Uint32Array.from(decodeVarints(dictionary.stats, 'stats'));
  if (stats.length !== words.length) throw new Error('term dictionary: stats and terms disagree');
  const unrun = (pairs: number[]) => {
    const out: number[] = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) for (let j = 0; j < pairs[i]; j++) out.push(pairs[i + 1]);
    return out;
  };
  const lengths = [
    decodeVarints(dictionary.lengths.text, 'text lengths'),
    unrun(decodeVarints(dictionary.lengths.headings, 'heading lengths')),
    unrun(decodeVarints(dictionary.lengths.title, 'title lengths')),
  ].map((values) => Uint32Array.from(values));
  if (lengths.some((l) => l.length !== N)) throw new Error('term dictionary: field lengths do not match the passage count');
  const starts = dictionary.fragments;
  const shape = { build: dictionary.build, fragments: starts, termCount: words.length, passages: N };

  const decoded = new Map<number, Fragment>();
  const pending = new Map<number, Promise<void>>();
  const vocabularies: (string[] | undefined)[] = [];
  const plans = new Map<string, Plan>();

  const find = (term: string) => {
    const i = lowerBound(words, term);
    return i < words.length && words[i] === term ? i : -1;
  };
  const inField = (t: number, field: number) => (stats[t] & (1 << field)) !== 0;
  const fragmentOf = (t: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  const vocabulary = (field: number) => (vocabularies[field] ??= words.filter((_, t) => inField(t, field)));

  // Typo candidates per (field, term), as in keyword.ts: finding them is the slowest step, and typing repeats words.
  const typos = new Map<string, number[]>();
  const typoCandidates = (field: number, queryTerm: string, maxEdits: number): number[] => {
    const key = `${field}\u0000${queryTerm}`;
    let found = typos.get(key);
    if (!found) {
      if (typos.size >= 10_000) typos.clear();
      typos.set(key, (found = wordsWithinEdits(vocabulary(field), queryTerm, maxEdits).map(find)));
    }
    return found;
  };

  /** The same decisions as keyword.ts's lanternIndex.search, from the dictionary alone. */
  function plan(text: string, prefix: boolean): Plan {
    const queryTerms = [...new Set(terms(text))];
    const key = `${prefix ? 1 : 0}${queryTerms.join(' ')}`;
    const cached = plans.get(key);
    if (cached) return cached;
    const out: Plan = [];
    for (let field = 0; field < FIELDS.length; field++) {
      queryTerms.forEach((queryTerm, position) => {
        const matches: [number, number][] = [];
        const exact = find(queryTerm);
        if (exact >= 0 && inField(exact, field)) matches.push([exact, EXACT]);
        if (prefix && position === queryTerms.length - 1) {
          for (let t = lowerBound(words, queryTerm); t < words.length && words[t].startsWith(queryTerm); t++) {
            if (t !== exact && inField(t, field)) matches.push([t, PREFIX]);
          }
        } else if (matches.length === 0 && queryTerm.length >= 4) {
          const maxEdits = queryTerm.length >= 8 ? 2 : 1;
          for (const t of typoCandidates(field, queryTerm, maxEdits)) matches.push([t, FUZZY]);
        }
        if (matches.length) out.push({ field, matches });
      });
    }
    if (plans.size >= 64) plans.delete(plans.keys().next().value!);
    plans.set(key, out);
    return out;
  }

  function load(fragment: number): Promise<void> {
    let promise = pending.get(fragment);
    if (!promise) {
      // Called now, not in a later microtask: the download starts before the caller's next synchronous work
      // (SearchIndex scores the vectors meanwhile); an async wrapper still turns a throw into a rejection.
      promise = (async () => loadFragment(fragment))()
        .then((bytes) => {
          decoded.set(fragment, decodeFragment(bytes, fragment, shape));
        });
      promise.catch(() => pending.delete(fragment)); // a failed download may be retried
      pending.set(fragment, promise);
    }
    return promise;
  }

  function postings(t: number, field: number): FieldPostings | null {
    const n = fragmentOf(t);
    const fragment = decoded.get(n);
    if (!fragment) throw new Error(`term index fragment ${n} (term "${words[t]}") is not loaded: call prepare() for this query first`);
    return fragment.postings[(t - fragment.first) * FIELDS.length + field];
  }

  return {
    get loadedFragments() {
      return decoded.size;
    },

    async prepare(query) {
      const needed = new Set<number>();
      for (const { matches } of plan(query.text, query.prefix ?? false)) for (const [t] of matches) needed.add(fragmentOf(t));
      await Promise.all([...needed].map(load));
    },

    async loadAll() {
      await Promise.all(starts.map((_, fragment) => load(fragment)));
    },

    search(query, settings = DEFAULT_KEYWORD) {
      const { allowed } = query;
      const boosts = [1, settings.headingBoost, settings.titleBoost];
      const weights = [1, settings.prefixWeight, settings.fuzzyWeight];
      // Scores in a flat array (a Map of 100,000 rows spent most of a query in hashing and garbage collection),
      // summed in the same order as Orama sums them.
      const scores = new Float64Array(N);
      for (const { field, matches } of plan(query.text, query.prefix ?? false)) {
        const fieldLengths = lengths[field];
        const average = dictionary.averages[field];
        for (const [t, kind] of matches) {
          const list = postings(t, field);
          if (!list) continue;
          const boost = boosts[field] * weights[kind];
          const df = list.rows.length;
          for (let i = 0; i < df; i++) {
            const row = list.rows[i];
            if (allowed && !allowed(row)) continue;
            scores[row] += BM25(list.tfs[i], df, N, fieldLengths[row], average, settings.k1, settings.b, 0) * boost;
          }
        }
      }
      // Orama sorts by score, then by internal id (insertion order, i.e. row) for equal scores: topK keeps that
      // order. A matched row always scores above 0 (idf > 0), so 0 marks the rows no term matched.
      return topK(scores, Math.max(0, query.limit), (row) => scores[row] > 0);
    },

    idf(term) {
      const t = find(term);
      const df = t < 0 ? 0 : Math.floor(stats[t] / 8);
      return Math.log(1 + (N - df + 0.5) / (df + 0.5));
    },

    has(row, term) {
      const t = find(term);
      if (t < 0) return false;
      for (let field = 0; field < FIELDS.length; field++) {
        const list = postings(t, field);
        if (!list) continue;
        let lo = 0;
        let hi = list.rows.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (list.rows[mid] < row) lo = mid + 1;
          else hi = mid;
        }
        if (list.rows[lo] === row) return true;
      }
      return false;
    },
  };
}
