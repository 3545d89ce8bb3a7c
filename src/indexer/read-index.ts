// Reading an index folder from disk (Node), for the CLI, the eval harness and the bench: its files in the shape the
// search core opens, and an opened index with a query embedder that loads the model stored inside the index (only
// when a query needs it), after checking it is the model that embedded the passages.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SearchIndex, type IndexFiles } from '../core/search.ts';
import type { Embedder } from '../core/embedding.ts';
import type { IndexManifest } from '../core/index-format/manifest.ts';
import { MANIFEST_FILE, PASSAGES_FILE, VECTORS_FILE } from '../core/index-format/layout.ts';
import { foldersFingerprint } from './folders.ts';
import { indexFilePath } from './index-path.ts';

/** How to repair a damaged index: build it again, from the folder it was built from when the manifest says. */
function rebuildHint(dir: string, data?: string): string {
  return `rebuild it with \`lantern build --data ${data ?? '<your documents>'} --out ${dir}\``;
}

/** A file of an index that cannot be read or parsed, named with the fix (not "Unexpected end of JSON input"). */
export class DamagedIndexError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    dir: string,
    data?: string,
  ) {
    super(`the index file ${file} is damaged or missing (${reason}): ${rebuildHint(dir, data)}`);
  }
}

async function readIndexFile(dir: string, file: string, data?: string): Promise<Uint8Array> {
  const full = indexFilePath(dir, file);
  try {
    return new Uint8Array(await readFile(full));
  } catch (error) {
    throw new DamagedIndexError(
      path.join(dir, file),
      (error as NodeJS.ErrnoException).code ?? (error as Error).message,
      dir,
      data,
    );
  }
}

function parseIndexJson(bytes: Uint8Array, file: string, dir: string, data?: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new DamagedIndexError(file, `not valid JSON: ${(error as Error).message}`, dir, data);
  }
}

export interface IndexFolder extends IndexFiles {
  /** Why vectors.bin could not be read, when it could not (keyword search still works without it). */
  vectorsError?: DamagedIndexError;
}

/** Reads an index folder from disk into the shape the search core opens (a sharded index's shards load on demand). */
export async function readIndexFiles(dir: string): Promise<IndexFolder> {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new Error(`no index at ${dir} (no manifest.json): run \`lantern build\` first`);
  const manifest = parseIndexJson(await readIndexFile(dir, MANIFEST_FILE), manifestPath, dir) as IndexManifest;
  const data = typeof manifest?.source?.data === 'string' ? manifest.source.data : undefined;
  const json = async (file: string) =>
    parseIndexJson(await readIndexFile(dir, file, data), path.join(dir, file), dir, data);
  const passages = await json(manifest?.files?.passages ?? PASSAGES_FILE);
  let vectors: Uint8Array | undefined;
  let vectorsError: DamagedIndexError | undefined;
  try {
    vectors = await readIndexFile(dir, manifest?.files?.vectors ?? VECTORS_FILE, data);
  } catch (error) {
    vectorsError = error as DamagedIndexError;
  }
  // An index built before the word list has none: every word it lacks may then be corrected.
  const words = manifest?.files?.words ? await readIndexFile(dir, manifest.files.words, data) : undefined;
  const found = { manifest, passages, vectors, vectorsError, words } as IndexFolder;
  if (!manifest?.shards) return found;
  return { ...found, terms: await json(manifest.shards.terms), load: (file) => readIndexFile(dir, file, data) };
}

/**
 * Opens an index folder with everything in memory (a sharded one is read whole), ready for SearchIndex.search.
 * A damaged vectors.bin leaves the index without vectors (`vectorsError` says why): keyword search still works.
 */
export async function openIndexFolder(dir: string): Promise<SearchIndex & { vectorsError?: DamagedIndexError }> {
  const { vectors, vectorsError, ...files } = await readIndexFiles(dir);
  const source = (files.manifest as Partial<IndexManifest> | null)?.source;
  const data = typeof source?.data === 'string' ? source.data : undefined;
  let index: SearchIndex;
  try {
    index = new SearchIndex(files);
    await index.loadAll();
  } catch (error) {
    if (error instanceof DamagedIndexError) throw error;
    throw new Error(`the index at ${dir} is damaged (${(error as Error).message}): ${rebuildHint(dir, data)}`);
  }
  let problem = vectorsError;
  if (vectors && !problem) {
    try {
      index.attachVectors(vectors);
    } catch (error) {
      problem = new DamagedIndexError(
        path.join(dir, index.manifest.files.vectors),
        (error as Error).message,
        dir,
        data,
      );
    }
  }
  return Object.assign(index, problem ? { vectorsError: problem } : {});
}

export interface OpenedIndex {
  index: SearchIndex;
  /** Why the index has no vectors (a damaged vectors.bin): keyword search still works. */
  vectorsError?: Error;
  /** `asTyped`: the words as typed, never respelled for the model (an exact search). */
  embedQuery(text: string, options?: { asTyped?: boolean }): Promise<Float32Array>;
  embedQueries(texts: string[], options?: { asTyped?: boolean }): Promise<Float32Array[]>;
}

export async function openIndex(dir: string, warn: (line: string) => void = () => {}): Promise<OpenedIndex> {
  const root = path.resolve(dir);
  const index = await openIndexFolder(root);
  const { vectorsError } = index;
  const source = index.manifest.source;
  const folders = source ? (Array.isArray(source.data) ? source.data : [source.data]) : [];
  if (
    source &&
    folders.every((f) => existsSync(f)) &&
    (await foldersFingerprint(folders, { followOutsideLinks: source.followOutsideLinks })) !== source.fingerprint
  ) {
    warn(
      `the documents in ${folders.join(', ')} changed after this index was built (${index.manifest.builtAt}): run \`lantern build\` to search the current text`,
    );
  }
  let embedder: Promise<Embedder> | null = null;
  const load = () =>
    (embedder ??= (async () => {
      await checkModel(root, index);
      // Loaded on first use: keyword searches and errors should not pay for Transformers.js and ONNX Runtime.
      const { openEmbedder } = await import('./embedder.ts');
      return openEmbedder(root, index.manifest.model.path);
    })());
  return {
    index,
    vectorsError,
    async embedQuery(text, options) {
      const keep = (word: string) => index.isWord(word);
      const [vector] = await (await load()).embedQueries([text], index.manifest.model, { ...options, keep });
      return vector;
    },
    async embedQueries(texts, options) {
      const embedder = await load();
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += 64)
        out.push(
          ...(await embedder.embedQueries(texts.slice(i, i + 64), index.manifest.model, {
            ...options,
            keep: (word) => index.isWord(word),
          })),
        );
      return out;
    },
  };
}

/** The model files must be the ones the index was built with, or query and passage vectors would not compare. */
async function checkModel(root: string, index: SearchIndex): Promise<void> {
  const { model } = index.manifest;
  for (const [file, hash] of Object.entries(model.files)) {
    const full = indexFilePath(root, `${model.path}/${file}`);
    if (!existsSync(full))
      throw new Error(
        `the index at ${root} is missing its model file ${model.path}/${file}: rebuild it with \`lantern build\``,
      );
    const actual = createHash('sha256')
      .update(await readFile(full))
      .digest('hex');
    if (actual !== hash)
      throw new Error(
        `the model in ${root}/${model.path} is not the one this index was built with (${file} differs): rebuild with \`lantern build\``,
      );
  }
}
