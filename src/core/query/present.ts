// Ranked passages as the reader sees them: each with its snippet centred on the answer sentence, the query's
// terms (and the words typo tolerance searched instead) marked, and a link; the corrections read as words.
import { termSpans } from '../analysis.ts';
import { answerSentence, type WeightedTerm } from '../answer-sentence.ts';
import { makeSnippet } from '../snippet.ts';
import { passageLink } from '../links.ts';
import { describeCorrections, spellings, type Correction } from '../corrections.ts';
import type { DocumentInfo, Passage, SearchResult } from '../types.ts';
import type { Hit } from './gate.ts';
import { corrected, type ParsedQuery } from './parse.ts';

/** The terms to mark for a query (its own and those typo tolerance searched), weighted by idf for the answer sentence. */
export function queryMarks(query: ParsedQuery, idf: (term: string) => number): WeightedTerm[] {
  const marked = new Map<string, number>();
  for (const t of query.terms) marked.set(t.term, t.idf);
  // Another form of a query word ("won" for "win") marks the answer as the word itself would.
  for (const t of query.terms) for (const f of t.forms) if (!marked.has(f)) marked.set(f, t.idf);
  for (const t of query.terms) for (const m of t.typos) if (!marked.has(m)) marked.set(m, idf(m));
  return [...marked].map(([term, weight]) => ({ term, weight }));
}

export interface Presenting {
  passage: (row: number) => Passage;
  documents: readonly DocumentInfo[];
  baseUrl: string;
  marks: WeightedTerm[];
  snippets: boolean;
}

export function present(hits: readonly Hit[], how: Presenting, extra: Partial<SearchResult> = {}): SearchResult[] {
  const terms = new Set(how.marks.map((m) => m.term));
  return hits.map((hit, i) => {
    const p = how.passage(hit.index);
    const doc = how.documents[p.doc];
    const spans = how.snippets ? termSpans(p.text) : [];
    const answer = how.snippets ? answerSentence(p.text, how.marks, spans) : null;
    return {
      rank: i + 1,
      index: hit.index,
      id: p.id,
      doc: doc.id,
      title: doc.title,
      headings: p.headings,
      text: p.text,
      tags: p.tags,
      snippet: how.snippets ? makeSnippet(p.text, terms, { answer, spans }) : { text: '', highlights: [] },
      answer,
      score: Math.round(hit.score * 1e4) / 1e4,
      link: passageLink(how.baseUrl, p.id),
      ...extra,
    };
  });
}

/** How the passages (`texts`, in order of preference) spell the terms the query's corrections searched. */
export function correctionSpellings(query: ParsedQuery, texts: Iterable<string>): Map<string, string[]> {
  return spellings(texts, new Set(corrected(query).flatMap((t) => t.typos)));
}

/** The corrected terms none of whose corrections `spelled` has a spelling for: the first term each was corrected to. */
export function unspelled(query: ParsedQuery, spelled: ReadonlyMap<string, readonly string[]>): string[] {
  return corrected(query)
    .filter((t) => !t.typos.some((m) => spelled.has(m)))
    .map((t) => t.typos[0]);
}

/** "Did you mean": each corrected word read as one of the spellings of its correction (`correctionSpellings`). */
export function corrections(query: ParsedQuery, spelled: ReadonlyMap<string, readonly string[]>): Correction[] {
  const found = corrected(query);
  if (!found.length) return [];
  // Another form of the word typed ("employee" searched as "employ") is searched but not announced as a correction.
  return describeCorrections(
    query.text,
    found.map((t) => ({ term: t.term, matches: t.typos })),
    spelled,
  ).filter((c) => !sameWord(c.typed, c.shown));
}

/** Two forms of one word: one is the other with at most three more letters at the end ("retina", "retinal"). */
function sameWord(a: string, b: string): boolean {
  const [short, long] = [a.toLowerCase(), b.toLowerCase()].sort((x, y) => x.length - y.length);
  return short.length >= 4 && long.startsWith(short) && long.length - short.length <= 3;
}
