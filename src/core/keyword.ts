// The keyword side of the in-memory index: Orama holds the terms (its radix tree) and the document filters; the
// rules of keyword search (src/core/keyword-rules/: fields, match policy, typo candidates, BM25) come in through
// Orama's index component, the extension point Orama documents for replacing how a property is indexed and scored:
// - term frequency is the raw count per field and document frequency counts each passage once (Orama's default
//   stores count/length and counts every occurrence as a new document);
// - search matches whole terms, with a typo-tolerant fallback for terms the field lacks and prefix matching only
//   for the word being typed (Orama's default expands every word as a prefix), scored by keyword-rules/bm25.ts.
import {
  create,
  insertMultiple,
  search as oramaSearch,
  components,
  type AnyOrama,
  type SearchParamsFullText,
} from '@orama/orama';
import { terms } from './analysis.ts';
import { wordsWithinEdits } from './typos.ts';
import type { Passage, DocumentInfo, SearchFilters } from './types.ts';
import { KEYWORD_FIELDS, fieldBoosts, fieldValues, passageTerms, type KeywordField } from './keyword-rules/fields.ts';
import { matchTerm, matchWeights, queryTerms, typoCorrections, type FieldTerms } from './keyword-rules/match.ts';
import { typoMemo } from './keyword-rules/typo-memo.ts';
import { bm25, idf, runningMean } from './keyword-rules/bm25.ts';
import { DEFAULT_KEYWORD, type KeywordSettings } from './settings.ts';

export interface KeywordHit {
  index: number;
  score: number;
}

export interface KeywordQuery {
  text: string;
  /** The last word is still being typed: also match words that start with it. */
  prefix?: boolean;
  /** The words as typed: no typo-tolerant matches. */
  exact?: boolean;
  filters?: SearchFilters;
  /** The same filters as a test of rows (the term index filters this way; Orama uses `filters`). */
  allowed?: (row: number) => boolean;
  limit: number;
}

const baseIndex = components.index.createIndex();
type IndexComponent = typeof baseIndex;
type IndexData = Parameters<IndexComponent['insertTokenScoreParameters']>[0];
/** A term of a field as Orama's radix tree finds it: the term and the passages (internal ids) that hold it. */
type TreeTerm = [term: string, ids: number[]];

const tokenizer = {
  language: 'english',
  normalizationCache: new Map<string, string>(),
  tokenize: (raw: string) => terms(raw),
};

/**
 * Orama's index component with Lantern's statistics and search. Orama's search options have no room for the
 * prefix flag and the match weights of one query, so `query` holds them while Orama runs that query.
 */
function lanternIndex(query: { prefix: boolean; exact: boolean; settings: KeywordSettings }): {
  component: IndexComponent;
  df: (term: string) => number;
  corrections: KeywordIndex['corrections'];
} {
  const seen = new Map<string, Set<string>>();
  // Document frequency per field and term (Maps: a term such as "constructor" is a key like any other).
  const documentFrequency = new Map<string, Map<string, number>>();
  const dfOf = (prop: string, term: string) => documentFrequency.get(prop)?.get(term) ?? 0;
  const typos = typoMemo<TreeTerm[]>();
  // The typo candidates by name (shared by search and corrections: each is found once per field and word).
  const named = typoMemo<string[]>();
  const candidates = (prop: string, word: string, edits: number) =>
    named(prop, word, () => wordsWithinEdits(vocabulary(prop), word, edits));
  // Each field's terms, sorted, for the typo search (built on first need; inserting clears them).
  const vocabularies = new Map<string, string[]>();
  const vocabulary = (prop: string) => {
    let words = vocabularies.get(prop);
    if (!words) vocabularies.set(prop, (words = [...(documentFrequency.get(prop)?.keys() ?? [])].sort()));
    return words;
  };
  /** A term's document frequency for idf: the most passages any one field holds it in. */
  const df = (term: string) => Math.max(0, ...KEYWORD_FIELDS.map((prop) => dfOf(prop, term)));
  const component: IndexComponent = {
    ...baseIndex,
    insertDocumentScoreParameters(index, prop, id, tokens, docsCount) {
      index.avgFieldLength[prop] = runningMean(index.avgFieldLength[prop] ?? 0, docsCount, tokens.length);
      index.fieldLengths[prop][id as number] = tokens.length;
      index.frequencies[prop][id as number] = Object.create(null);
    },
    insertTokenScoreParameters(index, prop, id, tokens, token) {
      vocabularies.clear();
      // Orama calls this once per occurrence; a passage's term is counted once.
      const key = `${prop}\u0000${id}`;
      let doneForDoc = seen.get(key);
      if (!doneForDoc) seen.set(key, (doneForDoc = new Set()));
      if (doneForDoc.has(token)) return;
      doneForDoc.add(token);
      let count = 0;
      for (const t of tokens) if (t === token) count++;
      index.frequencies[prop][id as number]![token] = count;
      let byTerm = documentFrequency.get(prop);
      if (!byTerm) documentFrequency.set(prop, (byTerm = new Map()));
      byTerm.set(token, (byTerm.get(token) ?? 0) + 1);
    },
    search(
      store,
      term,
      _tokenizer,
      _language,
      properties,
      _exact,
      _tolerance,
      _boost,
      _relevance,
      docsCount,
      whereFiltersIDs,
    ) {
      const index = store as IndexData;
      const { settings, prefix, exact } = query;
      const terms = queryTerms(term);
      const boosts = fieldBoosts(settings);
      const weights = matchWeights(settings);
      const results = new Map<number, number>();
      for (const prop of properties) {
        const tree = index.indexes[prop];
        const field = KEYWORD_FIELDS.indexOf(prop as KeywordField);
        if (tree?.type !== 'Radix' || field < 0) continue;
        const find = (word: string, exact: boolean) =>
          tree.node.find({ term: word, exact }) as Record<string, number[]>;
        const own = (hits: Record<string, number[]>, word: string) =>
          Object.hasOwn(hits, word) ? hits[word] : undefined;
        const fieldTerms: FieldTerms<TreeTerm> = {
          exact: (word) => {
            const ids = own(find(word, true), word);
            return ids ? [word, ids] : undefined;
          },
          startingWith: (word) => Object.entries(find(word, false)).filter(([w]) => w !== word),
          // Not Orama's own fuzzy find: its radix walk misses real typos ("dart" never reaches "cart" beside
          // "carbon") and also returns every word that merely starts with the term.
          withinEdits: (word, edits) =>
            typos(prop, word, () => candidates(prop, word, edits).map((w) => [w, own(find(w, true), w) ?? []])),
        };
        const average = index.avgFieldLength[prop]!;
        const lengths = index.fieldLengths[prop];
        const frequencies = index.frequencies[prop];
        terms.forEach((queryTerm, position) => {
          for (const [[word, ids], kind] of matchTerm(fieldTerms, queryTerm, position, terms.length, prefix, !exact)) {
            const weight = boosts[field] * weights[kind];
            const df = dfOf(prop, word);
            for (const id of ids) {
              if (whereFiltersIDs && !whereFiltersIDs.has(id)) continue;
              const score =
                bm25(frequencies[id]?.[word] ?? 0, df, docsCount, lengths[id]!, average, settings.k1, settings.b) *
                weight;
              results.set(id, (results.get(id) ?? 0) + score);
            }
          }
        });
      }
      return [...results.entries()].sort((a, b) => b[1] - a[1]);
    },
  };
  // The same typo candidates by name, from the vocabularies alone (no passage lists needed).
  const byName = KEYWORD_FIELDS.map(
    (prop): FieldTerms<string> => ({
      exact: (word) => (dfOf(prop, word) > 0 ? word : undefined),
      startingWith: () => [],
      withinEdits: (word, edits) => candidates(prop, word, edits),
    }),
  );
  const corrections: KeywordIndex['corrections'] = ({ text, prefix }) =>
    typoCorrections(byName, (w) => w, text, prefix ?? false);
  return { component, df, corrections };
}

