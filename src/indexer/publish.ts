// Publishing an index with the app: every file but manifest.json gets a content-addressed name
// (passages.<hash>.json, vectors.<hash>.bin, model.<hash>/…), and the published manifest points at those names.
// A content-addressed URL never changes meaning, so the service worker can precache it without a cache-busting
// revision: it revalidates the copy the page has just downloaded (a 304) instead of downloading it a second time,
// and an unchanged model is not downloaded again after a rebuild that changed only the passages.
import type { IndexManifest } from '../core/index-format/manifest.ts';
import { MANIFEST_FILE, publishedModelFolder, publishedName } from '../core/index-format/layout.ts';
import { createHash } from 'node:crypto';

export interface PublishedIndex {
  manifest: IndexManifest;
  /** Index-relative path on disk → index-relative path as published. */
  names: Map<string, string>;
}

/**
 * `sizeOf` (bytes of an index-relative file) adds the model's files to the published sizes, so the app knows the
 * size of everything it downloads before the first byte arrives.
 */
export function publishIndex(manifest: IndexManifest, sizeOf?: (rel: string) => number): PublishedIndex {
  const names = new Map<string, string>([[MANIFEST_FILE, MANIFEST_FILE]]);
  const sizes: IndexManifest['sizes'] = {};
  for (const [file, size] of Object.entries(manifest.sizes)) {
    const published = publishedName(file, size.sha256);
    names.set(file, published);
    sizes[published] = size;
  }
  const modelPath = publishedModelFolder(
    createHash('sha256')
      .update(JSON.stringify(Object.entries(manifest.model.files).sort()))
      .digest('hex'),
  );
  for (const [file, sha256] of Object.entries(manifest.model.files)) {
    names.set(`${manifest.model.path}/${file}`, `${modelPath}/${file}`);
    if (sizeOf) sizes[`${modelPath}/${file}`] = { bytes: sizeOf(`${manifest.model.path}/${file}`), sha256 };
  }
  return {
    manifest: {
      ...manifest,
      model: { ...manifest.model, path: modelPath },
      files: {
        passages: names.get(manifest.files.passages)!,
        vectors: names.get(manifest.files.vectors)!,
        ...(manifest.files.words ? { words: names.get(manifest.files.words)! } : {}),
      },
      sizes,
      ...(manifest.shards
        ? {
            shards: {
              ...manifest.shards,
              terms: names.get(manifest.shards.terms)!,
              fragments: manifest.shards.fragments.map((f) => names.get(f)!),
              passages: manifest.shards.passages.map((f) => names.get(f)!),
            },
          }
        : {}),
    },
    names,
  };
}
