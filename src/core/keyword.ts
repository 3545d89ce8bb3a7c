// The keyword side: Orama's radix index and BM25 with Lantern's own text analysis.
// Two Orama components are swapped (Orama's design allows it) to keep BM25 honest:
// - term frequency is the raw count per field and document frequency counts each document once
//   (Orama's default stores count/length and counts every occurrence as a new document);
// - search matches whole terms, with a typo-tolerant fallback for terms the corpus does not contain and
//   prefix matching only for the word being typed (Orama's default expands every word as a prefix).
import { create, insertMultiple, search as oramaSearch, components, type AnyOrama } from '@orama/orama';
import { terms } from './analysis.ts';
import { wordsWithinEdits } from './typos.ts';
import type { Passage, DocumentInfo, SearchFilters } from './types.ts';

export interface KeywordSettings {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Weight of a heading match relative to a body match. */
  headingBoost: number;
  /** Weight of a document-title match relative to a body match. */
  titleBoost: number;
  /** Score multiplier for typo-tolerant matches. */
  fuzzyWeight: number;
  /** Score multiplier for prefix matches of the word being typed. */
  prefixWeight: number;
}

// k1, b and the title boost were chosen by `lantern tune` on odd SciFact query ids (see README "Quality").
export const DEFAULT_KEYWORD: KeywordSettings = { k1: 0.9, b: 0.75, headingBoost: 1.5, titleBoost: 0.5, fuzzyWeight: 0.5, prefixWeight: 0.6 };

export interface KeywordHit {
  index: number;
  score: number;
}

export interface KeywordQuery {
  text: string;
  /** The last word is still being typed: also match words that start with it. */
  prefix?: boolean;
  filters?: SearchFilters;
  /** The same filters as a test of rows (the term index filters this way; Orama uses `filters`). */
  allowed?: (row: number) => boolean;
  limit: number;
}

const baseIndex = components.index.createIndex();
type IndexData = Parameters<typeof baseIndex.insertTokenScoreParameters>[0];

const tokenizer = {
  language: 'english',
  normalizationCache: new Map<string, string>(),
  tokenize: (raw: string) => terms(raw),
};

function lanternIndex(state: { prefix: boolean; settings: KeywordSettings }) {
  const seen = new Map<string, Set<string>>();
  // Typo candidates of a (field, term): finding them is the slowest step of a query with words the corpus lacks,
  // and typing asks for the same words again and again. The index never changes once built, so the answers keep.
  const typos = new Map<string, [string, number[]][]>();
  // Each field's terms, sorted, for the typo search (built on first need; inserting clears them).
  const vocabularies = new Map<string, string[]>();
  const vocabulary = (index: IndexData, prop: string) => {
    let words = vocabularies.get(prop);
    if (!words) vocabularies.set(prop, (words = Object.keys(index.tokenOccurrences[prop]).sort()));
    return words;
  };
  return {
    ...baseIndex,
    insertTokenScoreParameters(index: IndexData, prop: string, id: number, tokens: string[], token: string) {
      vocabularies.clear();
      const key = `${prop}\u0000${id}`;
      let doneForDoc = seen.get(key);
      if (!doneForDoc) seen.set(key, (doneForDoc = new Set()));
      if (doneForDoc.has(token)) return;
      doneForDoc.add(token);
      let count = 0;
      for (const t of tokens) if (t === token) count++;
      index.frequencies[prop][id]![token] = count;
      // Own properties only: a term like "constructor" must not read Object.prototype.
      const occurrences = index.tokenOccurrences[prop];
      occurrences[token] = (Object.hasOwn(occurrences, token) ? occurrences[token] : 0) + 1;
    },
    search(
      index: IndexData,
      term: string,
      _tokenizer: unknown,
      _language: unknown,
      properties: string[],
      _exact: boolean,
      tolerance: number,
      boost: Record<string, number>,
      relevance: { k: number; b: number; d: number },
      docsCount: number,
      whereFiltersIDs: Set<number> | undefined,
    ): [number, number][] {
      const queryTerms = [...new Set(terms(term))];
      const results = new Map<number, number>();
      const matches = new Map();
      const { settings } = state;
      for (const prop of properties) {
        const tree = index.indexes[prop];
        if (!tree || tree.type !== 'Radix') continue;
        const propBoost = boost[prop] ?? 1;
        queryTerms.forEach((queryTerm, position) => {
          const found: [string, Set<number> | number[], number][] = [];
          const exactHit = tree.node.find({ term: queryTerm, exact: true }) as Record<string, number[]>;
          for (const [word, ids] of Object.entries(exactHit)) found.push([word, ids, 1]);
          if (state.prefix && position === queryTerms.length - 1) {
            const prefixHits = tree.node.find({ term: queryTerm, exact: false }) as Record<string, number[]>;
            for (const [word, ids] of Object.entries(prefixHits)) if (word !== queryTerm) found.push([word, ids, settings.prefixWeight]);
          } else if (found.length === 0 && tolerance > 0 && queryTerm.length >= 4) {
            const maxEdits = queryTerm.length >= 8 ? 2 : 1;
            const key = `${prop}\u0000${queryTerm}`;
            let fuzzy = typos.get(key);
            if (!fuzzy) {
              if (typos.size >= 10_000) typos.clear();
              // Not Orama's own fuzzy find: its radix walk misses real typos ("dart" never reaches "cart" beside
              // "carbon") and also returns every word that merely starts with the term.
              fuzzy = wordsWithinEdits(vocabulary(index, prop), queryTerm, maxEdits).map((word) => [word, (tree.node.find({ term: word, exact: true }) as Record<string, number[]>)[word] ?? []]);
              typos.set(key, fuzzy);
            }
            for (const [word, ids] of fuzzy) found.push([word, ids, settings.fuzzyWeight]);
          }
          for (const [word, ids, weight] of found) {
            baseIndex.calculateResultScores(index, prop, word, ids as never, docsCount, relevance, results, propBoost * weight, whereFiltersIDs as never, matches);
          }
        });
      }
      return [...results.entries()].sort((a, b) => b[1] - a[1]);
    },
  };
}

