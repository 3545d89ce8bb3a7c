// The keyword index of a single-file index: the term index (term-index/) built in memory when the index opens, so
// every index, small or sharded, is searched by one engine (docs/design.md says why it is not Orama's).
import type { DocumentInfo, Passage } from './types.ts';
import type { KeywordIndex } from './keyword-rules/contract.ts';
import { buildTermIndex } from './term-index/build.ts';
import { openTermIndex } from './term-index/open.ts';

export function keywordIndexOf(passages: Passage[], documents: DocumentInfo[]): KeywordIndex {
  // One fragment holds every term: nothing is downloaded later, so nothing needs cutting.
  const { dictionary, fragments } = buildTermIndex(passages, documents, { fragmentBytes: Number.POSITIVE_INFINITY });
  return openTermIndex(
    dictionary,
    (fragment) => Promise.reject(new Error(`term fragment ${fragment} of an in-memory index is missing`)),
    { fragments },
  );
}