const schema = { text: 'string', headings: 'string', title: 'string', doc: 'enum', tags: 'enum[]' } as const;

export interface KeywordIndex {
  /** Loads what `query` needs, for an index whose parts load on demand (term-index/); absent when all is in memory. */
  prepare?(query: { text: string; prefix?: boolean; exact?: boolean }): Promise<void>;
  /** Loads all of such an index (for the CLI, which searches it in memory). */
  loadAll?(): Promise<void>;
  /** Searches with the given settings (they change scoring only, so one index serves any settings). */
  search(query: KeywordQuery, settings?: KeywordSettings): KeywordHit[];
  /** Inverse document frequency of an analysed term (BM25's idf; terms the corpus lacks get the highest). */
  idf(term: string): number;
  /** The query terms typo tolerance replaces, with the index terms it matches instead (keyword-rules/match.ts). */
  corrections(query: { text: string; prefix?: boolean }): { term: string; matches: string[] }[];
  /** Whether passage `row` holds the analysed term in its text, headings or title. */
  has(row: number, term: string): boolean;
  /** Whether any passage holds the analysed term (exactly, not through typo tolerance). */
  knows(term: string): boolean;
}

/** Builds the keyword index of the passages (fast enough to do when an index is opened). */
export function createKeywordIndex(passages: Passage[], documents: DocumentInfo[]): KeywordIndex {
  const query = { prefix: false, exact: false, settings: DEFAULT_KEYWORD };
  const { component, df, corrections } = lanternIndex(query);
  const db: AnyOrama = create({ schema, components: { tokenizer, index: component } });
  const rows = passages.map((p, i) => {
    const [text, headings, title] = fieldValues(p, documents[p.doc]);
    return { id: String(i), text, headings, title, doc: documents[p.doc].id, tags: p.tags };
  });
  insertMultiple(db, rows, 1000);
  const analysed = new Map<number, Set<string>>();
  return {
    corrections,
    has(row, term) {
      // Asked once per query term for the best keyword hit, and the same passages come first again and again:
      // each row is analysed once and kept (the most recent few thousand).
      let present = analysed.get(row);
      if (!present) {
        const { text, headings, title } = rows[row];
        present = passageTerms([text, headings, title]);
        if (analysed.size >= 2_000) analysed.delete(analysed.keys().next().value!);
        analysed.set(row, present);
      }
      return present.has(term);
    },
    idf(term) {
      return idf(df(term), passages.length);
    },
    knows(term) {
      return df(term) > 0;
    },
    search(request, settings = DEFAULT_KEYWORD) {
      if (!terms(request.text).length) return [];
      query.prefix = request.prefix ?? false;
      query.exact = request.exact ?? false;
      query.settings = settings;
      const where: Record<string, unknown> = {};
      if (request.filters?.docs?.length) where.doc = { in: request.filters.docs };
      if (request.filters?.tags?.length) where.tags = { containsAny: request.filters.tags };
      const params: SearchParamsFullText<AnyOrama> = {
        term: request.text,
        properties: [...KEYWORD_FIELDS],
        // Scoring reads the settings itself (fieldBoosts, bm25); these only keep Orama's defaults out of the way.
        tolerance: 1,
        threshold: 1,
        limit: request.limit,
        ...(Object.keys(where).length ? { where } : {}),
      };
      const result = oramaSearch(db, params) as { hits: { id: string; score: number }[] };
      return result.hits.map((hit) => ({ index: Number(hit.id), score: hit.score }));
    },
  };
}