const schema = { text: 'string', headings: 'string', title: 'string', doc: 'enum', tags: 'enum[]' } as const;

export interface KeywordIndex {
  /** Loads what `query` needs, for an index whose parts load on demand (term-index/open.ts); absent when all is in memory. */
  prepare?(query: { text: string; prefix?: boolean }): Promise<void>;
  /** Loads all of such an index (for the CLI, which searches it in memory). */
  loadAll?(): Promise<void>;
  /** Searches with the given settings (they change scoring only, so one index serves any settings). */
  search(query: KeywordQuery, settings?: KeywordSettings): KeywordHit[];
  /** Inverse document frequency of an analysed term (BM25's idf; terms the corpus lacks get the highest). */
  idf(term: string): number;
  /** Whether passage `row` holds the analysed term in its text, headings or title. */
  has(row: number, term: string): boolean;
}

/** Builds the keyword index of the passages (fast enough to do when an index is opened). */
export function createKeywordIndex(passages: Passage[], documents: DocumentInfo[]): KeywordIndex {
  const state = { prefix: false, settings: DEFAULT_KEYWORD };
  const db: AnyOrama = create({ schema, components: { tokenizer, index: lanternIndex(state) as never } });
  const rows = passages.map((p, i) => ({
    id: String(i),
    text: p.text,
    headings: p.headings.join('\n'),
    title: documents[p.doc].title,
    doc: documents[p.doc].id,
    tags: p.tags,
  }));
  insertMultiple(db, rows as never, 1000);
  const occurrences = (db.data.index as IndexData).tokenOccurrences;
  const analysed = new Map<number, Set<string>>();
  return {
    has(row, term) {
      // Asked once per query term for the best keyword hit, and the same passages come first again and again:
      // each row is analysed once and kept (the most recent few thousand).
      let present = analysed.get(row);
      if (!present) {
        const { text, headings, title } = rows[row];
        present = new Set(terms(`${title}\n${headings}\n${text}`));
        if (analysed.size >= 2_000) analysed.delete(analysed.keys().next().value!);
        analysed.set(row, present);
      }
      return present.has(term);
    },
    idf(term) {
      const df = Math.max(0, ...Object.values(occurrences).map((byTerm) => (Object.hasOwn(byTerm, term) ? byTerm[term] : 0)));
      return Math.log(1 + (passages.length - df + 0.5) / (df + 0.5));
    },
    search(query, settings = DEFAULT_KEYWORD) {
      if (!terms(query.text).length) return [];
      state.prefix = query.prefix ?? false;
      state.settings = settings;
      const where: Record<string, unknown> = {};
      if (query.filters?.docs?.length) where.doc = { in: query.filters.docs };
      if (query.filters?.tags?.length) where.tags = { containsAny: query.filters.tags };
      const result = oramaSearch(db, {
        term: query.text,
        properties: ['text', 'headings', 'title'],
        boost: { headings: settings.headingBoost, title: settings.titleBoost },
        relevance: { k: settings.k1, b: settings.b, d: 0 },
        tolerance: 1,
        threshold: 1,
        limit: query.limit,
        ...(Object.keys(where).length ? { where } : {}),
      } as never) as { hits: { id: string; score: number }[] };
      return result.hits.map((hit) => ({ index: Number(hit.id), score: hit.score }));
    },
  };
}
