// The search facade used by the CLI, the eval harness and the app's worker alike:
// open an index from its files, then answer queries in keyword, semantic or hybrid mode.
import { terms } from './analysis.ts';
import { createKeywordIndex, type KeywordIndex } from './keyword.ts';
import { decodeVectors, scoreAll, topK, vectorAt, type VectorStore } from './vectors.ts';
import { fuse } from './fusion.ts';
import { makeSnippet } from './snippet.ts';
import { passageLink } from './links.ts';
import { validateManifest, validatePassages, type IndexManifest, type PassagesFile } from './format.ts';
import type { Passage, SearchFilters, SearchMode, SearchResult } from './types.ts';

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
}

export interface SearchTimings {
  keyword: number;
  vector: number;
  fusion: number;
}

export interface SearchResponse {
  /** The mode that actually ranked the results (hybrid without a query vector is keyword). */
  mode: SearchMode;
  results: SearchResult[];
  timings: SearchTimings;
}

export interface IndexFiles {
  manifest: unknown;
  passages: unknown;
  /** vectors.bin; may be absent while it is still loading (keyword search works without it). */
  vectors?: ArrayBuffer | Uint8Array | null;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class SearchIndex {
  readonly manifest: IndexManifest;
  readonly documents: PassagesFile['documents'];
  readonly passages: Passage[];
  private readonly keyword: KeywordIndex;
  private vectors: VectorStore | null = null;
  private readonly byId: Map<string, number>;
  private readonly docIds: Set<string>;

  constructor(files: IndexFiles, keyword?: KeywordIndex) {
    this.manifest = validateManifest(files.manifest);
    const data = validatePassages(files.passages, this.manifest);
    this.documents = data.documents;
    this.passages = data.passages;
    this.keyword = keyword ?? createKeywordIndex(this.passages, this.documents);
    this.byId = new Map(this.passages.map((p, i) => [p.id, i]));
    this.docIds = new Set(this.documents.map((d) => d.id));
    if (files.vectors) this.attachVectors(files.vectors);
  }

  /** Adds the passage vectors (they may arrive after the index opened). */
  attachVectors(bytes: ArrayBuffer | Uint8Array): void {
    const store = decodeVectors(bytes);
    if (store.count !== this.passages.length) throw new Error(`vectors.bin holds ${store.count} vectors but the index has ${this.passages.length} passages: rebuild the index`);
    if (store.dim !== this.manifest.model.dim) throw new Error(`vectors.bin has dimension ${store.dim} but the model has ${this.manifest.model.dim}`);
    this.vectors = store;
  }

  /** The same passages and vectors searched with other settings (used to tune without rebuilding). */
  withSettings(search: IndexManifest['search']): SearchIndex {
    const copy = new SearchIndex({ manifest: { ...this.manifest, search }, passages: { documents: this.documents, passages: this.passages } }, this.keyword);
    copy.vectors = this.vectors;
    return copy;
  }

  get hasVectors(): boolean {
    return this.vectors !== null;
  }

  passageIndex(id: string): number | undefined {
    return this.byId.get(id);
  }

  search(query: string, options: SearchOptions): SearchResponse {
    const timings: SearchTimings = { keyword: 0, vector: 0, fusion: 0 };
    const filters = this.knownFilters(options.filters);
    const canEmbed = options.queryVector != null && this.vectors !== null;
    const mode: SearchMode = options.mode === 'hybrid' && !canEmbed ? 'keyword' : options.mode;
    if (mode === 'semantic' && !canEmbed) return { mode, results: [], timings };
    const { fusion } = this.manifest.search;
    const pool = Math.max(options.k, fusion.candidates);

    let t = now();
    const keywordHits = mode === 'semantic' ? [] : this.keyword.search({ text: query, prefix: options.prefix, filters, limit: mode === 'keyword' ? options.k : pool }, this.manifest.search.keyword);
    timings.keyword = now() - t;
    if (mode === 'keyword') return { mode, results: this.present(keywordHits, query, options.k, options.snippets), timings };

    t = now();
    const cosines = scoreAll(this.vectors!, options.queryVector!);
    const allowed = this.filterRows(filters);
    const semanticHits = topK(cosines, mode === 'semantic' ? options.k : pool, allowed);
    timings.vector = now() - t;
    if (mode === 'semantic') return { mode, results: this.present(semanticHits, query, options.k, options.snippets), timings };

    t = now();
    const fused = fuse({ keyword: keywordHits, cosines, semantic: semanticHits, keywordStrength: this.keywordStrength(query, keywordHits[0]?.index) }, fusion);
    timings.fusion = now() - t;
    return { mode, results: this.present(fused, query, options.k, options.snippets), timings };
  }

  /** Passages nearest to passage `id` by vector (the passage itself excluded). */
  moreLikeThis(id: string, k: number, filters?: SearchFilters): SearchResult[] {
    const row = this.byId.get(id);
    if (row === undefined || !this.vectors) return [];
    const allowed = this.filterRows(this.knownFilters(filters));
    const cosines = scoreAll(this.vectors, vectorAt(this.vectors, row));
    const hits = topK(cosines, k, (r) => r !== row && (!allowed || allowed(r)));
    return this.present(hits, '', k);
  }

  /** Idf-weighted share of the query's terms that the best keyword passage contains. */
  private keywordStrength(query: string, best: number | undefined): number {
    if (best === undefined) return 0;
    const queryTerms = [...new Set(terms(query))];
    const p = this.passages[best];
    const present = new Set(terms(`${this.documents[p.doc].title}\n${p.headings.join('\n')}\n${p.text}`));
    let total = 0;
    let matched = 0;
    for (const term of queryTerms) {
      const idf = this.keyword.idf(term);
      total += idf;
      if (present.has(term)) matched += idf;
    }
    return total > 0 ? matched / total : 0;
  }

  /** Drops filter values that name no document, so a stale link filters nothing instead of everything. */
  private knownFilters(filters?: SearchFilters): SearchFilters | undefined {
    if (!filters) return undefined;
    const docs = filters.docs?.filter((d) => this.docIds.has(d));
    return { ...(docs?.length ? { docs } : {}), ...(filters.tags?.length ? { tags: filters.tags } : {}) };
  }

  private filterRows(filters?: SearchFilters): ((row: number) => boolean) | undefined {
    if (!filters?.docs?.length && !filters?.tags?.length) return undefined;
    const docs = filters.docs?.length ? new Set(filters.docs) : null;
    const tags = filters.tags?.length ? new Set(filters.tags) : null;
    return (row) => {
      const p = this.passages[row];
      if (docs && !docs.has(this.documents[p.doc].id)) return false;
      return !tags || p.tags.some((t) => tags.has(t));
    };
  }

  private present(hits: { index: number; score: number }[], query: string, k: number, snippets = true): SearchResult[] {
    const queryTerms = new Set(terms(query));
    return hits.slice(0, k).map((hit, i) => {
      const p = this.passages[hit.index];
      const doc = this.documents[p.doc];
      return {
        rank: i + 1,
        index: hit.index,
        id: p.id,
        doc: doc.id,
        title: doc.title,
        headings: p.headings,
        text: p.text,
        tags: p.tags,
        snippet: snippets ? makeSnippet(p.text, queryTerms) : { text: '', highlights: [] },
        score: Math.round(hit.score * 1e4) / 1e4,
        link: passageLink(this.manifest.baseUrl, p.id),
      };
    });
  }
}
