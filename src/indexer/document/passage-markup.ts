// A passage's display markup: the blocks it holds as sanitised hast (no raw HTML, only safe links), reduced
// to plain objects the index stores and the app renders.
import type { Root, RootContent, List, ListItem } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { sanitize } from 'hast-util-sanitize';
import type { Nodes as HastNodes } from 'hast';
import type { DisplayNode } from '../../core/types.ts';

/** A block of a passage; list items keep a reference to their list so consecutive items display as one list. */
export interface MarkupUnit {
  nodes: RootContent[];
  list?: List;
}

function stripToDisplay(node: HastNodes): DisplayNode[] {
  if (node.type === 'text') return node.value ? [{ type: 'text', value: node.value }] : [];
  if (node.type === 'root') return node.children.flatMap((c) => stripToDisplay(c as HastNodes));
  if (node.type !== 'element') return [];
  const properties: Record<string, string | number | boolean | string[]> = {};
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    properties[key] = value as string | number | boolean | string[];
  }
  const element: DisplayNode = {
    type: 'element',
    tagName: node.tagName,
    children: node.children.flatMap((c) => stripToDisplay(c as HastNodes)),
  };
  if (Object.keys(properties).length) element.properties = properties;
  return [element];
}

/** The display markup of a passage: its blocks as sanitised hast, consecutive list items as one list. */
export function displayMarkup(units: readonly MarkupUnit[]): DisplayNode[] {
  const nodes: RootContent[] = [];
  let open: { list: List; node: List } | null = null;
  for (const unit of units) {
    if (unit.list) {
      if (!open || open.list !== unit.list) {
        const index = unit.list.children.indexOf(unit.nodes[0] as ListItem);
        const node: List = {
          type: 'list',
          ordered: unit.list.ordered,
          start: unit.list.ordered ? (unit.list.start ?? 1) + index : null,
          spread: false,
          children: [],
        };
        open = { list: unit.list, node };
        nodes.push(node);
      }
      open.node.children.push(unit.nodes[0] as ListItem);
      continue;
    }
    open = null;
    nodes.push(...unit.nodes);
  }
  const hast = toHast({ type: 'root', children: nodes } as Root) as HastNodes;
  return stripToDisplay(sanitize(hast) as HastNodes);
}
