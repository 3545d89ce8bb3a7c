// Several document folders in one index: each folder's documents are named `<folder name>/<path>`, so two
// folders holding the same file name stay two documents (and their passages keep distinct, stable ids). Links
// between documents are resolved over everything read (links.ts), since a link may name any document.
import path from 'node:path';
import { readCorpus, corpusFingerprint, type Corpus, type IngestOptions } from './ingest.ts';
import { stableHash } from '../core/hash.ts';
import { linkDocuments } from './links.ts';
import type { ChunkingOptions } from '../core/settings.ts';

/** The id prefix of each folder: its name, numbered when two folders share one. */
export function folderPrefixes(folders: string[]): string[] {
  const used = new Map<string, number>();
  return folders.map((folder) => {
    const name = path.basename(path.resolve(folder)) || 'documents';
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return `${n === 1 ? name : `${name}-${n}`}/`;
  });
}

/**
 * One folder is read as it is (ids are paths inside it); several are read with their prefixes and joined. Then
 * the links between the documents read are resolved.
 */
export async function readFolders(
  folders: string[],
  chunking: ChunkingOptions,
  options: IngestOptions = {},
): Promise<Corpus> {
  const corpus = await readEach(folders, chunking, options);
  return { ...corpus, links: linkDocuments(corpus.documents, corpus.passages) };
}

async function readEach(folders: string[], chunking: ChunkingOptions, options: IngestOptions): Promise<Corpus> {
  if (folders.length === 1) return readCorpus(folders[0], chunking, options);
  const prefixes = folderPrefixes(folders);
  const out: Corpus = { documents: [], passages: [], rejected: [], warnings: [] };
  for (const [i, folder] of folders.entries()) {
    const corpus = await readCorpus(folder, chunking, { ...options, prefix: prefixes[i] });
    const offset = out.documents.length;
    out.documents.push(...corpus.documents);
    for (const p of corpus.passages) out.passages.push({ ...p, doc: p.doc + offset });
    out.rejected.push(...corpus.rejected);
    out.warnings.push(...corpus.warnings);
    if (corpus.hidden) (out.hidden ??= []).push(...corpus.hidden.map((h) => prefixes[i] + h));
  }
  return out;
}

export async function foldersFingerprint(folders: string[], options: IngestOptions = {}): Promise<string> {
  if (folders.length === 1) return corpusFingerprint(folders[0], options);
  const parts = await Promise.all(folders.map((folder) => corpusFingerprint(folder, options)));
  return stableHash(parts.join('\n'), 16);
}
