// Markdown document → passages. A passage is a run of blocks under one heading path, sized for the model:
// list items and short sections stay with their context, long sections split at paragraph and sentence
// boundaries, fragments too small to stand alone join the passage before them.
import type { Root, RootContent, List, ListItem, Paragraph, Table } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { blockTags, parseMarkdown } from './markdown.ts';
import { words } from '../../core/analysis.ts';
import { stableHash } from '../../core/hash.ts';
import type { Passage } from '../../core/types.ts';
import { DEFAULT_CHUNKING, type ChunkingOptions } from '../../core/settings.ts';
import { displayMarkup } from './passage-markup.ts';
import { sentences } from '../../core/sentences.ts';

export interface ChunkedDocument {
  title: string;
  tags: string[];
  passages: Omit<Passage, 'doc'>[];
  warnings: string[];
}

interface Unit {
  path: string[];
  nodes: RootContent[];
  text: string;
  words: number;
  tags: string[];
  /** List items keep a reference to their list so consecutive items display as one list. */
  list?: List;
  /** A piece of a long block after its first: it may start mid-sentence. */
  continues?: boolean;
}

interface Draft {
  path: string[];
  units: Unit[];
  words: number;
}

function blockText(node: RootContent): string {
  switch (node.type) {
    case 'list':
      return node.children.map(blockText).join('\n');
    case 'listItem':
    case 'blockquote':
      return (node.children as RootContent[]).map(blockText).filter(Boolean).join('\n');
    case 'code':
      return node.value;
    case 'table':
      // Rows read as lines: a header row as a label ("Action, Shortcut:"), a body row as "cell: cell".
      return (node as Table).children
        .map((row, i) => {
          const cells = row.children.map((cell) => textOf(cell).trim()).filter(Boolean);
          return i === 0 && cells.length ? `${cells.join(', ')}:` : cells.join(': ');
        })
        .filter(Boolean)
        .join('\n');
    case 'thematicBreak':
      return '';
    default:
      return textOf(node).replace(/\s+/g, ' ').trim();
  }
}

function paragraphText(node: RootContent | undefined): string | null {
  return node?.type === 'paragraph' ? textOf(node).replace(/\s+/g, ' ').trim() : null;
}

/** `**Technical Implementation:**` alone on a line acts as a heading in hand-written notes (a `==highlight==` does not). */
function pseudoHeading(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const kids = (node as Paragraph).children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  if (
    kids.length !== 1 ||
    (kids[0].type !== 'strong' && kids[0].type !== 'emphasis') ||
    (kids[0].data as { highlight?: boolean } | undefined)?.highlight
  )
    return null;
  const text = textOf(kids[0]).trim();
  return text.length > 0 && text.length <= 80 ? text.replace(/:\s*$/, '') : null;
}

/**
 * A one-item list whose line reads like a title ("Engineer | Company | 2021", "What did I work on?")
 * and that holds nothing but more such lines: the seeds use these as headings for the prose that follows.
 */
function headingList(node: RootContent): string[] | null {
  if (node.type !== 'list' || node.children.length !== 1) return null;
  const item = node.children[0] as ListItem;
  const line = paragraphText(item.children[0]);
  if (!line || line.length > 160 || !(/[?:]$/.test(line) || line.includes(' | '))) return null;
  const rest = item.children.slice(1);
  if (rest.length === 0) return [line];
  if (rest.length !== 1) return null;
  const nested = headingList(rest[0]);
  return nested ? [line, ...nested] : null;
}

function cleanHeading(text: string): string {
  return text
    .replace(/\s*\|\s*/g, ' | ')
    .replace(/\s+/g, ' ')
    .replace(/[:\s]+$/, '')
    .trim();
}

