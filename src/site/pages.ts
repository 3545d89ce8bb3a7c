// A small static page per passage, `p/<id>.html` (for a sharded index, one per document, `p/d/<hash>.html`, with an
// anchor per passage: see docs/design.md for the sizes that decided it): what a chat app, a mail client or a search engine reads from a
// shared link (Open Graph / Twitter card tags, canonical URL), and the passage itself in plain HTML for anyone
// without JavaScript. With scripts on, `p/open.js` (external: the page's CSP allows no inline script) takes the
// reader on to the passage in the app. Everything from the corpus is escaped; the passage's display markup (already
// sanitised at build) is written again through an allowlist of tags and only http(s)/mailto links, and links between
// documents (an `a` naming a passage of the index) as relative anchors to the target's page; a page ends with the
// documents that link to its document ("Linked from", as in the app), each an anchor to the passage holding the link.
// Pure: no Node or DOM API, so it is testable on its own.
import { documentPagePath, isPassageId, passagePageLink, passagePagePath, type PageLayout } from '../core/links.ts';
import type { DisplayNode, DocumentInfo, Passage } from '../core/types.ts';

export interface PageSite {
  name: string;
  /** Absolute site URL ending in `/`. */
  url: string;
  themeColor: string;
}

/** The folder of the passage pages inside the site, and the URL of one passage's page. */
export const PAGES_DIR = 'p';
export const pagePath = passagePagePath;

/** Characters of the passage shown as the link preview's description. */
const DESCRIPTION_CHARS = 200;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Document › Heading › Subheading" (a first heading that repeats the title is left out). */
export function passageTitle(doc: DocumentInfo, headings: string[]): string {
  const path = headings[0] === doc.title ? headings.slice(1) : headings;
  return [doc.title, ...path].filter(Boolean).join(' › ');
}

/** The start of the passage, cut at a word boundary. */
export function passageDescription(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= DESCRIPTION_CHARS) return flat;
  const cut = flat.slice(0, DESCRIPTION_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > DESCRIPTION_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

const TAGS = new Set([
  'p',
  'ul',
  'ol',
  'li',
  'em',
  'strong',
  'del',
  'code',
  'pre',
  'blockquote',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'br',
  'hr',
  'sup',
  'sub',
]);
const VOID = new Set(['br', 'hr']);

/** Where a link to passage `id` leads from the page being written (a relative URL), or null: no such page. */
export type PageLinker = (id: string) => string | null;

const noLinks: PageLinker = () => null;

/**
 * Display markup as HTML: allowlisted tags without attributes, links with a safe href only, links to a passage as
 * `linkTo` says, links to nothing in the site as marked text; anything else as its text.
 */
export function markupHtml(nodes: DisplayNode[], linkTo: PageLinker = noLinks): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += escapeHtml(node.value);
      continue;
    }
    const inner = markupHtml(node.children ?? [], linkTo);
    const tag = node.tagName;
    if (tag === 'span') {
      const unresolved = Array.isArray(node.properties?.className) && node.properties.className.includes('unresolved');
      out += unresolved ? `<span class="unresolved" title="Not in this site">${inner}</span>` : inner;
      continue;
    }
    if (!TAGS.has(tag)) {
      out += inner;
      continue;
    }
    if (VOID.has(tag)) {
      out += `<${tag}>`;
      continue;
    }
    if (tag === 'a' && typeof node.properties?.dataPassage === 'string') {
      const target = isPassageId(node.properties.dataPassage) ? linkTo(node.properties.dataPassage) : null;
      out += target ? `<a href="${escapeHtml(target)}">${inner}</a>` : inner;
      continue;
    }
    if (tag === 'a') {
      const href = typeof node.properties?.href === 'string' ? node.properties.href : '';
      out += /^(?:https?:|mailto:)/i.test(href)
        ? `<a href="${escapeHtml(href)}" rel="nofollow noopener noreferrer">${inner}</a>`
        : inner;
      continue;
    }
    out += `<${tag}>${inner}</${tag}>`;
  }
  return out;
}

interface PageParts {
  /** How far the page is below the site's root ('../' for p/, '../../' for p/d/). */
  up: string;
  canonical: string;
  title: string;
  description: string;
  /** Where the page's main "open" link leads in the app. */
  appLink: string;
  main: string;
  /** After the "open" link: the documents linking here. */
  after: string;
}

