// The shapes shared by the build, the CLI and the app: documents, passages, the index manifest, results.

/**
 * Display markup of a passage: a sanitised hast fragment (elements and text only), rendered without HTML parsing.
 * A link to another passage of the index is an `a` whose only property is `dataPassage` (its id), never a URL from
 * the corpus; a link to nothing in the corpus is a `span` of class `unresolved` (src/indexer/links.ts).
 */
export type DisplayNode =
  | { type: 'text'; value: string }
  | {
      type: 'element';
      tagName: string;
      properties?: Record<string, string | number | boolean | string[]>;
      children: DisplayNode[];
    };

export interface DocumentInfo {
  /** Path relative to the corpus folder, with forward slashes: unique and stable across builds. */
  id: string;
  title: string;
  tags: string[];
  /** The documents that link to this one (position in `documents`), each with its first passage holding such a link. */
  linkedFrom?: Backlink[];
}

export interface Backlink {
  doc: number;
  passage: string;
}

export interface Passage {
  /** Stable id: document path + heading path + content hash. Survives rebuilds of other documents. */
  id: string;
  /** Position of the document in `documents`. */
  doc: number;
  /** Heading path (breadcrumbs), outermost first. */
  headings: string[];
  /** Plain text: what is indexed, embedded and shown in snippets. */
  text: string;
  tags: string[];
  /** How the passage is displayed inside its document. */
  body: DisplayNode[];
}

export type SearchMode = 'hybrid' | 'keyword' | 'semantic';

export const SEARCH_MODES: SearchMode[] = ['keyword', 'semantic', 'hybrid'];

export interface Highlight {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  highlights: Highlight[];
  /** The part of the passage's answer sentence the snippet shows (answer-sentence.ts), if any. */
  answer?: Highlight;
}

export interface SearchResult {
  rank: number;
  /** Position of the passage in the index. */
  index: number;
  id: string;
  doc: string;
  title: string;
  headings: string[];
  text: string;
  tags: string[];
  snippet: Snippet;
  /** The sentence of `text` that best answers the query (answer-sentence.ts); null when none holds a query term. */
  answer?: Highlight | null;
  score: number;
  link: string;
  /** Semantic mode: ranked by meaning but under the index's match floor, shown after a "weaker matches" divider. */
  weak?: boolean;
}

export interface SearchFilters {
  docs?: string[];
  tags?: string[];
  /** Folders (a document id's path up to a `/`, e.g. `notes/work`): documents in them or below. */
  folders?: string[];
}
