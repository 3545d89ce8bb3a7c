// The `documents` entry of passages.json and of a sharded catalog: per document its id, title, tags and, since
// links between documents, `linkedFrom` (optional: an index built before has none and reads as before).
import type { Backlink, DocumentInfo } from '../types.ts';

/**
 * The documents with only the backlinks that hold: another document of the index and one of its passages (an index
 * edited by hand or mixed from two builds loses a bad backlink, never the passage view). `ids` and `docs`: each
 * passage's id and document, in row order.
 */
export function checkedDocuments(
  documents: DocumentInfo[],
  ids: readonly string[],
  docs: readonly number[],
): DocumentInfo[] {
  if (!documents.some((d) => d && 'linkedFrom' in d)) return documents;
  const rows = new Map(ids.map((id, row) => [id, row]));
  const holds = (link: Backlink, self: number) => {
    if (!link || !Number.isInteger(link.doc) || link.doc === self || typeof link.passage !== 'string') return false;
    const row = rows.get(link.passage);
    return row !== undefined && docs[row] === link.doc;
  };
  return documents.map((doc, i) => {
    if (!doc || !('linkedFrom' in doc)) return doc;
    const { linkedFrom, ...rest } = doc;
    const kept = Array.isArray(linkedFrom) ? linkedFrom.filter((link) => holds(link, i)) : [];
    return kept.length ? { ...rest, linkedFrom: kept } : rest;
  });
}
