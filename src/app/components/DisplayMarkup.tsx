// Renders a passage's display markup (a hast fragment) through the allow-list in display.ts.
// Query terms are marked inside text nodes when `terms` is given.
import { h, type ComponentChildren } from 'preact';
import type { DisplayNode } from '../../core/types.ts';
import { highlight } from '../../core/snippet.ts';
import { safeElement } from '../display.ts';
import { Marked } from './Marked.tsx';

const VOID = new Set(['br', 'hr', 'input']);

function render(node: DisplayNode, terms: Set<string> | null, key: number): ComponentChildren {
  if (node.type === 'text') return terms?.size ? <Marked key={key} text={node.value} highlights={highlight(node.value, terms)} /> : node.value;
  if (node.type !== 'element') return null;
  const safe = safeElement(node);
  if (safe.kind === 'drop') return null;
  const children = node.children?.map((child, i) => render(child, terms, i));
  if (safe.kind === 'unwrap') return h('span', { key }, children);
  return h(safe.tag, { key, ...safe.props }, VOID.has(safe.tag) ? null : children);
}

export function DisplayMarkup({ nodes, terms }: { nodes: DisplayNode[]; terms: Set<string> | null }) {
  return <>{nodes.map((node, i) => render(node, terms, i))}</>;
}
