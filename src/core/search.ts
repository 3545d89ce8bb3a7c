// The search facade used by the CLI, the eval harness and the app's worker alike: open an index from its files,
// then answer a query through the pipeline of src/core/query/: parse → retrieve (keyword, semantic) → fuse →
// gate → present. Each step is a pure function of the parsed query and what the index holds; this class only
// loads what a step needs (keyword fragments, passage shards) and times the steps.
import { decodeVectors, vectorAt, type VectorStore } from './index-format/vectors.ts';
import { scoreAll, topK } from './vector-search.ts';
import { validateManifest, validatePassages, type IndexManifest } from './index-format/manifest.ts';
import { catalogOf, validateCatalog, type Catalog } from './index-format/catalog.ts';
import { PassageStore } from './passage-store.ts';
import { openTermIndex } from './term-index/open.ts';
import { keywordIndexOf } from './keyword.ts';
import { decodeEnglishTerms, type EnglishTerms } from './english-words.ts';
import { answerSentence } from './answer-sentence.ts';
import type { KeywordIndex } from './keyword-rules/contract.ts';
import type { TermDictionary } from './index-format/terms.ts';
import { correctedQuery, type Correction } from './corrections.ts';
import { CLOSEST } from './settings.ts';
import { isRealWord, keywordTerms, parseQuery, type Lexicon, type ParsedQuery } from './query/parse.ts';
import { fuse, withCoverage } from './query/fuse.ts';
import { gate, type Hit } from './query/gate.ts';
import { correctionSpellings, corrections, present, queryMarks, unspelled } from './query/present.ts';
import type { DisplayNode, DocumentInfo, Passage, SearchFilters, SearchMode, SearchResult } from './types.ts';

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
  /** The matches: passages with evidence for them (query/gate.ts), the top k of `total`; in semantic mode they
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

export interface IndexFiles {
  manifest: unknown;
  /** passages.json, or the catalog of a sharded index (catalog.ts). */
  passages: unknown;
  /** vectors.bin; may be absent while it is still loading (keyword search works without it). */
  vectors?: ArrayBuffer | Uint8Array | null;
  /** words.bin, the English word list (english-words.ts); absent in an index built before it. */
  words?: Uint8Array | null;
  /** A sharded index: its term dictionary, and how to read any other of its files by name. */
  terms?: unknown;
  load?: (file: string) => Promise<Uint8Array>;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** What an open index is made of (eval builds variants of an index from them: src/eval/variants.ts). */
export interface IndexParts {
  manifest: IndexManifest;
  catalog: Catalog;
  store: PassageStore;
  keyword: KeywordIndex;
  english?: EnglishTerms;
  vectors?: VectorStore | null;
}

