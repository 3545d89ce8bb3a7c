// Publishing an index with the app: every file but manifest.json gets a content-addressed name
// (passages.<hash>.json, vectors.<hash>.bin, model.<hash>/…), and the published manifest points at those names.
// A content-addressed URL never changes meaning, so the service worker can precache it without a cache-busting
// revision: it revalidates the copy the page has just downloaded (a 304) instead of downloading it a second time,
// and an unchanged model is not downloaded again after a rebuild that changed only the passages.
import type { IndexManifest } from '../core/format.ts';
import { createHash } from 'node:crypto';

/** Whether an index-relative path is a published, content-addressed one (see publishIndex). */
export function isContentAddressed(rel: string): boolean {
  return /^(?:[^/]+\.[0-9a-f]{12}\.[a-z]+|model\.[0-9a-f]{12}\/.+)$/.test(rel);
}

export interface PublishedIndex {
  manifest: IndexManifest;
  /** Index-relative path on disk → index-relative path as published. */
  names: Map<string, string>;
}

function withHash(file: string, sha256: string): string {
  const dot = file.lastIndexOf('.');
  const hash = sha256.slice(0, 12);
  return dot > 0 ? `${file.slice(0, dot)}.${hash}${file.slice(dot)}` : `${file}.${hash}`;
}

export function publishIndex(manifest: IndexManifest): PublishedIndex {
  const names = new Map<string, string>([['manifest.json', 'manifest.json']]);
  const sizes: IndexManifest['sizes'] = {};
  for (const [file, size] of Object.entries(manifest.sizes)) {
    const published = withHash(file, size.sha256);
    names.set(file, published);
    sizes[published] = size;
  }
  // The model folder is addressed as a whole: Transformers.js asks for its files by their fixed names.
  const modelHash = createHash('sha256').update(JSON.stringify(Object.entries(manifest.model.files).sort())).digest('hex');
  const modelPath = `model.${modelHash.slice(0, 12)}`;
  for (const file of Object.keys(manifest.model.files)) names.set(`${manifest.model.path}/${file}`, `${modelPath}/${file}`);
  return {
    manifest: {
      ...manifest,
      model: { ...manifest.model, path: modelPath },
      files: { passages: names.get(manifest.files.passages)!, vectors: names.get(manifest.files.vectors)! },
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
