// Results, answers and index summaries for the component tests, shaped as the worker sends them.
import type { SearchMode, SearchResult } from '../../../src/core/types.ts';
import type { ShownAnswer } from '../../../src/app/hooks/use-search.ts';
import type { DocumentEntry, IndexSummary } from '../../../src/app/protocol.ts';

export function result(id: string, extra: Partial<SearchResult> = {}): SearchResult {
  return {
    rank: 1,
    index: 0,
    id,
    doc: `${id}.md`,
    title: `Document ${id}`,
    headings: [`Heading ${id}`],
    text: `Text of ${id}.`,
    tags: [],
    snippet: { text: `Text of ${id}.`, highlights: [] },
    score: 1,
    link: `#/passage/${id}`,
    ...extra,
  };
}

export function answerOf(
  results: SearchResult[],
  { total = results.length, more = false, mode = 'hybrid' as SearchMode, query = 'q' } = {},
): ShownAnswer {
  return {
    mode,
    results,
    total,
    more,
    closest: [],
    corrections: [],
    searched: query,
    timings: { keyword: 1, vector: 0, fusion: 0, load: 0, embed: 0 },
    query,
    prefix: false,
  };
}

export const doc = (id: string, passages = 1, title = id): DocumentEntry => ({
  id,
  title,
  passages,
  first: `first-${id.replace(/\W/g, '-')}`,
});

export function summaryOf(documents: DocumentEntry[], tags: { tag: string; count: number }[] = []): IndexSummary {
  return {
    version: 'v1abc',
    builtAt: '2026-01-02T03:04:05.000Z',
    documents,
    tags,
    passages: documents.reduce((n, d) => n + d.passages, 0),
  };
}
