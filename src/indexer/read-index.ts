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

/** Reads an index folder from disk into the shape the search core opens (a sharded index's shards load on demand). */
export async function readIndexFiles(dir: string): Promise<IndexFiles> {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new Error(`no index at ${dir} (no manifest.json): run \`lantern build\` first`);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as IndexManifest;
  const json = async (file: string) => JSON.parse(await readFile(path.join(dir, file), 'utf8'));
  const passages = await json(manifest.files?.passages ?? PASSAGES_FILE);
  const vectors = new Uint8Array(await readFile(path.join(dir, manifest.files?.vectors ?? VECTORS_FILE)));
  if (!manifest.shards) return { manifest, passages, vectors };
  return { manifest, passages, vectors, terms: await json(manifest.shards.terms), load: async (file) => new Uint8Array(await readFile(path.join(dir, file))) };
}

/** Opens an index folder with everything in memory (a sharded one is read whole), ready for SearchIndex.search. */
export async function openIndexFolder(dir: string): Promise<SearchIndex> {
  const index = new SearchIndex(await readIndexFiles(dir));
  await index.loadAll();
  return index;
}

export interface OpenedIndex {
  index: SearchIndex;
  embedQuery(text: string): Promise<Float32Array>;
  embedQueries(texts: string[]): Promise<Float32Array[]>;
}

export async function openIndex(dir: string, warn: (line: string) => void = () => {}): Promise<OpenedIndex> {
  const root = path.resolve(dir);
  const index = await openIndexFolder(root);
  const source = index.manifest.source;
  const folders = source ? (Array.isArray(source.data) ? source.data : [source.data]) : [];
  if (source && folders.every((f) => existsSync(f)) && (await foldersFingerprint(folders, { followOutsideLinks: source.followOutsideLinks })) !== source.fingerprint) {
    warn(`the documents in ${folders.join(', ')} changed after this index was built (${index.manifest.builtAt}): run \`lantern build\` to search the current text`);
  }
  let embedder: Promise<Embedder> | null = null;
  const load = () =>
    (embedder ??= (async () => {
      await checkModel(root, index);
      // Loaded on first use: keyword searches and errors should not pay for Transformers.js and ONNX Runtime.
      const [{ env }, { loadEmbedder }] = await Promise.all([import('@huggingface/transformers'), import('../core/embedding.ts')]);
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.localModelPath = `${root}/`;
      return loadEmbedder(index.manifest.model.path);
    })());
  return {
    index,
    async embedQuery(text) {
      const [vector] = await (await load()).embedQueries([text], index.manifest.model);
      return vector;
    },
    async embedQueries(texts) {
      const embedder = await load();
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += 64) out.push(...(await embedder.embedQueries(texts.slice(i, i + 64), index.manifest.model)));
      return out;
    },
  };
}

/** The model files must be the ones the index was built with, or query and passage vectors would not compare. */
async function checkModel(root: string, index: SearchIndex): Promise<void> {
  const { model } = index.manifest;
  for (const [file, hash] of Object.entries(model.files)) {
    const full = path.join(root, model.path, file);
    if (!existsSync(full)) throw new Error(`the index at ${root} is missing its model file ${model.path}/${file}: rebuild it with \`lantern build\``);
    const actual = createHash('sha256').update(await readFile(full)).digest('hex');
    if (actual !== hash) throw new Error(`the model in ${root}/${model.path} is not the one this index was built with (${file} differs): rebuild with \`lantern build\``);
  }
}