/** The shell every page shares: preview tags, the strict CSP, the external script and style. */
function page(site: PageSite, p: PageParts): string {
  const e = escapeHtml;
  const meta = (attr: 'name' | 'property', key: string, value: string) =>
    `<meta ${attr}="${key}" content="${e(value)}">`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.title)} · ${e(site.name)}</title>
<link rel="canonical" href="${e(p.canonical)}">
${meta('property', 'og:type', 'article')}
${meta('property', 'og:site_name', site.name)}
${meta('property', 'og:title', p.title)}
${meta('property', 'og:description', p.description)}
${meta('property', 'og:url', p.canonical)}
${meta('property', 'og:image', `${site.url}icons/icon-512.png`)}
${meta('name', 'twitter:card', 'summary')}
${meta('name', 'description', p.description)}
<link rel="icon" href="${p.up}icons/icon-192.png">
<link rel="stylesheet" href="${p.up}${PAGES_DIR}/page.css">
<script src="${p.up}${PAGES_DIR}/open.js" defer></script>
</head>
<body>
<header><a href="${p.up}">${e(site.name)}</a></header>
<main>
${p.main}
<p><a id="open" href="${e(p.appLink)}">Open in ${e(site.name)}</a></p>${p.after}
</main>
</body>
</html>
`;
}

type PagePassage = Pick<Passage, 'id' | 'headings' | 'text' | 'body'>;

const bodyHtml = (passage: PagePassage, linkTo: PageLinker) =>
  passage.body?.length ? markupHtml(passage.body, linkTo) : `<p>${escapeHtml(passage.text)}</p>`;

/** A document linking to the page's document: its title and the passage holding the link. */
export interface PageBacklink {
  title: string;
  passage: string;
}

/** "Linked from": each linking document as an anchor to its passage's page (none the site lacks). */
function linkedFromHtml(backlinks: readonly PageBacklink[], linkTo: PageLinker): string {
  const items = backlinks.flatMap(({ title, passage }) => {
    const target = isPassageId(passage) ? linkTo(passage) : null;
    return target ? [`<li><a href="${escapeHtml(target)}">${escapeHtml(title)}</a></li>`] : [];
  });
  return items.length
    ? `\n<aside class="linked-from">\n<h2>Linked from</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</aside>`
    : '';
}

/** The page of one passage (`p/<id>.html`); the app is one folder up. */
export function passagePage(
  site: PageSite,
  doc: DocumentInfo,
  passage: PagePassage,
  linkTo: PageLinker = noLinks,
  backlinks: readonly PageBacklink[] = [],
): string {
  const title = passageTitle(doc, passage.headings);
  return page(site, {
    up: '../',
    canonical: `${site.url}${pagePath(passage.id)}`,
    title,
    description: passageDescription(passage.text),
    appLink: `../#/passage/${passage.id}`,
    main: `<p class="crumbs">${escapeHtml(title)}</p>\n<article>${bodyHtml(passage, linkTo)}</article>`,
    after: linkedFromHtml(backlinks, linkTo),
  });
}

/** The page of one document (`p/d/<hash>.html`, large indexes): every passage under an anchor named by its id. */
export function documentPage(
  site: PageSite,
  doc: DocumentInfo,
  passages: PagePassage[],
  linkTo: PageLinker = noLinks,
  backlinks: readonly PageBacklink[] = [],
): string {
  const sections = passages.map((p) => {
    const crumbs = passageTitle(doc, p.headings);
    return `<section id="${escapeHtml(p.id)}">\n<p class="crumbs">${escapeHtml(crumbs)}</p>\n${bodyHtml(p, linkTo)}\n<p><a class="open" href="../../#/passage/${escapeHtml(p.id)}">Open in ${escapeHtml(site.name)}</a></p>\n</section>`;
  });
  return page(site, {
    up: '../../',
    canonical: `${site.url}${documentPagePath(doc.id)}`,
    title: doc.title || doc.id,
    description: passageDescription(passages[0]?.text ?? ''),
    appLink: `../../#/passage/${passages[0]?.id ?? ''}`,
    main: `<article>\n${sections.join('\n')}\n</article>`,
    after: linkedFromHtml(backlinks, linkTo),
  });
}

