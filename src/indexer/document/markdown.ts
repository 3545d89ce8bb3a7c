// Markdown → a cleaned mdast tree: front matter read, raw HTML turned into text or links, links to other documents
// of the corpus (Obsidian [[links]], relative `.md` and `.html` links) left as `documentLink` nodes for the corpus
// pass to resolve (document-link.ts), and #tags lifted out as tags.
import type { Root, RootContent, Text, Link, Parent, Html, Blockquote, FootnoteDefinition, Paragraph } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { linkTargetOf, splitWikiLinks, WIKI_LINK, wikiLinkText, type DocumentLink } from './document-link.ts';

export { WIKI_LINK, wikiLinkText };
import { frontMatterData } from './front-matter.ts';

export interface ParsedMarkdown {
  tree: Root;
  /** Title from front matter, if any. */
  title: string | null;
  /** Tags from front matter and from #tags in the text. */
  tags: string[];
  /** Tags from front matter only: they apply to every passage of the document. */
  frontMatterTags: string[];
  warnings: string[];
}

// Personal notes indent prose by habit; CommonMark would turn a 4-space indent into a code block.
// Fenced code blocks stay code; indented text stays text.
function withoutIndentedCode(this: unknown) {
  const data = (this as { data(): Record<string, unknown[]> }).data();
  (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(withoutIndentedCode);

export const TAG = /(^|[\s(])#([\p{L}_][\p{L}\p{N}_\-/]*)/gu;
/** An Obsidian block id (`^abc-1`) ending a line: an anchor for links, not text. */
export const BLOCK_ID = /(^|[ \t])\^[A-Za-z0-9-]+[ \t]*$/gm;
/** The first line of a callout or GitHub alert: `> [!note] Title`, `> [!WARNING]`, foldable `[!tip]-`. */
export const CALLOUT_MARKER = /^\[!([A-Za-z][\w-]*)\][+-]?[ \t]*/;
/** Applies `edit` to the prose of a markdown source, never to its fenced code blocks (`edit` skips inline code itself). */
function editProse(source: string, edit: (prose: string) => string): string {
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (prose.length) out.push(edit(prose.join('\n')));
    prose = [];
  };
  for (const line of source.split('\n')) {
    const marker = /^[ \t>]*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) {
      flush();
      fence = marker;
      out.push(line);
    } else if (fence !== null) {
      if (
        marker &&
        marker[0] === fence[0] &&
        marker.length >= fence.length &&
        line.trim().replace(/^[>\s]*/, '') === marker
      )
        fence = null;
      out.push(line);
    } else prose.push(line);
  }
  flush();
  return out.join('\n');
}

/** Obsidian `%%comments%%` are hidden when a note is read, so they are not text; fenced code keeps them. */
export function withoutComments(source: string): string {
  if (!source.includes('%%')) return source;
  // Inline code is literal: `%Y%%m` in a code span is not a comment.
  return editProse(source, (prose) =>
    prose.replace(/(`+)[\s\S]*?\1|%%[\s\S]*?%%/g, (m, code?: string) => (code ? m : '')),
  );
}

/**
 * Obsidian reads `[[__init__]]` as a link to the note `__init__`, CommonMark as emphasis inside brackets: the
 * emphasis characters inside a wiki link are escaped, so the parser leaves the link's text whole (not in code,
 * nor in the front matter).
 */
export function literalWikiLinks(source: string): string {
  if (!source.includes('[[')) return source;
  const frontMatter = /^---\n[\s\S]*?\n---(\n|$)/.exec(source)?.[0] ?? '';
  return (
    frontMatter +
    editProse(source.slice(frontMatter.length), (prose) =>
      prose.replace(/(`+)[\s\S]*?\1|\[\[[^\]\n]*\]\]/g, (m, code?: string) => (code ? m : m.replace(/[*_~]/g, '\\$&'))),
    )
  );
}

/** The source as the parser reads it: line ends normalised, comments hidden, wiki links kept whole. */
export function readableSource(source: string): string {
  return literalWikiLinks(withoutComments(source.replace(/\r\n?/g, '\n')));
}
const HTML_TAG = /<[^>]*>/g;
const ATTRIBUTE = (name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');

function attribute(html: string, name: string): string | null {
  const m = ATTRIBUTE(name).exec(html);
  return m ? (m[2] ?? m[3] ?? m[4] ?? '') : null;
}

// A Map: `&constructor;` must stay as written, not read Object.prototype.
const ENTITIES = new Map(Object.entries({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }));
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '';
    }
    return ENTITIES.get(code.toLowerCase()) ?? whole;
  });
}

function documentLink(target: DocumentLink['target'], children: RootContent[]): DocumentLink {
  return { type: 'documentLink', target, children: children as DocumentLink['children'] };
}

