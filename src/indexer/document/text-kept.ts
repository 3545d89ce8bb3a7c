// Did a document's text reach the index? The visible sentences of the source, read straight from remark's
// tree (not from the cleaned one chunking uses), are looked up in the passages' text and heading paths
// (what keyword search sees) and in their display markup (what the app shows). Hidden text (comments,
// front-matter settings, markup, URLs) and #tags (the passages' tags) are not sentences.
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { frontMatterData } from './front-matter.ts';
import { readableSource, WIKI_LINK, wikiLinkText, TAG, BLOCK_ID, CALLOUT_MARKER } from './markdown.ts';
import type { DisplayNode } from '../../core/types.ts';
import { sentences } from '../../core/sentences.ts';

export interface CheckedPassage {
  headings: string[];
  text: string;
  body: DisplayNode[];
}

export interface TextKept {
  /** Visible sentences of the source. */
  sentences: number;
  /** Sentences found neither in a passage's text nor in a heading path or the title. */
  lostFromIndex: string[];
  /** Sentences the app's document view does not show. */
  lostFromDisplay: string[];
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

const ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', ' '],
]);
/** The text a browser would show for a piece of raw HTML. */
function htmlText(html: string): string {
  return (
    html
      .replace(/<(script|style|template)[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
      .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
      .replace(/<[^>]*>/g, '')
      // Markdown written inside an HTML block (CommonMark keeps it raw) reads as its link text.
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
        if (code[0] !== '#') return ENTITIES.get(code.toLowerCase()) ?? whole;
        const n = code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '';
      })
  );
}

/** What a reader sees of a line of markdown text once Obsidian syntax is rendered. */
function visible(text: string): string {
  return text
    .replace(CALLOUT_MARKER, '')
    .replace(WIKI_LINK, wikiLinkText)
    .replace(TAG, '$1')
    .replace(BLOCK_ID, '')
    .replace(/==/g, '');
}

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return visible(node.value);
    case 'inlineCode':
      return node.value;
    case 'html':
      return htmlText(node.value);
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'break':
      return '\n';
    default:
      return 'children' in node ? node.children.map((c) => inline(c as Nodes)).join('') : '';
  }
}

function frontMatterText(yaml: string): string[] {
  let data: unknown;
  try {
    data = frontMatterData(yaml);
  } catch {
    return [];
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const record = data as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ['title', 'description', 'aliases', 'alias']) {
    const value = Object.hasOwn(record, key) ? record[key] : undefined;
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') out.push(item);
  }
  return out;
}

function blocks(node: Nodes, out: string[]): void {
  switch (node.type) {
    case 'yaml':
      out.push(...frontMatterText(node.value));
      return;
    case 'heading':
    case 'paragraph':
    case 'tableCell':
      out.push(inline(node));
      return;
    case 'code':
      out.push(node.value);
      return;
    case 'html':
      out.push(...htmlText(node.value).split('\n').map(visible));
      return;
    case 'definition':
      return;
    default:
      if ('children' in node) for (const child of node.children) blocks(child as Nodes, out);
  }
}

/** Letters and digits only, folded: spacing, punctuation and markup never decide whether text was kept. */
function letters(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The visible sentences of a markdown document (lines, and sentences within them). */
export function visibleSentences(source: string): string[] {
  const tree = parser.parse(readableSource(source)) as Root;
  const texts: string[] = [];
  blocks(tree, texts);
  return texts
    .flatMap((t) => sentences(t))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => letters(s) !== '');
}

function displayText(nodes: DisplayNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? n.value : displayText(n.children))).join('');
}

/** Which visible sentences of `source` the passages chunked from it lost, from the index and from the display. */
export function textKept(source: string, title: string, passages: readonly CheckedPassage[]): TextKept {
  const sentences = visibleSentences(source);
  // Long sentences may be cut across consecutive passages: the passages' text is looked up as one stream.
  const text = passages.map((p) => letters(p.text)).join('');
  const shown = passages.map((p) => letters(displayText(p.body))).join('');
  const headings = [title, ...passages.flatMap((p) => p.headings)].map(letters).join('|');
  const lostFromIndex: string[] = [];
  const lostFromDisplay: string[] = [];
  for (const sentence of sentences) {
    const key = letters(sentence);
    const inHeadings = headings.includes(key);
    if (!inHeadings && !text.includes(key)) lostFromIndex.push(sentence);
    if (!inHeadings && !shown.includes(key)) lostFromDisplay.push(sentence);
  }
  return { sentences: sentences.length, lostFromIndex, lostFromDisplay };
}
