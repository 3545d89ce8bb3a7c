// A passage's display markup: the blocks it holds as sanitised hast (no raw HTML, only safe links), reduced
// to plain objects the index stores and the app renders. A link to another document is a placeholder here
// (document-link.ts) until the corpus pass resolves it (src/indexer/links.ts).
import type { Root, RootContent, List, ListItem } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { Nodes as HastNodes } from 'hast';
import type { DisplayNode } from '../../core/types.ts';
import { documentLinkToHast, PLACEHOLDER } from './document-link.ts';

/** GitHub's schema, and on `a` the link placeholder's properties (raw HTML never reaches hast: markdown.ts). */
const SCHEMA: Schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), ...Object.values(PLACEHOLDER)],
  },
};

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
  const hast = toHast({ type: 'root', children: nodes } as Root, {
    handlers: { documentLink: documentLinkToHast },
  }) as HastNodes;
  return stripToDisplay(sanitize(hast, SCHEMA) as HastNodes);
}