function collectUnits(tree: Root, titled: boolean): { units: Unit[]; h1: string | null } {
  const units: Unit[] = [];
  // `node` is what a heading shows as when its section turns out empty; `used` once a unit sits under it.
  const stack: { depth: number; text: string; tags: string[]; node: RootContent; used: boolean }[] = [];
  let lastRealDepth = 0;
  let h1: string | null = null;
  const path = () => stack.map((s) => s.text);
  // Tags of a line of nothing but #tags: before the first heading they tag the whole document.
  const rootTags: string[] = [];
  // The tag lists of the sections each unit sits in, resolved at the end: a tag line anywhere in a section tags all of it.
  const sections = new Map<Unit, string[][]>();
  const push = (unit: Unit) => {
    sections.set(unit, [rootTags, ...stack.map((s) => s.tags)]);
    units.push(unit);
    for (const s of stack) s.used = true;
  };
  /** A heading whose section holds nothing (two headings in a row) is kept as a block of its parent's section. */
  const closeEmpty = () => {
    const top = stack.pop()!;
    if (!top.used) push({ path: path(), nodes: [top.node], text: top.text, words: words(top.text).length, tags: [] });
  };
  const enter = (depth: number, text: string, node: RootContent, tags: string[] = []) => {
    while (stack.length && stack[stack.length - 1].depth >= depth) closeEmpty();
    // A #tag written in a heading tags its section.
    stack.push({ depth, text: cleanHeading(text), tags: [...tags], node, used: false });
  };
  const add = (node: RootContent, list?: List) => {
    const text = blockText(node);
    if (!text.trim()) {
      // A line of nothing but #tags tags its whole section.
      (stack.length ? stack[stack.length - 1].tags : rootTags).push(...blockTags(node));
      return;
    }
    push({ path: path(), nodes: [node], text, words: words(text).length, tags: blockTags(node), list });
  };
  const headingNode = (text: string, depth: number): RootContent => ({
    type: 'heading',
    depth: Math.min(6, Math.max(1, depth)) as 1,
    children: [{ type: 'text', value: text }],
  });

  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = textOf(node).trim();
      // The document's leading H1 is its title, not a breadcrumb (unless the front matter names another title).
      if (node.depth === 1 && h1 === null && !titled && units.length === 0 && stack.length === 0) {
        h1 = text;
        continue;
      }
      lastRealDepth = node.depth;
      enter(node.depth, text, node, blockTags(node));
      continue;
    }
    const pseudo = pseudoHeading(node);
    if (pseudo) {
      enter(lastRealDepth + 1, pseudo, node, blockTags(node));
      continue;
    }
    const titles = headingList(node);
    if (titles) {
      // Indentation says how deep a list-heading sits: two columns per level.
      const column = node.position?.start.column ?? 1;
      const base = lastRealDepth + 1 + Math.floor((column - 1) / 2);
      titles.forEach((title, i) => enter(base + i, title, headingNode(title, base + i)));
      continue;
    }
    if (node.type === 'list') {
      for (const item of node.children) add(item, node);
      continue;
    }
    add(node);
  }
  while (stack.length) closeEmpty();
  for (const unit of units) unit.tags = [...new Set([...sections.get(unit)!.flat(), ...unit.tags])];
  return { units, h1 };
}

/** Splits text longer than `maxWords` at paragraph, then sentence, then word boundaries. */
export function splitText(text: string, maxWords: number): string[] {
  const parts = sentences(text.replace(/\n+/g, '\n'));
  const pieces: string[] = [];
  let current: string[] = [];
  let count = 0;
  const flush = () => {
    if (current.length) pieces.push(current.join(' '));
    current = [];
    count = 0;
  };
  for (const sentence of parts) {
    const n = words(sentence).length;
    if (n > maxWords) {
      flush();
      // Cut at the start of every maxWords-th word, so each piece holds at most maxWords words.
      const starts = Array.from(sentence.matchAll(/[\p{L}\p{N}]+/gu), (m) => m.index!);
      for (let i = 0; i < starts.length; i += maxWords)
        pieces.push(sentence.slice(i === 0 ? 0 : starts[i], starts[i + maxWords] ?? sentence.length).trim());
      continue;
    }
    if (count + n > maxWords) flush();
    current.push(sentence);
    count += n;
  }
  flush();
  return pieces;
}

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** True when `b` sits under the same parent heading as `a` (a sibling, a child, or the same section). */
function sameParent(a: string[], b: string[]): boolean {
  const parent = b.slice(0, -1);
  return parent.every((x, i) => a[i] === x);
}

/** Words left in the section that starts at `from` (consecutive units with the same heading path). */
function sectionWords(units: Unit[], from: number): number {
  let total = 0;
  for (let i = from; i < units.length && samePath(units[i].path, units[from].path); i++) total += units[i].words;
  return total;
}

function pack(units: Unit[], options: ChunkingOptions): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  // A long section is cut into passages of even size rather than full ones plus a scrap.
  let target = options.maxWords;
  for (const [i, unit] of units.entries()) {
    if (unit.words > options.maxWords) {
      current = null;
      for (const [n, piece] of splitText(unit.text, options.maxWords).entries()) {
        const node: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: piece }] };
        drafts.push({
          path: unit.path,
          units: [
            { ...unit, nodes: [node], text: piece, words: words(piece).length, list: undefined, continues: n > 0 },
          ],
          words: words(piece).length,
        });
      }
      continue;
    }
    const full = current !== null && (current.words + unit.words > options.maxWords || current.words >= target);
    if (!current || !samePath(current.path, unit.path) || full) {
      const remaining = sectionWords(units, i);
      target = remaining / Math.ceil(remaining / options.maxWords);
      current = { path: unit.path, units: [], words: 0 };
      drafts.push(current);
    }
    current.units.push(unit);
    current.words += unit.words;
  }
  return drafts;
}

function isPrefix(prefix: string[], path: string[]): boolean {
  return prefix.length <= path.length && prefix.every((x, i) => path[i] === x);
}

/**
 * Joins a passage too small to stand alone to the one before it: a small passage absorbs a sibling that
 * follows it, and a small passage inside a section absorbs its subsections. Headings that the merged
 * passage no longer shows in its breadcrumbs stay inside its text, so the document still reads in order.
 * A small passage that opens a section with subsections after it (a job's dates under its heading) is not
 * joined to the section before it: it absorbs its own subsections instead.
 */