/** Only web and mail links survive as URLs; anything else (javascript:, data:, relative files) is dropped (a link to
 * another document of the corpus becomes a `documentLink` instead: linkTargetOf). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  return /^(https?:|mailto:)/i.test(trimmed) ? trimmed : null;
}

/** Raw HTML never survives as HTML: embeds become links to their source, everything else plain text. */
function htmlToNodes(node: Html): RootContent[] {
  const html = node.value;
  if (/^\s*<iframe/i.test(html)) {
    const src = safeUrl(attribute(html, 'src'));
    // A title is text: markup written into it is dropped like any other raw HTML.
    const title =
      decodeEntities(attribute(html, 'title') ?? '')
        .replace(HTML_TAG, ' ')
        .replace(/\s+/g, ' ')
        .trim() || 'Embedded content';
    if (src) return [{ type: 'link', url: src, children: [{ type: 'text', value: title }] } as Link];
    return [{ type: 'text', value: title }];
  }
  const text = decodeEntities(
    html
      .replace(/<(script|style|template)[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
      .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
      .replace(HTML_TAG, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  return text ? [{ type: 'text', value: text }] : [];
}

/**
 * CommonMark runs an HTML block on to the next blank line, so markdown written under a tag line
 * (`<iframe …></iframe>` then `- [A talk](https://…)`) would be read as HTML. Lines after the first that hold
 * no tag are that markdown.
 */
function splitHtmlBlock(value: string): { html: string; markdown: string | null } {
  const [first, ...rest] = value.split('\n');
  if (!rest.length || !/^\s*<.*>\s*$/.test(first) || rest.some((line) => /^\s*<|<\/?[a-z][^>]*>/i.test(line)))
    return { html: value, markdown: null };
  const indent = Math.min(...rest.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return { html: first, markdown: rest.map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length))).join('\n') };
}

// Inline formatting tags: removing them joins the text around them ("H<sub>2</sub>O" stays "H2O").
const PHRASING_TAG =
  /^<\/?(a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)(\s[^>]*)?\/?>$/i;

function lastText(nodes: RootContent[]): string {
  const last = nodes[nodes.length - 1];
  return last?.type === 'text' ? last.value : '';
}

function cleanText(value: string, tags: Set<string>): string {
  return value
    .replace(WIKI_LINK, wikiLinkText)
    .replace(TAG, (_w, before: string, tag: string) => {
      tags.add(tag.toLowerCase());
      return before;
    })
    .replace(BLOCK_ID, '');
}

/** `==highlighted==` text within one text node, shown as strong (marked so it is never taken for a bold heading). */
function highlights(node: Text): RootContent[] {
  const parts = node.value.split(/==(?=\S)(.+?)(?<=\S)==/);
  if (parts.length === 1) return [node];
  return parts.flatMap((part, i): RootContent[] => {
    if (!part) return [];
    if (i % 2 === 0) return [{ type: 'text', value: part }];
    return [{ type: 'strong', data: { highlight: true }, children: [{ type: 'text', value: part }] } as RootContent];
  });
}

/**
 * A callout (`> [!note] Title`) or GitHub alert (`> [!WARNING]`) keeps its quote; its marker becomes a bold title
 * line (the title written, else the kind: "Note", "Warning") above the body.
 */
function callout(node: Blockquote): void {
  const first = node.children[0];
  const head = first?.type === 'paragraph' ? first.children[0] : undefined;
  if (head?.type !== 'text') return;
  const marker = CALLOUT_MARKER.exec(head.value);
  if (!marker) return;
  head.value = head.value.slice(marker[0].length);
  // The title runs to the end of the marker's line; the body starts on the next one.
  const title: RootContent[] = [];
  const body = [...(first as Paragraph).children];
  while (body.length) {
    const next = body[0];
    if (next.type === 'break') {
      body.shift();
      break;
    }
    if (next.type === 'text' && next.value.includes('\n')) {
      const at = next.value.indexOf('\n');
      title.push({ type: 'text', value: next.value.slice(0, at) });
      body[0] = { type: 'text', value: next.value.slice(at + 1) };
      break;
    }
    title.push(body.shift()!);
  }
  const named = title.some((n) => textOf(n).trim());
  const kind = marker[1].toLowerCase();
  const heading: Paragraph = {
    type: 'paragraph',
    children: [
      {
        type: 'strong',
        children: named
          ? (title as Paragraph['children'])
          : [{ type: 'text', value: kind[0].toUpperCase() + kind.slice(1) }],
      },
    ],
  };
  const rest: Paragraph | null = body.some((n) => textOf(n).trim()) ? { type: 'paragraph', children: body } : null;
  node.children.splice(0, 1, heading, ...(rest ? [rest] : []));
}

/** A footnote is shown where it is written, as a quote that starts with its label (no in-page anchors). */
function footnoteAsQuote(node: FootnoteDefinition): Blockquote {
  const children = node.children as RootContent[];
  const label: Text = { type: 'text', value: `[${node.label ?? node.identifier}] ` };
  if (children[0]?.type === 'paragraph') children[0].children.unshift(label);
  else children.unshift({ type: 'paragraph', children: [label] });
  return { type: 'blockquote', children: children as Blockquote['children'], position: node.position };
}

/** Rewrites the tree in place, adding the tags found in `node`'s text to `tags`. */
function clean(node: Parent, tags: Set<string>, definitions: Map<string, string>): void {
  const out: RootContent[] = [];
  for (const original of node.children as RootContent[]) {
    const child = original.type === 'footnoteDefinition' ? footnoteAsQuote(original) : original;
    if (child.type === 'break') {
      // A hard line break shows as one, and still separates the words on either side in the plain text.
      out.push({ type: 'text', value: ' ' }, child);
      continue;
    }
    if (child.type === 'footnoteReference') {
      out.push({ type: 'text', value: `[${child.label ?? child.identifier}]` });
      continue;
    }
    if (child.type === 'linkReference' || child.type === 'imageReference') {
      // Definitions are dropped below, so a reference becomes what it refers to (or its text).
      const url = safeUrl(definitions.get(child.identifier));
      if (child.type === 'imageReference') {
        if (child.alt) out.push({ type: 'text', value: child.alt });
        continue;
      }
      clean(child, tags, definitions);
      const target = url ? null : linkTargetOf(definitions.get(child.identifier));
      if (url) out.push({ type: 'link', url, children: child.children } as Link);
      else if (target) out.push(documentLink(target, child.children as RootContent[]));
      else out.push(...(child.children as RootContent[]));
      continue;
    }
    if (child.type === 'html') {
      // A block of raw HTML becomes a paragraph so that it still reads as its own block.
      if (node.type === 'root' || node.type === 'listItem' || node.type === 'blockquote') {
        const { html, markdown } = splitHtmlBlock(child.value);
        const replaced = htmlToNodes({ ...child, value: html }).map((n) =>
          n.type === 'text' ? { ...n, value: cleanText(n.value, tags) } : n,
        );
        if (replaced.length) out.push({ type: 'paragraph', children: replaced as Text[] });
        if (markdown) {
          const tree = parser.parse(markdown) as Root;
          clean(tree, tags, definitions);
          out.push(...tree.children);
        }
        continue;
      }
      const replaced = htmlToNodes(child);
      if (replaced.length) out.push(...replaced);
      else if (!PHRASING_TAG.test(child.value) || /<[\w!/?-]*$/.test(lastText(out))) {
        // A tag that leaves nothing still separates words ("a<br>b" is "a b"), and never glues the text
        // around it into markup ("<scr<b>ipt>" must not read "<script>"); only inline formatting joins.
        out.push({ type: 'text', value: ' ' });
      }
      continue;
    }
    if (child.type === 'text') {
      for (const part of splitWikiLinks(child.value)) {
        if (part.type === 'documentLink') {
          for (const text of part.children as Text[]) text.value = cleanText(text.value, tags);
          out.push(part);
          continue;
        }
        const value = cleanText(part.value, tags);
        // White space between two inline nodes (a line break between two links) still separates their words.
        if (value.trim()) out.push(...highlights({ ...child, value }));
        else if (value) out.push({ ...child, value: ' ' });
      }
      continue;
    }
    if (child.type === 'blockquote') callout(child);
    if (child.type === 'link' || child.type === 'image' || child.type === 'definition') {
      const url = safeUrl(child.url);
      if (child.type === 'image') {
        // Images are not fetched by the app (offline, same-origin); their alt text is kept.
        if (child.alt) out.push({ type: 'text', value: child.alt });
        continue;
      }
      if (child.type === 'definition') continue;
      if (!url) {
        clean(child, tags, definitions);
        const target = linkTargetOf(child.url);
        if (target) out.push(documentLink(target, child.children as RootContent[]));
        else out.push(...(child.children as RootContent[]));
        continue;
      }
      child.url = url;
    }
    if (child.type === 'yaml') continue;
    if ('children' in child) {
      // Every block remembers the tags of its own text, so a passage gets the tags written in it.
      const own = new Set<string>();
      clean(child as Parent, own, definitions);
      if (own.size) child.data = { ...child.data, tags: [...own] } as unknown as typeof child.data;
      for (const tag of own) tags.add(tag);
    }
    // Drop blocks that became empty, but keep a line of #tags: its tags belong to the section it sits in.
    if ((child.type === 'paragraph' || child.type === 'heading') && !hasText(child as Parent)) {
      if (child.type === 'paragraph' && blockTags(child).length) out.push({ ...child, children: [] });
      continue;
    }
    out.push(child);
  }
  node.children = out as Parent['children'];
}

function visitDefinitions(node: Parent, definitions: Map<string, string>): void {
  for (const child of node.children as RootContent[]) {
    if (child.type === 'definition' && !definitions.has(child.identifier)) definitions.set(child.identifier, child.url);
    else if ('children' in child) visitDefinitions(child as Parent, definitions);
  }
}

function hasText(node: Parent): boolean {
  return node.children.some(
    (c) => ('value' in c && String(c.value).trim() !== '') || ('children' in c && hasText(c as Parent)),
  );
}

interface FrontMatter {
  title: string | null;
  tags: string[];
  /** `description` and `aliases`: text a reader searches for, shown at the top of the document. */
  text: string[];
}

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());

function frontMatter(tree: Root, warnings: string[]): FrontMatter {
  const none: FrontMatter = { title: null, tags: [], text: [] };
  const yaml = tree.children.find((c) => c.type === 'yaml');
  if (!yaml || !('value' in yaml)) return none;
  try {
    const data = frontMatterData(yaml.value);
    if (!data || typeof data !== 'object' || Array.isArray(data)) return none;
    const field = (key: string) => (Object.hasOwn(data, key) ? (data as Record<string, unknown>)[key] : undefined);
    const title = strings(field('title'))[0] ?? null;
    const raw = field('tags') ?? field('tag');
    const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,\s]+/) : [];
    const tags = list
      .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
      .map((t) => t.replace(/^#/, '').toLowerCase());
    const aliases = [...strings(field('aliases')), ...strings(field('alias'))];
    const text = [...strings(field('description')), ...(aliases.length ? [`Also called: ${aliases.join(', ')}`] : [])];
    return { title, tags, text };
  } catch (error) {
    warnings.push(`${(error as Error).message.split('\n')[0]}; it was ignored`);
    return none;
  }
}

export function parseMarkdown(source: string): ParsedMarkdown {
  const warnings: string[] = [];
  const tree = parser.parse(readableSource(source)) as Root;
  const meta = frontMatter(tree, warnings);
  const tags = new Set(meta.tags);
  const definitions = new Map<string, string>();
  visitDefinitions(tree, definitions);
  clean(tree, tags, definitions);
  if (limitDepth(tree, 0)) warnings.push(`structure nested deeper than ${MAX_DEPTH} levels was flattened to its text`);
  // The front matter's text opens the document, after its title heading if it starts with one.
  const at = tree.children[0]?.type === 'heading' && tree.children[0].depth === 1 ? 1 : 0;
  tree.children.splice(
    at,
    0,
    ...meta.text.map((value): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value }] })),
  );
  return { tree, title: meta.title, tags: [...tags], frontMatterTags: meta.tags, warnings };
}

