// Renders a passage's display markup (a hast fragment) through the allow-list in display.ts.
// Query terms are marked inside text nodes when `terms` is given, and the answer sentence when `answer` is;
// headings inside a passage take the level `headingLevel` (their place below the page's own headings), whatever
// level the markup gave them. A link to another passage calls `onFollow` when clicked (the app opens it itself).
import { h, type ComponentChildren } from 'preact';
import type { DisplayNode, Highlight } from '../../core/types.ts';
import { highlight } from '../../core/snippet.ts';
import { safeElement } from '../display.ts';
import { Marked } from './Marked.tsx';

const VOID = new Set(['br', 'hr', 'input']);

const HEADING = /^h[1-6]$/;

export const isHeading = (node: DisplayNode | undefined): node is Extract<DisplayNode, { type: 'element' }> =>
  node?.type === 'element' && HEADING.test(String(node.tagName).toLowerCase());

export function textOf(node: DisplayNode): string {
  return node.type === 'text' ? node.value : node.type === 'element' ? (node.children ?? []).map(textOf).join('') : '';
}

type TextNode = Extract<DisplayNode, { type: 'text' }>;

/**
 * Where the sentence `answer` (a passage's plain text) lies in the text nodes of `nodes`, as one range per text node
 * it covers. Whitespace is ignored on both sides (the plain text and the markup break lines differently); a
 * sentence the markup does not hold as such (none found) is not marked.
 */
export function answerRanges(nodes: DisplayNode[], answer: string): Map<TextNode, Highlight> {
  const chars: string[] = [];
  const where: [TextNode, number][] = [];
  const walk = (list: DisplayNode[]) => {
    for (const node of list) {
      if (node.type === 'text') {
        for (let i = 0; i < node.value.length; i++) {
          if (/\s/.test(node.value[i])) continue;
          chars.push(node.value[i]);
          where.push([node, i]);
        }
      } else if (node.type === 'element' && safeElement(node).kind !== 'drop') walk(node.children ?? []);
    }
  };
  walk(nodes);
  const ranges = new Map<TextNode, Highlight>();
  const wanted = answer.replace(/\s+/g, '');
  const at = wanted ? chars.join('').indexOf(wanted) : -1;
  if (at < 0) return ranges;
  for (let i = at; i < at + wanted.length; i++) {
    const [node, offset] = where[i];
    const range = ranges.get(node);
    ranges.set(node, range ? { start: range.start, end: offset + 1 } : { start: offset, end: offset + 1 });
  }
  return ranges;
}

type Follow = (event: MouseEvent) => void;

function render(
  node: DisplayNode,
  terms: Set<string> | null,
  answer: Map<TextNode, Highlight>,
  headingLevel: number,
  key: number,
  onFollow?: Follow,
): ComponentChildren {
  if (node.type === 'text') {
    const range = answer.get(node);
    return terms?.size || range ? (
      <Marked key={key} text={node.value} highlights={terms?.size ? highlight(node.value, terms) : []} answer={range} />
    ) : (
      node.value
    );
  }
  if (node.type !== 'element') return null;
  const safe = safeElement(node);
  if (safe.kind === 'drop') return null;
  const children = node.children?.map((child, i) => render(child, terms, answer, headingLevel, i, onFollow));
  if (safe.kind === 'unwrap') return h('span', { key }, children);
  if (HEADING.test(safe.tag)) return h(`h${headingLevel}`, { key, class: 'doc-heading' }, children);
  const follow = 'data-passage' in safe.props && onFollow ? { onClick: onFollow } : {};
  return h(safe.tag, { key, ...safe.props, ...follow }, VOID.has(safe.tag) ? null : children);
}

export function DisplayMarkup({
  nodes,
  terms,
  answer = null,
  headingLevel = 6,
  onFollow,
}: {
  nodes: DisplayNode[];
  terms: Set<string> | null;
  answer?: string | null;
  headingLevel?: number;
  onFollow?: Follow;
}) {
  const ranges = answer ? answerRanges(nodes, answer) : new Map<TextNode, Highlight>();
  const level = Math.min(6, Math.max(2, headingLevel));
  return <>{nodes.map((node, i) => render(node, terms, ranges, level, i, onFollow))}</>;
}
