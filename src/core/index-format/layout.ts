// The index on disk (and on the wire): a folder with
//   manifest.json     what was built, with what, and how to search it (manifest.ts)
//   passages.json     documents and passages: text, heading path, tags, display markup (manifest.ts: PassagesFile)
//   vectors.bin       int8 passage vectors with per-vector scales (vectors.ts)
//   words.bin         the English word list: query words it holds are never corrected (english-words.ts)
//   model/            the model that embedded the passages (Transformers.js layout), so queries use the same one
// A large index is sharded instead of having one passages.json (manifest.ts: ShardLayout):
//   catalog.json      ids, documents and tags of every passage, without text (catalog.ts)
//   terms.json        the keyword index's term dictionary (terms.ts)
//   terms-<n>.bin     its postings fragments, each a range of sorted terms (terms.ts)
//   passages-<n>.json passage texts and display markup, a fixed number of passages each in row order
// Writing is the indexer's (src/indexer/write-index.ts); publishing renames every file but the manifest by its
// content (publishedName below, src/indexer/publish.ts).

export const MANIFEST_FILE = 'manifest.json';
export const PASSAGES_FILE = 'passages.json';
export const VECTORS_FILE = 'vectors.bin';
export const WORDS_FILE = 'words.bin';
export const MODEL_FOLDER = 'model';
export const CATALOG_FILE = 'catalog.json';
export const TERMS_FILE = 'terms.json';
export const termFragmentFile = (n: number) => `terms-${n}.bin`;
export const passageShardFile = (n: number) => `passages-${n}.json`;

/** `file` with the first 12 hex digits of its sha256 before the extension: passages.<hash>.json, vectors.<hash>.bin. */
export function publishedName(file: string, sha256: string): string {
  const dot = file.lastIndexOf('.');
  const hash = sha256.slice(0, 12);
  return dot > 0 ? `${file.slice(0, dot)}.${hash}${file.slice(dot)}` : `${file}.${hash}`;
}

/** The published model folder: model.<hash>, addressed as a whole (Transformers.js asks for its files by fixed names). */
export const publishedModelFolder = (sha256: string) => `${MODEL_FOLDER}.${sha256.slice(0, 12)}`;

/** Whether an index-relative path is a published, content-addressed one (see publishedName). */
export function isContentAddressed(rel: string): boolean {
  return /^(?:[^/]+\.[0-9a-f]{12}\.[a-z]+|model\.[0-9a-f]{12}\/.+)$/.test(rel);
}
