// The term-sharded keyword index (Pagefind's approach): written at build time as a small dictionary plus postings
// fragments, each holding a contiguous range of sorted terms, so a query downloads only the fragments of its terms.
// It ranks exactly like keyword.ts (Orama with Lantern's BM25 components): same hits, same scores, same order.
//   term-index/format.ts  dictionary and fragment formats, codecs
//   term-index/build.ts   buildTermIndex
//   term-index/open.ts    openTermIndex: prepare (download), search, idf, has
//   (typo candidates come from ../typos.ts, shared with keyword.ts)
export { buildTermIndex, type BuildTermIndexOptions, type TermIndexFiles } from './term-index/build.ts';
export { openTermIndex, type TermIndex, type TermQuery, type TermSearchQuery } from './term-index/open.ts';
export type { TermDictionary } from './term-index/format.ts';
