// The allow-list for passage display markup. Passages carry a sanitised hast tree; the app still trusts
// nothing in it: only these tags and attributes reach the DOM, and only as elements and text nodes.
import type { DisplayNode } from '../core/types.ts';
import type { Highlight } from '../core/types.ts';
import { formatRoute, isPassageId } from '../core/links.ts';

/** What a link to nothing in the site says (the build marks it: src/indexer/links.ts). */
export const UNRESOLVED_TITLE = 'Not in this site';

const TAGS = new Set([
  'p',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'code',
  'pre',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'blockquote',
  'del',
  'br',
  'hr',
  'input',
  'span',
]);
/** Elements whose content is never shown, not even as text. */
const DROP = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'noscript']);

export type SafeProps = Record<string, string | number | boolean>;

export type SafeElement =
  | { kind: 'element'; tag: string; props: SafeProps }
  | { kind: 'unwrap' } // unknown tag: its children are shown without it
  | { kind: 'drop' };

export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const href = value.trim();
  return /^(https?:\/\/|mailto:)/i.test(href) ? href : null;
}

export function safeElement(node: Extract<DisplayNode, { type: 'element' }>): SafeElement {
  const tag = String(node.tagName).toLowerCase();
  if (DROP.has(tag)) return { kind: 'drop' };
  if (!TAGS.has(tag)) return { kind: 'unwrap' };
  const p = node.properties ?? {};
  switch (tag) {
    case 'a': {
      // A link to another passage of the index: opened inside the app, never as a URL from the corpus.
      if (typeof p.dataPassage === 'string')
        return isPassageId(p.dataPassage)
          ? {
              kind: 'element',
              tag,
              props: { href: formatRoute({ view: 'passage', id: p.dataPassage }), 'data-passage': p.dataPassage },
            }
          : { kind: 'unwrap' };
      const href = safeHref(p.href);
      return href
        ? { kind: 'element', tag, props: { href, rel: 'noopener noreferrer', target: '_blank' } }
        : { kind: 'unwrap' };
    }
    case 'span':
      return Array.isArray(p.className) && p.className.includes('unresolved')
        ? { kind: 'element', tag, props: { class: 'unresolved', title: UNRESOLVED_TITLE } }
        : { kind: 'unwrap' };
    case 'input':
      return p.type === 'checkbox'
        ? { kind: 'element', tag, props: { type: 'checkbox', disabled: true, checked: p.checked === true } }
        : { kind: 'drop' };
    case 'ol':
      return { kind: 'element', tag, props: typeof p.start === 'number' ? { start: p.start } : {} };
    case 'th':
    case 'td':
      return {
        kind: 'element',
        tag,
        props:
          typeof p.align === 'string' && /^(left|right|center)$/.test(p.align)
            ? { style: `text-align:${p.align}` }
            : {},
      };
    default:
      return { kind: 'element', tag, props: {} };
  }
}

export interface Segment {
  text: string;
  mark: boolean;
}

/** Splits `text` into plain and marked runs; highlights may overlap, be unsorted or out of range. */
export function segments(text: string, highlights: Highlight[]): Segment[] {
  const spans = highlights
    .map((h) => ({
      start: Math.max(0, Math.min(text.length, h.start)),
      end: Math.max(0, Math.min(text.length, h.end)),
    }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const span of spans) {
    const start = Math.max(span.start, at);
    if (span.end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, span.end), mark: true });
    at = span.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
