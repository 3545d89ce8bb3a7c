// The catalog: what every query needs to know about every passage without its text — its id (links), its
// document and its tags (filters). A sharded index ships it as one small file; a single-file index derives it
// from passages.json.
import type { IndexManifest, PassagesFile } from './manifest.ts';
import type { DocumentInfo } from '../types.ts';
import { checkedDocuments } from './documents.ts';

export interface Catalog {
  documents: DocumentInfo[];
  /** Passage ids in row order. */
  ids: string[];
  /** Document (position in `documents`) of each row. */
  docs: number[];
  /** Tags of the rows that have any, as [row, tags]. */
  tags: [number, string[]][];
}

export function catalogOf(file: PassagesFile): Catalog {
  const tags: [number, string[]][] = [];
  file.passages.forEach((p, row) => p.tags.length && tags.push([row, p.tags]));
  return {
    documents: file.documents,
    ids: file.passages.map((p) => p.id),
    docs: file.passages.map((p) => p.doc),
    tags,
  };
}

export function validateCatalog(value: unknown, manifest: IndexManifest): Catalog {
  const c = value as Partial<Catalog> | null;
  const file = manifest.files.passages;
  if (!c || !Array.isArray(c.documents) || !Array.isArray(c.ids) || !Array.isArray(c.docs) || !Array.isArray(c.tags))
    throw new Error(`${file} is not a Lantern passage catalog`);
  if (c.ids.length !== manifest.counts.passages || c.docs.length !== c.ids.length) {
    throw new Error(
      `${file} lists ${c.ids.length} passages but manifest.json says ${manifest.counts.passages}: the index is incomplete or mixed from two builds`,
    );
  }
  return { ...(c as Catalog), documents: checkedDocuments(c.documents, c.ids, c.docs) };
}