/**
 * How deep a document's structure may nest (lists in lists, quotes in quotes, emphasis in emphasis). Deeper
 * structure is flattened to its text here, at build time, so every passage the build writes can be opened: the
 * browser copies and renders a passage's tree recursively, and 700 nested lists overflowed postMessage's stack.
 */
export const MAX_DEPTH = 32;

const PHRASING_PARENTS = new Set([
  'documentLink',
  'paragraph',
  'heading',
  'tableCell',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
]);

/** A subtree's text, one line per block. */
function flatText(node: RootContent): string {
  if (!('children' in node) || PHRASING_PARENTS.has(node.type)) return textOf(node).trim();
  return (node.children as RootContent[]).map(flatText).filter(Boolean).join('\n');
}

/** Replaces what a node at the depth limit holds by its text, keeping the node itself (a list item stays one). */
function flatten(node: Parent): void {
  if (node.type === 'list' || node.type === 'table' || node.type === 'tableRow') {
    for (const child of node.children) flatten(child as Parent);
  } else if (PHRASING_PARENTS.has(node.type)) {
    node.children = [{ type: 'text', value: textOf(node) }];
  } else {
    const value = flatText(node as RootContent);
    node.children = (value ? [{ type: 'paragraph', children: [{ type: 'text', value }] }] : []) as Parent['children'];
  }
}

/** Flattens every node at MAX_DEPTH; true when something was. */
function limitDepth(node: Parent, depth: number): boolean {
  let flattened = false;
  for (const child of node.children) {
    if (!('children' in child) || !child.children.length) continue;
    if (depth + 1 >= MAX_DEPTH) {
      flatten(child as Parent);
      flattened = true;
    } else if (limitDepth(child as Parent, depth + 1)) flattened = true;
  }
  return flattened;
}

/** Tags recorded on a block by `parseMarkdown`. */
export function blockTags(node: RootContent): string[] {
  return (node.data as { tags?: string[] } | undefined)?.tags ?? [];
}
