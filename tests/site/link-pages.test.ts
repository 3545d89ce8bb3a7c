// The passage pages of two real-shaped corpora, an Obsidian-style vault and the Rust book (mdBook: `.html` links
// between chapters, `## Heading` titles): links between documents are anchors to another page of the site, each
// page and anchor it names exists (none dead), in both layouts (a page per passage, a page per document).
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readFolders } from '../../src/indexer/folders.ts';
import { sitePages } from '../../src/site/pages.ts';
import type { PageLayout } from '../../src/core/links.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';
import { ROOT, tempDir } from '../fixtures/helpers.ts';
import { writeVault } from '../fixtures/vault.ts';

const RUST_BOOK = path.resolve(ROOT, '../shared/corpora/rust-book');
const SITE = { name: 'Links', url: 'https://example.org/site/', themeColor: '#123456' };

/** Every link of the site's pages to another page of the site: [from page, href]. */
async function pageLinks(folder: string, layout: PageLayout) {
  const corpus = await readFolders([folder], DEFAULT_CHUNKING);
  const input = {
    documents: corpus.documents,
    passages: layout === 'document' ? corpus.passages.values() : corpus.passages,
    rows: { ids: corpus.passages.map((p) => p.id), docs: corpus.passages.map((p) => p.doc) },
  };
  const pages = new Map(sitePages(SITE, input, layout));
  const links: { page: string; href: string }[] = [];
  for (const [page, html] of pages) {
    if (!page.endsWith('.html')) continue;
    const article = html.slice(html.indexOf('<main>'), html.indexOf('<a id="open"'));
    for (const [, href] of article.matchAll(/<a href="([^"]*)"(?! rel)/g)) {
      // Web links carry rel="nofollow…"; the "Open in" links lead into the app.
      if (!href.includes('#/passage/')) links.push({ page, href });
    }
  }
  return { corpus, pages, links };
}

/** The page and anchor a relative link from `page` names, if the site has them. */
function lands(pages: Map<string, string>, page: string, href: string): boolean {
  const [file, anchor] = href.split('#');
  const target = path.posix.join(path.posix.dirname(page), file);
  const html = pages.get(target);
  return html !== undefined && (anchor === undefined || html.includes(`<section id="${anchor}">`));
}

describe('links between documents in the passage pages', () => {
  const { dir, cleanup } = tempDir('lantern-vault-pages-');
  afterAll(cleanup);
  const vault = writeVault(dir);

  it.each<PageLayout>(['passage', 'document'])(
    'the vault (%s pages): every resolved link is an anchor to a page that exists',
    async (layout) => {
      const { corpus, pages, links } = await pageLinks(vault, layout);
      // Each resolved link of the vault is one anchor (a passage page holds its passage's links once).
      expect(links).toHaveLength(corpus.links!.resolved);
      expect(links.filter((l) => !lands(pages, l.page, l.href))).toEqual([]);
      // Out of the page's own folder: never (no `../`, no URL from a note).
      expect(links.every((l) => /^[a-z0-9-]+\.html(#[a-z0-9-]+)?$/.test(l.href))).toBe(true);
      const unresolved = [...pages.values()].join('').match(/<span class="unresolved"[^>]*>Missing note<\/span>/g);
      expect(unresolved).toHaveLength(1);
    },
  );

  it.each<PageLayout>(['passage', 'document'])(
    'the vault (%s pages): a page ends with the notes linking to its note, each an anchor that lands',
    async (layout) => {
      const { corpus, pages } = await pageLinks(vault, layout);
      const home = corpus.documents.findIndex((d) => d.id === 'Home.md');
      const homePassage = corpus.passages.find((p) => p.doc === home)!;
      const page =
        layout === 'passage'
          ? `p/${homePassage.id}.html`
          : [...pages.keys()].find((k) => pages.get(k)!.includes(`<section id="${homePassage.id}">`))!;
      const html = pages.get(page)!;
      const aside = html.slice(html.indexOf('<aside class="linked-from">'), html.indexOf('</aside>'));
      const titles = [...aside.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)];
      // "Internal links" ("Back to [[Home]]") and the setup guide ("Return to the [home note](../Home.md)").
      expect(titles.map((m) => m[2])).toEqual(expect.arrayContaining(['Internal links', 'Setting up']));
      expect(titles.length).toBe(corpus.documents[home].linkedFrom!.length);
      expect(titles.filter(([, href]) => !lands(pages, page, href))).toEqual([]);
      // A note nothing links to has no such list.
      const lonely = corpus.documents.findIndex((d) => !d.linkedFrom?.length);
      const lonelyPassage = corpus.passages.find((p) => p.doc === lonely)!;
      if (layout === 'passage') expect(pages.get(`p/${lonelyPassage.id}.html`)).not.toContain('Linked from');
    },
  );

  it.runIf(existsSync(RUST_BOOK))(
    'the Rust book: its cross-chapter links are anchors, none dead; chapters are titled by their first heading',
    async () => {
      const { corpus, pages, links } = await pageLinks(RUST_BOOK, 'passage');
      expect(corpus.links!.resolved).toBeGreaterThan(250);
      expect(links).toHaveLength(corpus.links!.resolved);
      expect(links.filter((l) => !lands(pages, l.page, l.href))).toEqual([]);
      const ownership = corpus.documents.find((d) => d.id === 'ch04-01-what-is-ownership.md')!;
      expect(ownership.title).toBe('What Is Ownership?');
      // `[copy]: ch04-01-what-is-ownership.html#stack-only-data-copy` leads to that section's passage.
      const copy = corpus.passages.find((p) => p.headings.at(-1) === 'Stack-Only Data: Copy')!;
      expect(links.some((l) => l.href === `${copy.id}.html`)).toBe(true);
      expect(ownership.linkedFrom?.length).toBeGreaterThan(3);
    },
  );
});
