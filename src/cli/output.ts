// Human-readable output for the terminal. Every field that comes from the corpus (or the query) goes through
// terminalText: no escape sequence of a document reaches the terminal, and no field floods it.
import type { SearchResult } from '../core/types.ts';
import { FIELD_LIMIT, stripControls, terminalText } from './terminal-text.ts';
import { contextOf, groupResults, passageLabel } from '../core/result-groups.ts';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s: string) => (useColor ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string) => (useColor ? `\x1b[2m${s}\x1b[22m` : s);
const mark = (s: string) => (useColor ? `\x1b[33;1m${s}\x1b[0m` : `[${s}]`);

/** A snippet shows at most this many characters (its window is 32 words, but a "word" can be any length). */
const SNIPPET_LIMIT = 2 * FIELD_LIMIT;

export function formatSnippet(result: SearchResult): string {
  const { text, highlights } = result.snippet;
  let out = '';
  let shown = 0;
  let at = 0;
  // Plain and highlighted pieces in turn, each cleaned, until the limit.
  const pieces: [string, boolean][] = [];
  for (const h of highlights) {
    pieces.push([text.slice(at, h.start), false], [text.slice(h.start, h.end), true]);
    at = h.end;
  }
  pieces.push([text.slice(at), false]);
  for (const [raw, marked] of pieces) {
    const chars = Array.from(stripControls(raw));
    const room = SNIPPET_LIMIT - shown;
    const clean = chars.length > room ? `${chars.slice(0, room - 1).join('')}…` : chars.join('');
    if (clean) out += marked ? mark(clean) : clean;
    shown += chars.length;
    if (shown >= SNIPPET_LIMIT) break;
  }
  return out;
}

/** One result: its rank and own heading, then its context, snippet and link, each line indented by `indent`. */
function formatResult(r: SearchResult, indent: string, grouped: boolean): string[] {
  const label = passageLabel(r.title, r.headings);
  const context = (grouped ? label.path : contextOf(r.title, label)).map((field) => terminalText(field)).join(' › ');
  const where = grouped ? `score ${r.score}` : `${terminalText(r.doc)}, score ${r.score}`;
  const pad = `${indent}${' '.repeat(String(r.rank).length + 2)}`;
  return [
    `${indent}${bold(`${r.rank}.`)} ${bold(terminalText(label.title))}`,
    `${pad}${context ? `${terminalText(context, 2 * FIELD_LIMIT)} ` : ''}${dim(`(${where})`)}`,
    `${pad}${formatSnippet(r)}`,
    `${pad}${dim(terminalText(r.link, 2 * FIELD_LIMIT))}`,
    '',
  ];
}

/** Results in rank order; consecutive ones from one document under its title once, indented (result-groups.ts). */
function formatList(results: SearchResult[]): string[] {
  return groupResults(results).flatMap((group) => {
    if (group.results.length === 1) return formatResult(group.results[0], '', false);
    const head = `${bold(terminalText(group.title))} ${dim(`(${terminalText(group.doc)})`)}`;
    return [head, ...group.results.flatMap((r) => formatResult(r, '  ', true))];
  });
}

/**
 * `closest`: when nothing matches, the passages nearest by meaning, shown as such (never counted as matches).
 * `searched`: the query as searched, when typo tolerance corrected words of it ("Showing results for …").
 */
export function formatResults(
  query: string,
  mode: string,
  results: SearchResult[],
  closest: SearchResult[] = [],
  searched = query,
  counted: { total: number; more: boolean } | null = null,
): string {
  const weak = results.filter((r) => r.weak);
  results = results.filter((r) => !r.weak);
  const weaker = weak.length
    ? ['', 'Weaker matches (ranked by meaning, under the match floor):', '', ...formatList(weak)]
    : [];
  const q = terminalText(query);
  const corrected =
    searched !== query
      ? [`Showing results for "${terminalText(searched)}" (search instead for the words as typed: --exact).`]
      : [];
  if (results.length === 0) {
    const none = [
      `No passages match "${q}" (${mode}).`,
      ...(searched !== query ? [`Did you mean "${terminalText(searched)}"?`] : []),
      '',
    ].join('\n');
    if (weak.length) return [none, ...weaker].join('\n');
    if (!closest.length) return none;
    return [none, 'Closest passages by meaning (not matches):', '', ...formatList(closest)].join('\n');
  }
  const total = counted ? Math.max(counted.total, results.length) : results.length;
  const count =
    total > results.length
      ? `Top ${results.length} of ${total}${counted?.more ? '+' : ''} matches`
      : `${results.length} ${results.length === 1 ? 'passage' : 'passages'}`;
  return [...corrected, `${count} for "${q}" (${mode}):`, '', ...formatList(results), ...weaker].join('\n');
}

/**
 * JSON text for the terminal: JSON.stringify escapes C0 but writes DEL, C1 (U+009B is CSI on some terminals) and
 * bidi controls raw; escaped here too, the output parses to exactly the same values.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The JSON shape promised by `lantern search --json`: exact text (JSON escapes control characters). */
export function resultJson(r: SearchResult) {
  return {
    rank: r.rank,
    id: r.id,
    doc: r.doc,
    title: r.title,
    headings: r.headings,
    text: r.text,
    snippet: r.snippet.text,
    highlights: r.snippet.highlights,
    answer: r.answer ?? null,
    snippetAnswer: r.snippet.answer ?? null,
    tags: r.tags,
    score: r.score,
    link: r.link,
    ...(r.weak ? { weak: true } : {}),
  };
}
