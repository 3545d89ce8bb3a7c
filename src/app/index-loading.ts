// Opening the index in the worker: the manifest first, then what keyword search needs (passages.json, or a sharded
// index's catalog and term dictionary); the vectors download alongside and are attached when they arrive.
import { SearchIndex } from '../core/search.ts';
import { validateManifest, type IndexManifest } from '../core/index-format/manifest.ts';
import type { IndexSummary } from './protocol.ts';
import { evict, fetchChecked, restore, type OnBytes } from './verified-files.ts';

/**
 * What the page shows of the index: counts, every document (for the folder tree, by which filters and browsing
 * find them however many there are) and every tag with its passage count, most used first.
 */
export function summarize(ix: SearchIndex): IndexSummary {
  const tagCounts = new Map<string, number>();
  const passages = new Array<number>(ix.documents.length).fill(0);
  const first = new Array<string>(ix.documents.length).fill('');
  for (let row = 0; row < ix.count; row++) {
    for (const tag of ix.tagsOf(row)) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    const doc = ix.docOf(row);
    if (!passages[doc]++) first[doc] = ix.idOf(row);
  }
  const tags = [...tagCounts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  const documents = ix.documents
    .map((d, i) => ({ id: d.id, title: d.title, passages: passages[i], first: first[i] }))
    .filter((d) => d.passages > 0);
  return { version: ix.manifest.version, builtAt: ix.manifest.builtAt, documents, tags, passages: ix.count };
}

export async function fetchManifest(indexUrl: string): Promise<IndexManifest> {
  const manifestUrl = new URL('manifest.json', indexUrl).href;
  const response = await fetch(manifestUrl);
  if (!response.ok) throw new Error(`manifest.json could not be downloaded (HTTP ${response.status}).`);
  const manifestBytes = await response.arrayBuffer();
  let manifest: IndexManifest;
  try {
    manifest = validateManifest(JSON.parse(new TextDecoder().decode(manifestBytes)));
  } catch (error) {
    await evict([manifestUrl]);
    throw new Error(
      `manifest.json is damaged (${error instanceof Error ? error.message : String(error)}). The saved copy was removed: reload the page to download it again.`,
    );
  }
  await restore(manifestUrl, manifestBytes, response.headers);
  return manifest;
}

/** The files an index opens with (URL → bytes): what keyword search needs, and the vectors. */
export function openingFiles(manifest: IndexManifest, indexUrl: string): Map<string, number | undefined> {
  const files = [
    manifest.files.passages,
    manifest.files.vectors,
    ...(manifest.files.words ? [manifest.files.words] : []),
    ...(manifest.shards ? [manifest.shards.terms] : []),
  ];
  return new Map(files.map((file) => [new URL(file, indexUrl).href, manifest.sizes[file]?.bytes]));
}

/** The index, ready for keyword search, and its vectors still downloading; `onBytes(url)` counts each file's chunks. */
export async function openIndex(
  indexUrl: string,
  manifest: IndexManifest,
  onBytes: (url: string) => OnBytes,
): Promise<{ ix: SearchIndex; vectors: Promise<ArrayBuffer> }> {
  const counted = (file: string) => fetchChecked(indexUrl, manifest, file, onBytes(new URL(file, indexUrl).href));
  const vectors = counted(manifest.files.vectors);
  vectors.catch(() => undefined); // reported by whoever attaches them
  const json = async (file: string) => JSON.parse(new TextDecoder().decode(await counted(file)));
  // A sharded index opens with its catalog and term dictionary; fragments and passages load per query.
  const [passages, terms, words] = await Promise.all([
    json(manifest.files.passages),
    manifest.shards ? json(manifest.shards.terms) : undefined,
    manifest.files.words ? counted(manifest.files.words).then((b) => new Uint8Array(b)) : undefined,
  ]);
  const load = async (file: string) => new Uint8Array(await fetchChecked(indexUrl, manifest, file));
  return { ix: new SearchIndex({ manifest, passages, terms, load, words }), vectors };
}
