// The search facade used by the CLI, the eval harness and the app's worker alike:
// open an index from its files, then answer queries in keyword, semantic or hybrid mode.
import { terms, termSpans } from './analysis.ts';
import { createKeywordIndex, type KeywordIndex } from './keyword.ts';
import { decodeVectors, vectorAt, type VectorStore } from './index-format/vectors.ts';
import { scoreAll, topK } from './vector-search.ts';
import { fuse } from './fusion.ts';
import { calibrate } from './confidence.ts';
import { makeSnippet } from './snippet.ts';
import { answerSentence, type WeightedTerm } from './answer-sentence.ts';
import { correctedQuery, describeCorrections, spellings, type Correction, type TermCorrection } from './corrections.ts';
import { passageLink } from './links.ts';
import { validateManifest, validatePassages, type IndexManifest } from './index-format/manifest.ts';
import { catalogOf, validateCatalog, type Catalog } from './index-format/catalog.ts';
import { PassageStore } from './passage-store.ts';
import { openTermIndex } from './term-index/open.ts';
import type { TermDictionary } from './index-format/terms.ts';
import type { DisplayNode, DocumentInfo, Passage, SearchFilters, SearchMode, SearchResult } from './types.ts';
import { CLOSEST, type ConfidenceSettings } from './settings.ts';

export interface SearchOptions {
  mode: SearchMode;
  k: number;
  /** The query's embedding; without it hybrid falls back to keyword and semantic returns nothing. */
  queryVector?: ArrayLike<number> | null;
  filters?: SearchFilters;
  /** The last word is still being typed. */
  prefix?: boolean;
  /** Build snippets (default true); the eval harness only needs the ranking. */
  snippets?: boolean;
  /** The words exactly as typed: no typo tolerance (the keyword side then matches only the words themselves). */
  exact?: boolean;
}

export interface SearchTimings {
  keyword: number;
  vector: number;
  fusion: number;
  /** Waiting for keyword fragments and passage shards (a sharded index; 0 otherwise). */
  load: number;
}

export interface SearchResponse {
  /** The mode that actually ranked the results (hybrid without a query vector is keyword). */
  mode: SearchMode;
  /** The matches: passages with evidence for them (confidence.ts), the top k of `total`; in semantic mode they
   * may be followed by weaker passages (`weak: true`), ranked by meaning under the match floor. */
  results: SearchResult[];
  /** How many passages match (among the ranked candidates: at least this many when `more` is true). */
  total: number;
  /** Whether more passages may match than the candidates ranked (`total` is then a lower bound). */
  more: boolean;
  /** When nothing matches: the passages closest by meaning that clear the index's `near` floor (not matches), scored by cosine. */
  closest: SearchResult[];
  /** The query words typo tolerance replaced ("did you mean"); empty for an exact search. */
  corrections: Correction[];
  /** The query as searched, corrected words replaced (the query itself when nothing was corrected). */
  searched: string;
  timings: SearchTimings;
}

type Hit = { index: number; score: number };

