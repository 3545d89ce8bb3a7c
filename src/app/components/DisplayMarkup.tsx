// Renders a passage's display markup (a hast fragment) through the allow-list in display.ts.
// Query terms are marked inside text nodes when `terms` is given; headings inside a passage take the level
// `headingLevel` (their place below the page's own headings), whatever level the markup gave them.
import { h, type ComponentChildren } from 'preact';
import type { DisplayNode } from '../../core/types.ts';
import { highlight } from '../../core/snippet.ts';
import { safeElement } from '../display.ts';
import { Marked } from './Marked.tsx';

const VOID = new Set(['br', 'hr', 'input']);

const HEADING = /^h[1-6]$/;

export const isHeading = (node: DisplayNode | undefined): node is Extract<DisplayNode, { type: 'element' }> => node?.type === 'element' && HEADING.test(String(node.tagName).toLowerCase());

export function textOf(node: DisplayNode): string {
  return node.type === 'text' ? node.value : node.type === 'element' ? (node.children ?? []).map(textOf).join('') : '';
}

function render(node: DisplayNode, terms: Set<string> | null, headingLevel: number, key: number): ComponentChildren {
  if (node.type === 'text') return terms?.size ? <Marked key={key} text={node.value} highlights={highlight(node.value, terms)} /> : node.value;
  if (node.type !== 'element') return null;
  const safe = safeElement(node);
  if (safe.kind === 'drop') return null;
  const children = node.children?.map((child, i) => render(child, terms, headingLevel, i));
  if (safe.kind === 'unwrap') return h('span', { key }, children);
  if (HEADING.test(safe.tag)) return h(`h${headingLevel}`, { key, class: 'doc-heading' }, children);
  return h(safe.tag, { key, ...safe.props }, VOID.has(safe.tag) ? null : children);
}

export function DisplayMarkup({ nodes, terms, headingLevel = 6 }: { nodes: DisplayNode[]; terms: Set<string> | null; headingLevel?: number }) {
  return <>{nodes.map((node, i) => render(node, terms, Math.min(6, Math.max(2, headingLevel)), i))}</>;
}
