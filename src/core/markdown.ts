// Markdown → a cleaned mdast tree: front matter read, raw HTML turned into text or links,
// Obsidian [[links]] turned into their text and #tags lifted out as tags.
import type { Root, RootContent, Text, Link, Parent, Html, Blockquote, FootnoteDefinition } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { parse as parseYaml } from 'yaml';

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

const WIKI_LINK = /\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]/g;
const TAG = /(^|[\s(])#([\p{L}_][\p{L}\p{N}_\-/]*)/gu;
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

/** Only web and mail links survive; anything else (javascript:, data:, relative files) is dropped. */
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
    const title = decodeEntities(attribute(html, 'title') ?? '').replace(HTML_TAG, ' ').replace(/\s+/g, ' ').trim() || 'Embedded content';
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

// Inline formatting tags: removing them joins the text around them ("H<sub>2</sub>O" stays "H2O").
const PHRASING_TAG = /^<\/?(a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)(\s[^>]*)?\/?>$/i;

function lastText(nodes: RootContent[]): string {
  const last = nodes[nodes.length - 1];
  return last?.type === 'text' ? last.value : '';
}

function cleanText(value: string, tags: Set<string>): string {
  return value
    .replace(WIKI_LINK, (_w, target: string, alias?: string) => (alias ?? target).trim())
    .replace(TAG, (_w, before: string, tag: string) => {
      tags.add(tag.toLowerCase());
      return before;
    });
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
      if (url) out.push({ type: 'link', url, children: child.children } as Link);
      else out.push(...(child.children as RootContent[]));
      continue;
    }
    if (child.type === 'html') {
      const replaced = htmlToNodes(child);
      // A block of raw HTML becomes a paragraph so that it still reads as its own block.
      if (node.type === 'root' || node.type === 'listItem' || node.type === 'blockquote') {
        if (replaced.length) out.push({ type: 'paragraph', children: replaced as Text[] });
      } else if (replaced.length) out.push(...replaced);
      else if (!PHRASING_TAG.test(child.value) || /<[\w!/?-]*$/.test(lastText(out))) {
        // A tag that leaves nothing still separates words ("a<br>b" is "a b"), and never glues the text
        // around it into markup ("<scr<b>ipt>" must not read "<script>"); only inline formatting joins.
        out.push({ type: 'text', value: ' ' });
      }
      continue;
    }
    if (child.type === 'text') {
      const value = cleanText(child.value, tags);
      // White space between two inline nodes (a line break between two links) still separates their words.
      if (value.trim()) out.push({ ...child, value });
      else if (value) out.push({ ...child, value: ' ' });
      continue;
    }
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
        out.push(...(child.children as RootContent[]));
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
  return node.children.some((c) => ('value' in c && String(c.value).trim() !== '') || ('children' in c && hasText(c as Parent)));
}

function frontMatter(tree: Root, warnings: string[]): { title: string | null; tags: string[] } {
  const yaml = tree.children.find((c) => c.type === 'yaml');
  if (!yaml || !('value' in yaml)) return { title: null, tags: [] };
  try {
    const data = parseYaml(yaml.value) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return { title: null, tags: [] };
    const record = data as Record<string, unknown>;
    const title = typeof record.title === 'string' && record.title.trim() ? record.title.trim() : null;
    const raw = record.tags ?? record.tag;
    const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,\s]+/) : [];
    const tags = list.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.replace(/^#/, '').toLowerCase());
    return { title, tags };
  } catch (error) {
    warnings.push(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); it was ignored`);
    return { title: null, tags: [] };
  }
}

export function parseMarkdown(source: string): ParsedMarkdown {
  const warnings: string[] = [];
  const tree = parser.parse(source.replace(/\r\n?/g, '\n')) as Root;
  const meta = frontMatter(tree, warnings);
  const tags = new Set(meta.tags);
  const definitions = new Map<string, string>();
  visitDefinitions(tree, definitions);
  clean(tree, tags, definitions);
  return { tree, title: meta.title, tags: [...tags], frontMatterTags: meta.tags, warnings };
}

/** Tags recorded on a block by `parseMarkdown`. */
export function blockTags(node: RootContent): string[] {
  return (node.data as { tags?: string[] } | undefined)?.tags ?? [];
}