export interface IndexFiles {
  manifest: unknown;
  /** passages.json, or the catalog of a sharded index (catalog.ts). */
  passages: unknown;
  /** vectors.bin; may be absent while it is still loading (keyword search works without it). */
  vectors?: ArrayBuffer | Uint8Array | null;
  /** A sharded index: its term dictionary, and how to read any other of its files by name. */
  terms?: unknown;
  load?: (file: string) => Promise<Uint8Array>;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

interface Parts {
  manifest: IndexManifest;
  catalog: Catalog;
  store: PassageStore;
  keyword: KeywordIndex;
}

function open(files: IndexFiles): Parts {
  const manifest = validateManifest(files.manifest);
  const { shards } = manifest;
  if (!shards) {
    const data = validatePassages(files.passages, manifest);
    return {
      manifest,
      catalog: catalogOf(data),
      store: PassageStore.inMemory(data.passages),
      keyword: createKeywordIndex(data.passages, data.documents),
    };
  }
  const load = files.load;
  if (!load || files.terms === undefined)
    throw new Error('a sharded index needs its term dictionary and a way to load its files');
  const json = async (file: string) => {
    const text = new TextDecoder().decode(await load(file));
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not valid JSON (${(error as Error).message})`);
    }
  };
  return {
    manifest,
    catalog: validateCatalog(files.passages, manifest),
    store: new PassageStore(manifest.counts.passages, shards.passagesPerShard, (shard) => json(shards.passages[shard])),
    keyword: openTermIndex(
      files.terms as TermDictionary,
      (fragment) => load(shards.fragments[fragment]),
      (fragment) => shards.fragments[fragment],
    ),
  };
}

export interface DocumentPassages {
  document: DocumentInfo;
  passages: { id: string; headings: string[]; body: DisplayNode[] }[];
  /** Position of the asked passage among `passages`. */
  target: number;
}

export class SearchIndex {
  readonly manifest: IndexManifest;
  readonly documents: DocumentInfo[];
  private readonly catalog: Catalog;
  private readonly store: PassageStore;
  private readonly keyword: KeywordIndex;
  private vectors: VectorStore | null = null;
  private readonly byId: Map<string, number>;
  private readonly docIds: Set<string>;
  private readonly tags: Map<number, string[]>;

  constructor(files: IndexFiles | Parts) {
    const parts = 'catalog' in files ? files : open(files);
    this.manifest = parts.manifest;
    this.catalog = parts.catalog;
    this.store = parts.store;
    this.keyword = parts.keyword;
    this.documents = this.catalog.documents;
    this.byId = new Map(this.catalog.ids.map((id, row) => [id, row]));
    this.docIds = new Set(this.documents.map((d) => d.id));
    this.tags = new Map(this.catalog.tags);
    if (!('catalog' in files) && files.vectors) this.attachVectors(files.vectors);
  }

  /** Number of passages. */
  get count(): number {
    return this.catalog.ids.length;
  }

  /** The passage at `row` (loaded: always for a single-file index; see loadAll for a sharded one). */
  passage(row: number): Passage {
    return this.store.get(row);
  }

  /** Document (position in `documents`) of passage `row`. */
  docOf(row: number): number {
    return this.catalog.docs[row];
  }

  tagsOf(row: number): string[] {
    return this.tags.get(row) ?? [];
  }

  /** Reads every passage and keyword fragment of a sharded index, so that search() works on it (CLI, eval). */
  async loadAll(): Promise<void> {
    await Promise.all([this.store.loadAll(), this.keyword.loadAll?.()]);
  }

  /** Adds the passage vectors (they may arrive after the index opened). */
  attachVectors(bytes: ArrayBuffer | Uint8Array): void {
    const store = decodeVectors(bytes);
    if (store.count !== this.count)
      throw new Error(
        `vectors.bin holds ${store.count} vectors but the index has ${this.count} passages: rebuild the index`,
      );
    if (store.dim !== this.manifest.model.dim)
      throw new Error(`vectors.bin has dimension ${store.dim} but the model has ${this.manifest.model.dim}`);
    this.vectors = store;
  }

  /** The same passages and vectors searched with other settings (used to tune without rebuilding). */
  withSettings(search: IndexManifest['search']): SearchIndex {
    const copy = new SearchIndex({
      manifest: { ...this.manifest, search },
      catalog: this.catalog,
      store: this.store,
      keyword: this.keyword,
    });
    copy.vectors = this.vectors;
    return copy;
  }

  /** The same passages searched with other vectors of any dimension, e.g. another model's (eval). */
  withVectors(bytes: ArrayBuffer | Uint8Array): SearchIndex {
    const { dim } = decodeVectors(bytes);
    const copy = new SearchIndex({
      manifest: { ...this.manifest, model: { ...this.manifest.model, dim } },
      catalog: this.catalog,
      store: this.store,
      keyword: this.keyword,
    });
    copy.attachVectors(bytes);
    return copy;
  }

  get hasVectors(): boolean {
    return this.vectors !== null;
  }

  passageIndex(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Searches an index held in memory (a single-file index, or a sharded one after loadAll). */
  search(query: string, options: SearchOptions): SearchResponse {
    options = this.bounded(options);
    const found = this.typoCorrections(query, options);
    return this.respond(query, options, this.rank(query, options, found), found);
  }

  /** Searches any index, first loading what the query needs: keyword fragments, then the passages shown. */
  async searchAsync(query: string, options: SearchOptions): Promise<SearchResponse> {
    options = this.bounded(options);
    // The keyword fragments download while the vectors are scored: at 100k passages each takes tens of ms.
    const preparing =
      options.mode !== 'semantic'
        ? this.keyword.prepare?.({ text: query, prefix: options.prefix, exact: options.exact })
        : undefined;
    let t = now();
    const cosines =
      options.mode !== 'keyword' && options.queryVector != null && this.vectors
        ? scoreAll(this.vectors, options.queryVector)
        : undefined;
    const scoring = now() - t;
    t = now();
    await preparing;
    const loading = now() - t;
    const found = this.typoCorrections(query, options);
    const ranked = this.rank(query, options, found, cosines);
    ranked.timings.vector += scoring;
    t = now();
    const shown = [...ranked.hits.slice(0, options.k), ...ranked.closest].map((h) => h.index);
    await this.store.load(shown);
    await this.loadSpellings(found, shown);
    ranked.timings.load = loading + now() - t;
    return this.respond(query, options, ranked, found);
  }

  /** The query words typo tolerance replaces, each one's matches most common first (none for an exact search). */
  private typoCorrections(query: string, options: SearchOptions): TermCorrection[] {
    if (options.exact) return [];
    const byIdf = (a: string, b: string) => this.keyword.idf(a) - this.keyword.idf(b) || (a < b ? -1 : 1);
    return this.keyword
      .corrections({ text: query, prefix: options.prefix })
      .map(({ term, matches }) => ({ term, matches: [...matches].sort(byIdf) }));
  }

  /** A passage holding an analysed term, if the keyword index finds one (for spelling a corrected word). */
  private rowsHolding(term: string): number[] {
    return this.keyword
      .search({ text: term, exact: true, limit: 1 })
      .map((h) => h.index)
      .filter((row) => this.keyword.has(row, term));
  }

  /** The corrected words no passage of `rows` spells: their first match's term. */
  private unspelled(found: TermCorrection[], rows: number[]): string[] {
    if (!found.length) return [];
    const spelled = spellings(
      rows.map((row) => this.store.get(row).text),
      new Set(found.flatMap((c) => c.matches)),
    );
    return found.filter((c) => !c.matches.some((m) => spelled.has(m))).map((c) => c.matches[0]);
  }

  /** Loads what spelling the corrections needs beyond `rows` (loaded): a passage holding each word they lack. */
  private async loadSpellings(found: TermCorrection[], rows: number[]): Promise<void> {
    const missing = this.unspelled(found, rows);
    if (!missing.length) return;
    await this.keyword.prepare?.({ text: missing.join(' '), exact: true });
    await this.store.load(missing.flatMap((term) => this.rowsHolding(term)));
  }

  /** The corrections as words: spelled from `rows`, else from a passage holding the word (loaded by loadSpellings). */
  private describe(query: string, found: TermCorrection[], rows: number[]): Correction[] {
    if (!found.length) return [];
    const extra = this.unspelled(found, rows).flatMap((term) => this.rowsHolding(term));
    const texts = [...rows, ...extra].map((row) => this.store.get(row).text);
    return describeCorrections(query, found, spellings(texts, new Set(found.flatMap((c) => c.matches))));
  }

  private respond(
    query: string,
    options: SearchOptions,
    ranked: { mode: SearchMode; hits: Hit[]; closest: Hit[]; timings: SearchTimings },
    found: TermCorrection[],
  ): SearchResponse {
    const rows = [...ranked.hits.slice(0, options.k), ...ranked.closest].map((h) => h.index);
    const corrections = this.describe(query, found, rows);
    const marks = this.queryMarks(query, found);
    return {
      mode: ranked.mode,
      results: this.present(ranked.hits, marks, options.k, options.snippets),
      total: ranked.hits.length,
      more: ranked.hits.length >= Math.max(options.k, this.manifest.search.fusion.candidates),
      closest: this.present(ranked.closest, marks, CLOSEST, options.snippets),
      corrections,
      searched: correctedQuery(query, corrections),
      timings: ranked.timings,
    };
  }

  /** The terms to mark for a query (its own and those typo tolerance matched), weighted by idf for the answer sentence. */
  private queryMarks(query: string, found: TermCorrection[]): WeightedTerm[] {
    return [...new Set([...terms(query), ...found.flatMap((c) => c.matches)])].map((term) => ({
      term,
      weight: this.keyword.idf(term),
    }));
  }

  /** The terms to mark in passage `id` for `query`, and the text of its answer sentence (the app's passage view). */
  async passageMarks(
    id: string,
    query: string,
    options: { exact?: boolean } = {},
  ): Promise<{ terms: string[]; answer: string | null }> {
    const row = this.byId.get(id);
    if (row === undefined || !query.trim()) return { terms: [], answer: null };
    const found = this.typoCorrections(query, { mode: 'keyword', k: 1, exact: options.exact });
    await this.store.load([row]);
    const text = this.store.get(row).text;
    const marks = this.queryMarks(query, found);
    const answer = answerSentence(text, marks);
    return { terms: marks.map((m) => m.term), answer: answer ? text.slice(answer.start, answer.end) : null };
  }

  /** k is at most the passage count: a larger one finds nothing more and would only allocate (k = 1e9 ran out of memory). */
  private bounded(options: SearchOptions): SearchOptions {
    return options.k > this.count ? { ...options, k: this.count } : options;
  }

  /** `found`: the query's typo corrections; `cosines`: the query vector's scores, when already computed. */
  private rank(
    query: string,
    options: SearchOptions,
    found: TermCorrection[],
    cosines?: Float32Array,
  ): { mode: SearchMode; hits: Hit[]; closest: Hit[]; timings: SearchTimings } {
    const timings: SearchTimings = { keyword: 0, vector: 0, fusion: 0, load: 0 };
    const closest: Hit[] = [];
    const filters = this.knownFilters(options.filters);
    const canEmbed = options.queryVector != null && this.vectors !== null;
    const mode: SearchMode = options.mode === 'hybrid' && !canEmbed ? 'keyword' : options.mode;
    if (mode === 'semantic' && !canEmbed) return { mode, hits: [], closest, timings };
    const { fusion } = this.manifest.search;
    const pool = Math.max(options.k, fusion.candidates);
    const allowed = this.filterRows(filters);

    let t = now();
    const keywordHits =
      mode === 'semantic'
        ? []
        : this.keyword.search(
            {
              text: query,
              prefix: options.prefix,
              exact: options.exact,
              filters,
              allowed,
              limit: pool,
            },
            this.manifest.search.keyword,
          );
    timings.keyword = now() - t;
    if (mode === 'keyword') return { mode, hits: keywordHits, closest, timings };

    t = now();
    cosines ??= scoreAll(this.vectors!, options.queryVector!);
    const semanticHits = topK(cosines, mode === 'semantic' ? Math.max(options.k, CLOSEST) : pool, allowed);
    timings.vector = now() - t;
    const queryTerms = this.weightedTerms(query);
    const byMeaning =
      unknownShare(queryTerms, (term) => this.keyword.knows(term)) <=
      (this.manifest.search.confidence?.unknownWords ?? 1);
    if (mode === 'semantic') return { mode, ...this.confident(semanticHits, cosines, () => false, byMeaning), timings };

    t = now();
    // A word typo tolerance corrected counts half where its correction is found: "logistc regresion" is held by a
    // passage saying "logistic regression", but "helm charts" only half by one saying "help" and "charge".
    const corrected = new Map(found.map((c) => [c.term, c.matches]));
    const holds = (row: number, term: string) =>
      this.keyword.has(row, term) ? 1 : corrected.get(term)?.some((match) => this.keyword.has(row, match)) ? 0.5 : 0;
    const keyword = keywordHits.map((h) => ({ ...h, ...coverage(queryTerms, (term) => holds(h.index, term)) }));
    const fused = fuse({ keyword, cosines, semantic: semanticHits, queryTerms: queryTerms.length }, fusion);
    // A keyword hit is a match when it holds enough of the query (a share of its weight, or two of its terms: a long
    // question is rarely held half by its answer); passages only the semantic side brought need the semantic floor.
    const { confidence } = this.manifest.search;
    const evidence = new Set(
      keyword.filter((h) => h.coverage >= (confidence?.keywordCoverage ?? 0) || h.terms >= 2).map((h) => h.index),
    );
    const ranked = this.confident(fused, cosines, (row) => evidence.has(row), byMeaning);
    timings.fusion = now() - t;
    return { mode, ...ranked, timings };
  }

  /** Splits ranked hits into matches and, when there are none, the closest by meaning (see confidence.ts).
   * `byMeaning`: whether the query's words are known well enough to the corpus for passages to match by meaning. */
  private confident(
    hits: Hit[],
    cosines: Float32Array,
    keywordMatch: (row: number) => boolean,
    byMeaning: boolean,
  ): { hits: Hit[]; closest: Hit[] } {
    const { confidence } = this.manifest.search;
    if (!confidence) return { hits, closest: [] };
    const matches = hits.filter((h) => (byMeaning && cosines[h.index] >= confidence.match) || keywordMatch(h.index));
    // Closest by meaning, so scored by their cosine (a fused score would mix in keyword evidence they lack).
    const closest = matches.length
      ? []
      : hits
          .filter((h) => cosines[h.index] >= confidence.near)
          .map((h) => ({ index: h.index, score: cosines[h.index] }))
          .sort((a, b) => b.score - a.score)
          .slice(0, CLOSEST);
    return { hits: matches, closest };
  }

  /** This index's floors for a set of unrelated texts' query vectors (build time; eval of an older index). */
  calibrate(probes: ArrayLike<number>[]): ConfidenceSettings {
    if (!this.vectors) throw new Error('calibrating needs the passage vectors');
    return calibrate(this.vectors, probes);
  }

  /** Passages nearest to passage `id` by vector (the passage itself excluded). */
  async moreLikeThis(id: string, k: number, filters?: SearchFilters): Promise<SearchResult[]> {
    const row = this.byId.get(id);
    if (row === undefined || !this.vectors) return [];
    const allowed = this.filterRows(this.knownFilters(filters));
    const cosines = scoreAll(this.vectors, vectorAt(this.vectors, row));
    const hits = topK(cosines, k, (r) => r !== row && (!allowed || allowed(r)));
    await this.store.load(hits.map((h) => h.index));
    return this.present(hits, [], k);
  }

  /** Every passage of the document holding passage `id`, for reading it in place (null: no such passage). */
  async documentOf(id: string): Promise<DocumentPassages | null> {
    const row = this.byId.get(id);
    if (row === undefined) return null;
    const doc = this.catalog.docs[row];
    const rows: number[] = [];
    this.catalog.docs.forEach((d, r) => d === doc && rows.push(r));
    await this.store.load(rows);
    const passages = rows.map((r) => {
      const { id, headings, body } = this.store.get(r);
      return { id, headings, body };
    });
    return { document: this.documents[doc], passages, target: rows.indexOf(row) };
  }

  private weightedTerms(query: string): { term: string; idf: number }[] {
    return [...new Set(terms(query))].map((term) => ({ term, idf: this.keyword.idf(term) }));
  }

  /** Drops filter values that name no document, so a stale link filters nothing instead of everything. */
  private knownFilters(filters?: SearchFilters): SearchFilters | undefined {
    if (!filters) return undefined;
    // A folder stands for the documents in it or below; a document and a folder chosen together widen each other.
    const inFolders = (filters.folders ?? []).flatMap((folder) =>
      this.documents.filter((d) => d.id.startsWith(`${folder.replace(/\/+$/, '')}/`)).map((d) => d.id),
    );
    const docs = [...new Set([...(filters.docs ?? []), ...inFolders])].filter((d) => this.docIds.has(d));
    return { ...(docs?.length ? { docs } : {}), ...(filters.tags?.length ? { tags: filters.tags } : {}) };
  }

  private filterRows(filters?: SearchFilters): ((row: number) => boolean) | undefined {
    if (!filters?.docs?.length && !filters?.tags?.length) return undefined;
    const docs = filters.docs?.length ? new Set(filters.docs) : null;
    const tags = filters.tags?.length ? new Set(filters.tags) : null;
    return (row) => {
      if (docs && !docs.has(this.documents[this.catalog.docs[row]].id)) return false;
      return !tags || this.tagsOf(row).some((t) => tags.has(t));
    };
  }

  private present(
    hits: { index: number; score: number }[],
    marks: WeightedTerm[],
    k: number,
    snippets = true,
  ): SearchResult[] {
    const queryTerms = new Set(marks.map((m) => m.term));
    return hits.slice(0, k).map((hit, i) => {
      const p = this.store.get(hit.index);
      const doc = this.documents[p.doc];
      const spans = snippets ? termSpans(p.text) : [];
      const answer = snippets ? answerSentence(p.text, marks, spans) : null;
      return {
        rank: i + 1,
        index: hit.index,
        id: p.id,
        doc: doc.id,
        title: doc.title,
        headings: p.headings,
        text: p.text,
        tags: p.tags,
        snippet: snippets ? makeSnippet(p.text, queryTerms, { answer, spans }) : { text: '', highlights: [] },
        answer,
        score: Math.round(hit.score * 1e4) / 1e4,
        link: passageLink(this.manifest.baseUrl, p.id),
      };
    });
  }
}

/** Idf-weighted share of the query that falls on terms the corpus never uses. */
function unknownShare(queryTerms: { term: string; idf: number }[], knows: (term: string) => boolean): number {
  const total = queryTerms.reduce((sum, t) => sum + t.idf, 0);
  return total > 0 ? queryTerms.reduce((sum, t) => sum + (knows(t.term) ? 0 : t.idf), 0) / total : 0;
}

/** Idf-weighted share of the query's terms a passage holds (`holds`: 1 for a term, less for weaker evidence of
 * it), and how many of them it holds outright. */
function coverage(
  queryTerms: { term: string; idf: number }[],
  holds: (term: string) => number,
): { coverage: number; terms: number } {
  let total = 0;
  let matched = 0;
  let terms = 0;
  for (const { term, idf } of queryTerms) {
    total += idf;
    const held = holds(term);
    matched += held * idf;
    if (held === 1) terms++;
  }
  return { coverage: total > 0 ? matched / total : 0, terms };
}