function open(files: IndexFiles): IndexParts {
  const manifest = validateManifest(files.manifest);
  const english = files.words ? decodeEnglishTerms(files.words, manifest.files.words ?? 'words.bin') : undefined;
  const { shards } = manifest;
  if (!shards) {
    const data = validatePassages(files.passages, manifest);
    return {
      manifest,
      catalog: catalogOf(data),
      store: PassageStore.inMemory(data.passages),
      keyword: keywordIndexOf(data.passages, data.documents),
      english,
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
    keyword: openTermIndex(files.terms as TermDictionary, (fragment) => load(shards.fragments[fragment]), {
      fileOf: (fragment) => shards.fragments[fragment],
    }),
    english,
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
  private readonly parts: IndexParts;
  private vectors: VectorStore | null;
  private readonly byId: Map<string, number>;
  private readonly docIds: Set<string>;
  private readonly tags: Map<number, string[]>;
  /** What parsing a query asks of this index (query/parse.ts). */
  private readonly lexicon: Lexicon;

  constructor(files: IndexFiles | IndexParts) {
    this.parts = 'catalog' in files ? files : open(files);
    this.manifest = this.parts.manifest;
    this.documents = this.parts.catalog.documents;
    this.byId = new Map(this.parts.catalog.ids.map((id, row) => [id, row]));
    this.docIds = new Set(this.documents.map((d) => d.id));
    this.tags = new Map(this.parts.catalog.tags);
    this.lexicon = this.lexiconOf();
    this.vectors = this.parts.vectors ?? null;
    if (!('catalog' in files) && files.vectors) this.attachVectors(files.vectors);
  }

  /** The parts this index is made of, with the vectors attached so far (for eval's variants). */
  get madeOf(): IndexParts {
    return { ...this.parts, vectors: this.vectors };
  }

  /** Number of passages. */
  get count(): number {
    return this.parts.catalog.ids.length;
  }

  /** The passage at `row` (loaded: always for a single-file index; see loadAll for a sharded one). */
  passage(row: number): Passage {
    return this.parts.store.get(row);
  }

  /** Document (position in `documents`) of passage `row`. */
  docOf(row: number): number {
    return this.parts.catalog.docs[row];
  }

  /** Id of passage `row` (known for every row, loaded or not). */
  idOf(row: number): string {
    return this.parts.catalog.ids[row];
  }

  tagsOf(row: number): string[] {
    return this.tags.get(row) ?? [];
  }

  /** Reads every passage and keyword fragment of a sharded index (the CLI and eval search it whole). */
  async loadAll(): Promise<void> {
    await Promise.all([this.parts.store.loadAll(), this.parts.keyword.loadAll()]);
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

  get hasVectors(): boolean {
    return this.vectors !== null;
  }

  passageIndex(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** Whether a word is a real word (query/parse.ts): never corrected or respelled. */
  isWord(word: string): boolean {
    return isRealWord(word, this.lexicon);
  }

  /** Parses a query against this index's vocabulary (query/parse.ts). */
  parse(text: string, options: { prefix?: boolean; exact?: boolean } = {}): ParsedQuery {
    return parseQuery(text, options, this.lexicon);
  }

  private lexiconOf(): Lexicon {
    const { keyword, english } = this.parts;
    return {
      idf: (term) => keyword.idf(term),
      knows: (term) => keyword.knows(term),
      typoMatches: (term, edits) => keyword.typoMatches(term, edits),
      isEnglish: english ? (term) => english.has(term) : undefined,
      formsOf: english ? (term) => english.formsOf(term) : undefined,
    };
  }

  /** Answers a query, first loading what it needs of a sharded index (keyword fragments, the passages shown). */
  async search(text: string, options: SearchOptions): Promise<SearchResponse> {
    const k = Math.min(options.k, this.count); // a larger k finds nothing more and would only allocate
    const query = this.parse(text, { prefix: options.prefix, exact: options.exact });
    const timings: SearchTimings = { keyword: 0, vector: 0, fusion: 0, load: 0 };
    const { keyword, store } = this.parts;
    const canEmbed = options.queryVector != null && this.vectors !== null;
    const mode: SearchMode = options.mode === 'hybrid' && !canEmbed ? 'keyword' : options.mode;
    const { fusion, confidence } = this.manifest.search;
    const pool = Math.max(k, fusion.candidates);
    const allowed = this.filterRows(options.filters);
    const requests = keywordTerms(query);

    // The keyword fragments download while the vectors are scored: at 100k passages each takes tens of ms.
    const preparing = mode !== 'semantic' ? keyword.prepare(requests) : undefined;
    let t = now();
    const cosines = canEmbed && mode !== 'keyword' ? scoreAll(this.vectors!, options.queryVector!) : undefined;
    timings.vector = now() - t;
    t = now();
    await preparing;
    timings.load = now() - t;

    let ranked: Hit[] = [];
    let keywordMatch = (_row: number) => false;
    if (mode === 'semantic') {
      if (cosines) {
        t = now();
        ranked = topK(cosines, k, allowed);
        timings.vector += now() - t;
      }
    } else {
      t = now();
      const keywordHits = keyword.search({ terms: requests, limit: pool, allowed }, this.manifest.search.keyword);
      timings.keyword = now() - t;
      ranked = keywordHits;
      if (mode === 'hybrid' && cosines) {
        t = now();
        const covered = withCoverage(keywordHits, query, (row, term) => keyword.has(row, term));
        const semantic = topK(cosines, pool, allowed);
        const docOf = (row: number) => this.parts.catalog.docs[row];
        ranked = fuse({ query, keyword: covered, cosines, semantic, docOf }, fusion);
        // A keyword hit is a match when it holds enough of the query as searched (a share of its weight, or two of
        // its terms: a long question is rarely held half by its answer). A corrected word counts as the word
        // searched instead: the reader is told the query was searched that way, so its hits are not "no match".
        const evidence = new Set(
          covered
            .filter((h) => h.searched >= (confidence?.keywordCoverage ?? 0) || h.searchedTerms >= 2)
            .map((h) => h.index),
        );
        keywordMatch = (row) => evidence.has(row);
        timings.fusion = now() - t;
      }
    }
    const gated = gate(mode, ranked, { query, cosines, keywordMatch, confidence, closest: CLOSEST });

    t = now();
    const shown = [
      ...gated.matches.slice(0, k),
      ...gated.weak.slice(0, Math.max(0, k - gated.matches.length)),
      ...gated.closest,
    ];
    const shownRows = shown.map((h) => h.index);
    await store.load(shownRows);
    const textOf = (row: number) => store.get(row).text;
    const spelled = correctionSpellings(query, shownRows.map(textOf));
    // A corrected word no shown passage spells is spelled from a passage that holds it.
    const missing = unspelled(query, spelled);
    const spellers = missing.length ? await this.rowsHolding(missing) : [];
    timings.load += now() - t;
    for (const [term, words] of correctionSpellings(query, spellers.map(textOf)))
      if (!spelled.has(term)) spelled.set(term, words);

    const said = corrections(query, spelled);
    const how = {
      passage: (row: number) => store.get(row),
      documents: this.documents,
      baseUrl: this.manifest.baseUrl,
      marks: queryMarks(query, (term) => keyword.idf(term)),
      snippets: options.snippets ?? true,
    };
    const matches = gated.matches.slice(0, k);
    return {
      mode,
      results: [
        ...present(matches, how),
        ...present(gated.weak.slice(0, k - matches.length), how, { weak: true }).map((r, i) => ({
          ...r,
          rank: matches.length + i + 1,
        })),
      ],
      total: gated.matches.length,
      more: mode === 'keyword' || mode === 'hybrid' ? ranked.length >= pool && gated.matches.length >= pool : false,
      closest: present(gated.closest, how),
      corrections: said,
      searched: correctedQuery(query.text, said),
      timings,
    };
  }

  /** A passage holding each of `terms` (index terms), loaded: the keyword index finds them. */
  private async rowsHolding(terms: string[]): Promise<number[]> {
    const { keyword, store } = this.parts;
    const requests = terms.map((term) => ({ term, prefix: false, edits: 0 }));
    await keyword.prepare(requests);
    const rows = requests.flatMap((request) => keyword.search({ terms: [request], limit: 1 }).map((h) => h.index));
    await store.load(rows);
    return rows;
  }

  /** The terms to mark in passage `id` for `query`, and the text of its answer sentence (the app's passage view). */
  async passageMarks(
    id: string,
    text: string,
    options: { exact?: boolean } = {},
  ): Promise<{ terms: string[]; answer: string | null }> {
    const row = this.byId.get(id);
    if (row === undefined || !text.trim()) return { terms: [], answer: null };
    const query = this.parse(text, { exact: options.exact });
    await this.parts.store.load([row]);
    const passage = this.parts.store.get(row).text;
    const marks = queryMarks(query, (term) => this.parts.keyword.idf(term));
    const answer = answerSentence(passage, marks);
    return { terms: marks.map((m) => m.term), answer: answer ? passage.slice(answer.start, answer.end) : null };
  }

  /** Passages nearest to passage `id` by vector (the passage itself excluded). */
  async moreLikeThis(id: string, k: number, filters?: SearchFilters): Promise<SearchResult[]> {
    const row = this.byId.get(id);
    if (row === undefined || !this.vectors) return [];
    const allowed = this.filterRows(filters);
    const cosines = scoreAll(this.vectors, vectorAt(this.vectors, row));
    const hits = topK(cosines, k, (r) => r !== row && (!allowed || allowed(r)));
    await this.parts.store.load(hits.map((h) => h.index));
    return present(hits, {
      passage: (r) => this.parts.store.get(r),
      documents: this.documents,
      baseUrl: this.manifest.baseUrl,
      marks: [],
      snippets: true,
    });
  }

  /** Every passage of the document holding passage `id`, for reading it in place (null: no such passage). */
  async documentOf(id: string): Promise<DocumentPassages | null> {
    const row = this.byId.get(id);
    if (row === undefined) return null;
    const { catalog, store } = this.parts;
    const doc = catalog.docs[row];
    const rows: number[] = [];
    catalog.docs.forEach((d, r) => d === doc && rows.push(r));
    await store.load(rows);
    const passages = rows.map((r) => {
      const { id, headings, body } = store.get(r);
      return { id, headings, body };
    });
    return { document: this.documents[doc], passages, target: rows.indexOf(row) };
  }

  /** The rows the filters allow (none given: all). Values naming no document are dropped, so a stale link filters
   * nothing instead of everything; a folder stands for the documents in it or below, and widens a document filter. */
  private filterRows(filters?: SearchFilters): ((row: number) => boolean) | undefined {
    if (!filters) return undefined;
    const inFolders = (filters.folders ?? []).flatMap((folder) =>
      this.documents.filter((d) => d.id.startsWith(`${folder.replace(/\/+$/, '')}/`)).map((d) => d.id),
    );
    const docs = new Set([...(filters.docs ?? []), ...inFolders].filter((d) => this.docIds.has(d)));
    const tags = filters.tags?.length ? new Set(filters.tags) : null;
    if (!docs.size && !tags) return undefined;
    const { catalog } = this.parts;
    return (row) => {
      if (docs.size && !docs.has(this.documents[catalog.docs[row]].id)) return false;
      return !tags || this.tagsOf(row).some((t) => tags.has(t));
    };
  }
}
