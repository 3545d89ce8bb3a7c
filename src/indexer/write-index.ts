// Writing an index folder's files and its manifest: one passages.json, or, for a large corpus, shards
// (catalog, term dictionary and postings fragments, passage shards) so the app loads only what a query needs.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogOf } from '../core/catalog.ts';
import { stableHash } from '../core/hash.ts';
import { INDEX_FORMAT, type IndexManifest, type PassagesFile, type ShardLayout } from '../core/format.ts';
import { buildTermIndex } from '../core/term-index.ts';

/** `auto` shards an index of more than this many passages. */
export const SHARD_ABOVE = 20_000;
/**
 * Passages per passage shard. A page of 20 results touches up to 20 shards: at 100 passages a shard (~300 KB
 * each at 100k) a query fetched and parsed megabytes; at 20 it is ~60 KB a shard.
 */
export const PASSAGES_PER_SHARD = 20;

export type ShardChoice = 'auto' | 'always' | 'never';

export type ManifestBase = Omit<IndexManifest, 'format' | 'version' | 'counts' | 'files' | 'sizes' | 'shards'>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Writes the index files and manifest.json into `dir` (an empty folder) and returns the manifest. */
export async function writeIndexFiles(dir: string, content: PassagesFile, vectors: Uint8Array, base: ManifestBase, shard: ShardChoice = 'auto'): Promise<IndexManifest> {
  const files = new Map<string, Uint8Array>();
  let layout: ShardLayout | undefined;
  let passagesFile = 'passages.json';
  if (shard === 'always' || (shard === 'auto' && content.passages.length > SHARD_ABOVE)) {
    passagesFile = 'catalog.json';
    files.set(passagesFile, jsonBytes(catalogOf(content)));
    const terms = buildTermIndex(content.passages, content.documents);
    files.set('terms.json', jsonBytes(terms.dictionary));
    layout = { terms: 'terms.json', fragments: [], passages: [], passagesPerShard: PASSAGES_PER_SHARD };
    terms.fragments.forEach((bytes, i) => {
      layout!.fragments.push(`terms-${i}.bin`);
      files.set(`terms-${i}.bin`, bytes);
    });
    for (let from = 0, i = 0; from < content.passages.length; from += PASSAGES_PER_SHARD, i++) {
      layout.passages.push(`passages-${i}.json`);
      files.set(`passages-${i}.json`, jsonBytes(content.passages.slice(from, from + PASSAGES_PER_SHARD)));
    }
  } else {
    files.set(passagesFile, jsonBytes(content));
  }
  files.set('vectors.bin', vectors);

  const sizes: IndexManifest['sizes'] = {};
  for (const [name, bytes] of files) sizes[name] = { bytes: bytes.length, sha256: sha256(bytes) };
  const manifest: IndexManifest = {
    format: INDEX_FORMAT,
    ...base,
    version: stableHash(JSON.stringify([sizes, base.model.files, base.search, base.chunking]), 16),
    counts: { documents: content.documents.length, passages: content.passages.length },
    files: { passages: passagesFile, vectors: 'vectors.bin' },
    sizes,
    ...(layout ? { shards: layout } : {}),
  };
  await Promise.all([...files].map(([name, bytes]) => writeFile(path.join(dir, name), bytes)));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
