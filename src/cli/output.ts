// Human-readable output for the terminal.
import type { SearchResult } from '../core/types.ts';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s: string) => (useColor ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string) => (useColor ? `\x1b[2m${s}\x1b[22m` : s);
const mark = (s: string) => (useColor ? `\x1b[33;1m${s}\x1b[0m` : `[${s}]`);

export function formatSnippet(result: SearchResult): string {
  const { text, highlights } = result.snippet;
  let out = '';
  let at = 0;
  for (const h of highlights) {
    out += text.slice(at, h.start) + mark(text.slice(h.start, h.end));
    at = h.end;
  }
  return out + text.slice(at);
}

export function formatResults(query: string, mode: string, results: SearchResult[]): string {
  if (results.length === 0) return `No passages match "${query}" (${mode}).\n`;
  const lines = [`${results.length} passages for "${query}" (${mode}):`, ''];
  for (const r of results) {
    const crumbs = [r.title, ...r.headings].join(' › ');
    lines.push(`${bold(`${r.rank}.`)} ${bold(crumbs)} ${dim(`(${r.doc}, score ${r.score})`)}`);
    lines.push(`   ${formatSnippet(r)}`);
    lines.push(`   ${dim(r.link)}`, '');
  }
  return lines.join('\n');
}

/** The JSON shape promised by `lantern search --json`. */
export function resultJson(r: SearchResult) {
  return { rank: r.rank, id: r.id, doc: r.doc, title: r.title, headings: r.headings, text: r.text, snippet: r.snippet.text, highlights: r.snippet.highlights, tags: r.tags, score: r.score, link: r.link };
}
