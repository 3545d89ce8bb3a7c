// Read side of the term index: plans which terms a query touches from the dictionary alone, downloads their
// fragments once, and scores them by the same rules as keyword.ts (src/core/keyword-rules/).
import { topK } from '../vector-search.ts';
import type { KeywordIndex, TermRequest } from '../keyword-rules/contract.ts';
import {
  decodeFragment,
  decodeVarints,
  DICTIONARY_FORMAT,
  FIELDS,
  frontDecode,
  VERSION,
  type FieldPostings,
  type Fragment,
  type TermDictionary,
} from '../index-format/terms.ts';
import { wordsWithinEdits } from '../typos.ts';
import { fieldBoosts } from '../keyword-rules/fields.ts';
import { matchTerm, matchWeights, type FieldTerms, type MatchKind } from '../keyword-rules/match.ts';
import { typoMemo } from '../keyword-rules/typo-memo.ts';
import { bm25, idf } from '../keyword-rules/bm25.ts';
import { DEFAULT_KEYWORD } from '../settings.ts';

export interface TermIndex extends KeywordIndex {
  /** Fragments loaded so far. */
  readonly loadedFragments: number;
}

/** Per field, per query term: the dictionary terms it matches and how (keyword-rules/match.ts's EXACT, PREFIX or FUZZY). */
type Plan = { field: number; matches: [term: number, kind: MatchKind][] }[];

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

/** Opens a term index: `loadFragment` reads a fragment's bytes (a download, for a sharded index); `fragments`, when
 * given, are every fragment's bytes already in memory (a single-file index builds its term index when opened). */
export function openTermIndex(
  dictionary: TermDictionary,
  loadFragment: (fragment: number) => Promise<Uint8Array>,
  options: {
    /** Every fragment's bytes, already in memory (a single-file index builds its term index when opened). */
    fragments?: readonly Uint8Array[];
    /** The file a fragment is read from, to name in the error when its bytes are damaged. */
    fileOf?: (fragment: number) => string;
  } = {},
): TermIndex {
  if (dictionary?.format !== DICTIONARY_FORMAT) throw new Error('not a Lantern term dictionary');
  if (dictionary.version !== VERSION)
    throw new Error(`term dictionary has format version ${dictionary.version}, this code reads version ${VERSION}`);
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
  if (lengths.some((l) => l.length !== N))
    throw new Error('term dictionary: field lengths do not match the passage count');
  const starts = dictionary.fragments;
  const shape = { build: dictionary.build, fragments: starts, termCount: words.length, passages: N };

  const decoded = new Map<number, Fragment>();
  const { fragments, fileOf } = options;
  fragments?.forEach((bytes, fragment) => decoded.set(fragment, decodeFragment(bytes, fragment, shape)));
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

  const typos = typoMemo<number[]>();
  /** A field's terms as the match policy asks for them, by their number in the dictionary. */
  const fieldTerms = (field: number): FieldTerms<number> => ({
    exact(term) {
      const t = find(term);
      return t >= 0 && inField(t, field) ? t : undefined;
    },
    *startingWith(term) {
      for (let t = lowerBound(words, term); t < words.length && words[t].startsWith(term); t++)
        if (words[t] !== term && inField(t, field)) yield t;
    },
    withinEdits: (term, edits) =>
      typos(field, term, edits, () => wordsWithinEdits(vocabulary(field), term, edits).map(find)),
  });

  /** Per field, the dictionary terms each query term matches (keyword-rules/match.ts), from the dictionary alone. */
  function plan(terms: readonly TermRequest[]): Plan {
    // Every field of the request decides the plan: the same term with other typos is another plan.
    const key = terms
      .map(
        (t) =>
          `${t.term}\u0000${t.prefix ? 1 : 0}${t.edits}\u0000${t.typos?.join('\u0002') ?? '-'}\u0000${t.forms?.join('\u0002') ?? '-'}`,
      )
      .join('\u0001');
    const cached = plans.get(key);
    if (cached) return cached;
    const out: Plan = [];
    for (let field = 0; field < FIELDS.length; field++) {
      const inThisField = fieldTerms(field);
      for (const request of terms) {
        const matches = matchTerm(inThisField, request);
        if (matches.length) out.push({ field, matches });
      }
    }
    if (plans.size >= 64) plans.delete(plans.keys().next().value!);
    plans.set(key, out);
    return out;
  }

  function load(fragment: number): Promise<void> {
    if (decoded.has(fragment)) return Promise.resolve();
    let promise = pending.get(fragment);
    if (!promise) {
      // Called now, not in a later microtask: the download starts before the caller's next synchronous work
      // (SearchIndex scores the vectors meanwhile); an async wrapper still turns a throw into a rejection.
      promise = (async () => loadFragment(fragment))().then((bytes) => {
        try {
          decoded.set(fragment, decodeFragment(bytes, fragment, shape));
        } catch (error) {
          throw fileOf ? new Error(`${fileOf(fragment)}: ${(error as Error).message}`) : error;
        }
      });
      promise.catch(() => pending.delete(fragment)); // a failed download may be retried
      pending.set(fragment, promise);
    }
    return promise;
  }

  function postings(t: number, field: number): FieldPostings | null {
    const n = fragmentOf(t);
    const fragment = decoded.get(n);
    if (!fragment)
      throw new Error(
        `term index fragment ${n} (term "${words[t]}") is not loaded: call prepare() for this query first`,
      );
    return fragment.postings[(t - fragment.first) * FIELDS.length + field];
  }

  return {
    get loadedFragments() {
      return decoded.size;
    },

    async prepare(terms) {
      const needed = new Set<number>();
      for (const { matches } of plan(terms)) for (const [t] of matches) needed.add(fragmentOf(t));
      await Promise.all([...needed].map(load));
    },

    async loadAll() {
      await Promise.all(starts.map((_, fragment) => load(fragment)));
    },

    search(request, settings = DEFAULT_KEYWORD) {
      const { allowed } = request;
      const boosts = fieldBoosts(settings);
      const weights = matchWeights(settings);
      // Scores in a flat array (a Map of 100,000 rows spent most of a query in hashing and garbage collection),
      // summed field by field, term by term.
      const scores = new Float64Array(N);
      for (const { field, matches } of plan(request.terms)) {
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
            scores[row] += bm25(list.tfs[i], df, N, fieldLengths[row], average, settings.k1, settings.b) * boost;
          }
        }
      }
      // Equal scores keep row order (topK). A matched row always scores above 0 (idf > 0), so 0 marks the rows no
      // term matched.
      return topK(scores, Math.max(0, request.limit), (row) => scores[row] > 0);
    },

    typoMatches(term, edits) {
      const found = new Set<string>();
      for (let field = 0; field < FIELDS.length; field++)
        for (const t of fieldTerms(field).withinEdits(term, edits)) found.add(words[t]);
      return [...found].sort();
    },

    idf(term) {
      const t = find(term);
      return idf(t < 0 ? 0 : Math.floor(stats[t] / 8), N);
    },

    knows(term) {
      const t = find(term);
      return t >= 0 && Math.floor(stats[t] / 8) > 0;
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