/** Goes on to the passage in the app when scripts run (a link preview never runs it). */
export const OPEN_SCRIPT = `// Passage pages: with scripts on, the passage opens in the app (on a document's page, the one the address names).
// A malformed hash (a link cut mid-escape) names no passage: the reader still goes on to the app.
let id = '';
try {
  id = decodeURIComponent(location.hash.slice(1));
} catch {}
const section = id ? document.getElementById(id) : null;
const link = (section && section.querySelector('a.open')) || document.getElementById('open');
if (link) location.replace(link.href);
`;

export const PAGE_STYLE = `body{font:16px/1.55 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;color:#1d2327;background:#fbfaf7}
header a{font-weight:600;color:inherit;text-decoration:none}.crumbs{color:#5b6770;font-size:.9rem}
article{margin:1rem 0}pre{overflow:auto}.linked-from h2{font-size:1rem}a{color:#1f5f5b}.unresolved{color:#5b6770;text-decoration:underline dotted}
@media (prefers-color-scheme:dark){body{color:#e4e8eb;background:#161a1d}.crumbs,.unresolved{color:#9aa7b0}a{color:#7fc8bf}}
`;

export interface PagesInput {
  documents: DocumentInfo[];
  passages: Iterable<Pick<Passage, 'id' | 'doc' | 'headings' | 'text' | 'body'>>;
  /** Every passage's id and document in row order, when `passages` is streamed (a sharded index's catalog). */
  rows?: { ids: string[]; docs: number[] };
}

/** The document of each passage that gets a page: where links between documents may lead. */
function pageTargets(input: PagesInput): Map<string, string> {
  const targets = new Map<string, string>();
  const add = (id: string, doc: number) => {
    if (input.documents[doc] && isPassageId(id)) targets.set(id, input.documents[doc].id);
  };
  if (input.rows) input.rows.ids.forEach((id, row) => add(id, input.rows!.docs[row]));
  else if (Array.isArray(input.passages)) for (const p of input.passages) add(p.id, p.doc);
  return targets;
}

/** Every file of the passage pages, by path inside the site. Passages without a well-formed id get no page. */
export function* sitePages(
  site: PageSite,
  input: PagesInput,
  layout: PageLayout = 'passage',
): Generator<[string, string]> {
  yield [`${PAGES_DIR}/open.js`, OPEN_SCRIPT];
  yield [`${PAGES_DIR}/page.css`, PAGE_STYLE];
  const targets = pageTargets(input);
  // Each linking document by its title (its id when untitled); one the index does not hold is left out.
  const backlinksOf = (doc: DocumentInfo): PageBacklink[] =>
    (doc.linkedFrom ?? []).flatMap(({ doc: from, passage }) => {
      const source = input.documents[from];
      return source ? [{ title: source.title || source.id, passage }] : [];
    });
  if (layout === 'passage') {
    // Pages sit side by side in p/: a link is the target's file name.
    const linkTo: PageLinker = (id) => (targets.has(id) ? pagePath(id).slice(PAGES_DIR.length + 1) : null);
    for (const passage of input.passages) {
      const doc = input.documents[passage.doc];
      if (doc && isPassageId(passage.id))
        yield [pagePath(passage.id), passagePage(site, doc, passage, linkTo, backlinksOf(doc))];
    }
    return;
  }
  // Document pages sit side by side in p/d/: a link is the target document's file name and the passage's anchor.
  const linkTo: PageLinker = (id) => {
    const docId = targets.get(id);
    return docId === undefined ? null : passagePageLink('document', id, docId).slice(`${PAGES_DIR}/d/`.length);
  };
  const byDocument = new Map<number, PagePassage[]>();
  for (const passage of input.passages) {
    if (!input.documents[passage.doc] || !isPassageId(passage.id)) continue;
    const list = byDocument.get(passage.doc);
    if (list) list.push(passage);
    else byDocument.set(passage.doc, [passage]);
  }
  for (const [doc, passages] of byDocument)
    yield [
      documentPagePath(input.documents[doc].id),
      documentPage(site, input.documents[doc], passages, linkTo, backlinksOf(input.documents[doc])),
    ];
}
