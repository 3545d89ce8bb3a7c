// Links from one document to another, as the parser finds them: Obsidian wiki links and embeds (`[[Note#Heading|alias]]`,
// `![[Note]]`) and relative links to a document (`other.md#heading`, mdBook's `chapter.html#anchor`, `#heading`).
// The parser leaves each as a `documentLink` node; its display markup carries the target as a placeholder that the
// corpus pass (src/indexer/links.ts) turns into a link to a passage, or into text marked as unresolved, once every
// document is chunked. Nothing here is ever a URL the app follows.
import type { Element, ElementContent, Properties } from 'hast';
import type { Parent, PhrasingContent, Text } from 'mdast';
import type { State } from 'mdast-util-to-hast';

export interface LinkTarget {
  /** `name`: a wiki link, found by file name anywhere in the corpus; `path`: relative to the linking document. */
  kind: 'name' | 'path';
  /** The document named; '' for the linking document itself (`[[#Heading]]`, `#heading`). */
  path: string;
  /** The heading named after `#`; '' for none (the document's start). */
  heading: string;
}

export interface DocumentLink extends Parent {
  type: 'documentLink';
  target: LinkTarget;
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    documentLink: DocumentLink;
  }
  interface RootContentMap {
    documentLink: DocumentLink;
  }
}

/** The placeholder's properties (hast names): the only attributes the sanitiser lets through besides its own. */
export const PLACEHOLDER = { kind: 'dataLinkKind', path: 'dataLinkPath', heading: 'dataLinkHeading' } as const;

/** `[[target#heading|alias]]`, and Obsidian's embed `![[target]]`. */
export const WIKI_LINK = /!?\[\[([^\]|#]*)(?:#([^\]|]*))?(?:\|([^\]]*))?\]\]/g;
const MEDIA_FILE = /\.(png|jpe?g|gif|svg|webp|avif|bmp|tiff?|mp3|wav|ogg|m4a|flac|mp4|webm|mov|mkv|pdf)$/i;
/** Files a relative link may name as a document: markdown and text, or the HTML page a site generator made of one. */
const DOCUMENT_FILE = /\.(md|markdown|txt|html?)$/i;

/** What a wiki link or embed reads as: its alias, else its note and heading; an embedded image reads as nothing. */
export function wikiLinkText(whole: string, target = '', heading = '', alias?: string): string {
  const name = target.trim();
  const section = heading.startsWith('^') ? '' : heading.trim();
  if (whole.startsWith('!') && MEDIA_FILE.test(name)) {
    // `![[photo.png|300]]` sizes the image; only a caption that is not a size is text.
    return alias && !/^\s*\d+(x\d+)?\s*$/.test(alias) ? alias.trim() : '';
  }
  if (alias?.trim()) return alias.trim();
  return name && section ? `${name} › ${section}` : name || section;
}

/** The heading a link names: the last of `#A#B` (Obsidian's nested headings); a block reference `^id` names none. */
function headingOf(raw: string): string {
  const last = raw.split('#').at(-1)?.trim() ?? '';
  return last.startsWith('^') ? '' : last;
}

/**
 * A text's wiki links as `documentLink` nodes between its plain runs. Embedded media stay text (their caption, or
 * nothing): they are not documents.
 */
export function splitWikiLinks(value: string): (Text | DocumentLink)[] {
  const out: (Text | DocumentLink)[] = [];
  let at = 0;
  for (const match of value.matchAll(WIKI_LINK)) {
    const [whole, target = '', heading = '', alias] = match;
    const text = wikiLinkText(whole, target, heading, alias);
    const isMedia = whole.startsWith('!') && MEDIA_FILE.test(target.trim());
    const before = value.slice(at, match.index);
    at = match.index + whole.length;
    if (isMedia || !text) {
      out.push({ type: 'text', value: before + text });
      continue;
    }
    out.push({ type: 'text', value: before });
    out.push({
      type: 'documentLink',
      target: { kind: 'name', path: target.trim(), heading: headingOf(heading) },
      children: [{ type: 'text', value: text }],
    });
  }
  if (at < value.length) out.push({ type: 'text', value: value.slice(at) });
  // Adjacent text runs (an embedded image between two words) read as one.
  return out.reduce<(Text | DocumentLink)[]>((list, node) => {
    const last = list.at(-1);
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else if (node.type !== 'text' || node.value) list.push(node);
    return list;
  }, []);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The document a link's URL names when it is relative and names a document file (`../other.md#heading`,
 * `chapter.html#anchor`) or only a heading (`#heading`); null for anything else (web links, `javascript:`,
 * images, source files, folders).
 */
export function linkTargetOf(url: string | null | undefined): LinkTarget | null {
  const trimmed = url?.trim() ?? '';
  // A scheme (`javascript:`, `https:`, `C:`) or a host (`//example.org`) is not a place in the corpus.
  if (!trimmed || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return null;
  const hash = trimmed.indexOf('#');
  const file = (hash < 0 ? trimmed : trimmed.slice(0, hash)).split('?')[0];
  const heading = hash < 0 ? '' : decoded(trimmed.slice(hash + 1)).trim();
  if (file ? !DOCUMENT_FILE.test(file) : !heading) return null;
  return { kind: 'path', path: decoded(file), heading };
}

/** mdast → hast for a `documentLink`: an `a` element whose only properties are the placeholder's. */
export function documentLinkToHast(state: State, node: DocumentLink): Element {
  const properties: Properties = {
    [PLACEHOLDER.kind]: node.target.kind,
    [PLACEHOLDER.path]: node.target.path,
    [PLACEHOLDER.heading]: node.target.heading,
  };
  const element: Element = {
    type: 'element',
    tagName: 'a',
    properties,
    children: state.all(node) as ElementContent[],
  };
  state.patch(node, element);
  return state.applyData(node, element);
}
