// Messages between the page and the search worker. Requests carry an id; the worker answers each with the
// same id. Status messages (index, model, progress) are pushed without being asked.
import type { DocumentInfo, DisplayNode, SearchFilters, SearchMode, SearchResult } from '../core/types.ts';
import type { SearchTimings } from '../core/search.ts';
import type { Correction } from '../core/corrections.ts';

export interface SearchRequest {
  query: string;
  mode: SearchMode;
  k: number;
  filters?: SearchFilters;
  prefix?: boolean;
  /** The words exactly as typed: no typo tolerance, no respelling for the model. */
  exact?: boolean;
}

export interface SearchAnswer {
  /** The mode that ranked the results: hybrid asked before the model is ready answers as keyword. */
  mode: SearchMode;
  /** The matches; their count is the number of matches shown. */
  results: SearchResult[];
  /** How many passages match (a lower bound when `more`: only the top candidates are ranked). */
  total: number;
  more: boolean;
  /** When nothing matches: the passages closest by meaning (not matches; see SearchResponse in core/search.ts). */
  closest: SearchResult[];
  /** The words typo tolerance replaced, and the query as searched ("Showing results for …"). */
  corrections: Correction[];
  searched: string;
  timings: SearchTimings & { embed: number };
}

export interface DocumentPassage {
  id: string;
  headings: string[];
  body: DisplayNode[];
}

/** A document that links to the one shown ("Linked from"): its title and the passage holding the link. */
export interface LinkingDocument {
  title: string;
  passage: string;
}

export type DocumentAnswer =
  | { found: false }
  | {
      found: true;
      document: DocumentInfo;
      passages: DocumentPassage[];
      target: number;
      marks: PassageMarks;
      linkedFrom: LinkingDocument[];
    };

/** What to mark in the asked passage for the query it was opened from: the terms (corrected words too), the answer sentence. */
export interface PassageMarks {
  terms: string[];
  answer: string | null;
}

export type Request =
  | { id: number; type: 'search'; request: SearchRequest }
  | { id: number; type: 'document'; passageId: string; query?: string; exact?: boolean }
  | { id: number; type: 'more'; passageId: string; k: number };

export type RequestType = Request['type'];

export interface AnswerOf {
  search: SearchAnswer;
  document: DocumentAnswer;
  more: SearchResult[];
}

/** A document as the filters and the home screen's browser list it. */
export interface DocumentEntry {
  id: string;
  title: string;
  /** How many passages it holds. */
  passages: number;
  /** Its first passage's id: where browsing opens it. */
  first: string;
}

export interface IndexSummary {
  version: string;
  /** When the index was built (ISO 8601). */
  builtAt: string;
  /** Every document, in index order (the filters and the browser show them by folder). */
  documents: DocumentEntry[];
  /** Every passage tag with its passage count, most used first. */
  tags: { tag: string; count: number }[];
  passages: number;
}

/** The model: its files downloading (with the index: see Progress), then built in memory, then ready or failed. */
export type ModelState =
  | { state: 'waiting' }
  | { state: 'loading' }
  | { state: 'preparing' }
  | { state: 'ready'; seconds: number }
  | { state: 'failed'; message: string };

/** Bytes of the first visit downloaded so far, over all of them (null: a size is unknown). */
export interface Progress {
  loaded: number;
  total: number | null;
}

/** Sent once by the page to start the worker. */
export interface InitMessage {
  type: 'init';
  /** Absolute URL of the folder holding the index (…/index/). */
  indexUrl: string;
  /** Whether the site's model needs ONNX Runtime (site.ts RUNTIME_EXPECTED): its wasm is then part of the first visit. */
  runtime: boolean;
}

export type WorkerMessage =
  | { type: 'index'; summary: IndexSummary; seconds: number }
  | { type: 'index-failed'; message: string }
  | { type: 'model'; model: ModelState }
  | { type: 'progress'; progress: Progress }
  | { type: 'answer'; id: number; answer: AnswerOf[RequestType] }
  | { type: 'error'; id: number; message: string };