function mergeSmall(drafts: Draft[], options: ChunkingOptions): Draft[] {
  const out: Draft[] = [];
  const headingUnit = (heading: string, path: string[]): Unit => ({
    path,
    nodes: [{ type: 'heading', depth: 6, children: [{ type: 'text', value: heading }] }],
    text: heading,
    words: words(heading).length,
    tags: [],
  });
  for (const [i, draft] of drafts.entries()) {
    const prev = out[out.length - 1];
    const next = drafts[i + 1];
    const opensSection = next !== undefined && next.path.length > draft.path.length && isPrefix(draft.path, next.path);
    if (prev === undefined) {
      out.push(draft);
      continue;
    }
    let common = 0;
    while (common < prev.path.length && prev.path[common] === draft.path[common]) common++;
    // Headings that leave the breadcrumbs move into the text: those of `prev` go before its first block,
    // those of `draft` before its blocks (unless an earlier merge already wrote them there).
    const dropped = prev.path.slice(common);
    const shownPath = prev.units[prev.units.length - 1].path;
    let shown = 0;
    while (shown < shownPath.length && shownPath[shown] === draft.path[shown]) shown++;
    const added = draft.path.slice(shown);
    const headingWords = [...dropped, ...added].reduce((n, h) => n + words(h).length, 0);
    const fits = prev.words + draft.words + headingWords <= options.maxWords;
    // A heading moved in front of a piece that continues a cut sentence would split that sentence.
    const splitsSentence = dropped.length > 0 && prev.units[0].continues === true;
    const absorb =
      fits &&
      !splitsSentence &&
      ((draft.words < options.minWords && sameParent(prev.path, draft.path) && !opensSection) ||
        (prev.words < options.minWords && isPrefix(prev.path, draft.path)));
    if (!absorb) {
      out.push(draft);
      continue;
    }
    prev.units.unshift(...dropped.map((heading) => headingUnit(heading, prev.path)));
    prev.units.push(...added.map((heading) => headingUnit(heading, draft.path)), ...draft.units);
    prev.words += draft.words + headingWords;
    prev.path = prev.path.slice(0, common);
  }
  return out;
}

/** The text of the document's first `# h1`. */
function firstH1(tree: Root): string | null {
  for (const node of tree.children) {
    if (node.type !== 'heading' || node.depth !== 1) continue;
    const text = cleanHeading(textOf(node));
    if (text) return text;
  }
  return null;
}

/**
 * The heading the document opens with, of any level (the Rust book's chapters open with `## What Is Ownership?`).
 * A heading after the opening text is a section's ("## Pinned commands" below a note's introduction), not the title.
 */
function openingHeading(tree: Root): string | null {
  const first = tree.children.find((node) => node.type !== 'yaml' && node.type !== 'definition');
  return first?.type === 'heading' ? cleanHeading(textOf(first)) || null : null;
}

function titleFromPath(docId: string): string {
  const base = docId
    .split('/')
    .pop()!
    .replace(/\.[^.]+$/, '');
  const spaced = base.replace(/[-_]+/g, ' ').trim();
  return spaced ? spaced[0].toUpperCase() + spaced.slice(1) : docId;
}

/** Chunks one markdown (or plain text) document. `docId` is its path relative to the corpus root. */
export function chunkDocument(
  docId: string,
  source: string,
  options: ChunkingOptions = DEFAULT_CHUNKING,
): ChunkedDocument {
  const parsed = parseMarkdown(source);
  const { units, h1 } = collectUnits(parsed.tree, parsed.title !== null);
  const title = parsed.title ?? h1;
  // A note that is only its title is still found by it.
  if (!units.length && title)
    units.push({
      path: [],
      nodes: [{ type: 'paragraph', children: [{ type: 'text', value: title }] }],
      text: title,
      words: words(title).length,
      tags: [],
    });
  const drafts = mergeSmall(pack(units, options), options);
  const seen = new Map<string, number>();
  const passages = drafts.map((draft) => {
    const text = draft.units.map((u) => u.text).join('\n');
    const base = stableHash(`${docId}\n${draft.path.join('\n')}\n${text}`);
    // Identical passages under the same heading (rare: repeated boilerplate) are numbered in order.
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      id: n === 1 ? base : `${base}-${n}`,
      headings: draft.path,
      text,
      tags: [...new Set([...parsed.frontMatterTags, ...draft.units.flatMap((u) => u.tags)])],
      body: displayMarkup(draft.units),
    };
  });
  return {
    // Title: the front matter's, else the first `# h1`, else the heading the document opens with, else the file name.
    title: title ?? firstH1(parsed.tree) ?? openingHeading(parsed.tree) ?? titleFromPath(docId),
    tags: parsed.tags,
    passages,
    warnings: parsed.warnings,
  };
}
