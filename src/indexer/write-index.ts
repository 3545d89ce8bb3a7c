// Writing an index folder's files and its manifest: one passages.json, or, for a large corpus, shards
// (catalog, term dictionary and postings fragments, passage shards) so the app loads only what a query needs.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogOf } from '../core/index-format/catalog.ts';
import { stableHash } from '../core/hash.ts';
import {
  INDEX_FORMAT,
  type IndexManifest,
  type PassagesFile,
  type ShardLayout,
} from '../core/index-format/manifest.ts';
import {
  CATALOG_FILE,
  MANIFEST_FILE,
  PASSAGES_FILE,
  TERMS_FILE,
  VECTORS_FILE,
  WORDS_FILE,
  passageShardFile,
  termFragmentFile,
} from '../core/index-format/layout.ts';
import { buildTermIndex } from '../core/term-index/build.ts';
import { englishWordsFile } from './english-words.ts';

/** `auto` shards an index of more than this many passages. */
export const SHARD_ABOVE = 20_000;
/**
 * Passages per passage shard. A page of 20 results touches up to 20 shards: at 100 passages a shard (~300 KB
 * each at 100k) a query fetched and parsed megabytes; at 20 it is ~60 KB a shard.
 */
export const PASSAGES_PER_SHARD = 20;

export type ShardChoice = 'auto' | 'always' | 'never';

export interface LayoutChoice {
  /** Whether to shard: 'auto' (default) above SHARD_ABOVE passages. */
  shard?: ShardChoice;
  /** Target bytes of one keyword fragment of a sharded index (default 64 KiB: buildTermIndex). */
  fragmentBytes?: number;
}

export type ManifestBase = Omit<IndexManifest, 'format' | 'version' | 'counts' | 'files' | 'sizes' | 'shards'>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Writes the index files and manifest.json into `dir` (an empty folder) and returns the manifest. */
export async function writeIndexFiles(
  dir: string,
  content: PassagesFile,
  vectors: Uint8Array,
  base: ManifestBase,
  { shard = 'auto', fragmentBytes }: LayoutChoice = {},
): Promise<IndexManifest> {
  const files = new Map<string, Uint8Array>();
  let layout: ShardLayout | undefined;
  let passagesFile = PASSAGES_FILE;
  if (shard === 'always' || (shard === 'auto' && content.passages.length > SHARD_ABOVE)) {
    passagesFile = CATALOG_FILE;
    files.set(passagesFile, jsonBytes(catalogOf(content)));
    const terms = buildTermIndex(content.passages, content.documents, { fragmentBytes });
    files.set(TERMS_FILE, jsonBytes(terms.dictionary));
    layout = { terms: TERMS_FILE, fragments: [], passages: [], passagesPerShard: PASSAGES_PER_SHARD };
    terms.fragments.forEach((bytes, i) => {
      layout!.fragments.push(termFragmentFile(i));
      files.set(termFragmentFile(i), bytes);
    });
    for (let from = 0, i = 0; from < content.passages.length; from += PASSAGES_PER_SHARD, i++) {
      layout.passages.push(passageShardFile(i));
      files.set(passageShardFile(i), jsonBytes(content.passages.slice(from, from + PASSAGES_PER_SHARD)));
    }
  } else {
    files.set(passagesFile, jsonBytes(content));
  }
  files.set(VECTORS_FILE, vectors);
  files.set(WORDS_FILE, englishWordsFile(corpusText(content)));

  const sizes: IndexManifest['sizes'] = {};
  for (const [name, bytes] of files) sizes[name] = { bytes: bytes.length, sha256: sha256(bytes) };
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    ...base,
    version: stableHash(JSON.stringify([sizes, base.model.files, base.search, base.chunking]), 16),
    counts: { documents: content.documents.length, passages: content.passages.length },
    files: { passages: passagesFile, vectors: VECTORS_FILE, words: WORDS_FILE },
    sizes,
    ...(layout ? { shards: layout } : {}),
  };
  await Promise.all([...files].map(([name, bytes]) => writeFile(path.join(dir, name), bytes)));
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Every text the keyword index holds: passages, their heading paths, document titles. */
function* corpusText(content: PassagesFile): Iterable<string> {
  for (const d of content.documents) yield d.title;
  for (const p of content.passages) {
    yield p.text;
    yield* p.headings;
  }
}
