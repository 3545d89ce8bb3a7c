// Passage pages: the tags a link preview reads, the passage as plain HTML, and nothing from the corpus as markup.
import { describe, expect, test } from 'vitest';
import { chunkDocument } from '../../src/indexer/document/chunking.ts';
import { OPEN_SCRIPT, passageDescription, passagePage, passageTitle, sitePages } from '../../src/site/pages.ts';
import type { DisplayNode, DocumentInfo } from '../../src/core/types.ts';
import { documentPagePath } from '../../src/core/links.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';

const SITE = { name: 'Ada\'s "notes" <b>', url: 'https://ada.github.io/notes/', themeColor: '#123456' };
const HOSTILE = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `' onmouseover='alert(1)`,
  `</title><script>alert(1)</script>`,
  `&lt;b&gt; & <!-- -->`,
].join(' ');

function hostileDocument() {
  const markdown = `---\ntitle: "${HOSTILE.replace(/"/g, '\\"')}"\n---\n# ${HOSTILE}\n\nText ${HOSTILE} with a [bad link](javascript:alert(1)), a [good link](https://example.org/?a=1&b="2") and <iframe src="javascript:alert(1)"></iframe>.\n\n- item <svg onload=alert(1)>\n`;
  const chunked = chunkDocument('hostile.md', markdown, DEFAULT_CHUNKING);
  const doc: DocumentInfo = { id: 'hostile.md', title: chunked.title, tags: [] };
  return { doc, passages: chunked.passages.map((p) => ({ ...p, doc: 0 })) };
}

/** Every tag of the page with its attributes; throws when an attribute is not a well-formed name="value" pair. */
function tags(html: string): { name: string; attrs: Record<string, string> }[] {
  return [...html.matchAll(/<([^>]*)>/g)].map(([, inside]) => {
    const [name, ...rest] = inside
      .trim()
      .split(/\s+/, 1)
      .concat(inside.trim().slice(inside.trim().split(/\s+/, 1)[0].length));
    const attrs: Record<string, string> = {};
    let left = rest.join('').trim();
    while (left) {
      const m = /^([a-z-]+)(?:="([^"<>]*)")?\s*/.exec(left);
      if (!m) throw new Error(`malformed attributes in <${inside}>`);
      attrs[m[1]] = m[2] ?? '';
      left = left.slice(m[0].length);
    }
    return { name: name.toLowerCase(), attrs };
  });
}

describe('passage pages', () => {
  test('a page carries the preview tags: title = document and heading path, description = start of the passage, canonical URL', () => {
    const doc = { id: 'cv.md', title: 'Career', tags: [] };
    const text = 'Built a payment prediction model. '.repeat(20);
    const html = passagePage({ name: 'Ada', url: 'https://ada.github.io/notes/', themeColor: '#123456' }, doc, {
      id: 'abc123',
      headings: ['Career', 'Projects', 'Payments'],
      text,
      body: [],
    });
    const meta = Object.fromEntries(
      tags(html)
        .filter((t) => t.name === 'meta' && t.attrs.content !== undefined)
        .map((t) => [t.attrs.property ?? t.attrs.name ?? t.attrs['http-equiv'], t.attrs.content]),
    );
    expect(meta['og:title']).toBe('Career › Projects › Payments');
    expect(meta['og:site_name']).toBe('Ada');
    expect(meta['og:url']).toBe('https://ada.github.io/notes/p/abc123.html');
    expect(meta['twitter:card']).toBe('summary');
    expect(meta['og:description']).toMatch(/^Built a payment prediction model\. Built .*…$/);
    expect(meta['og:description'].length).toBeLessThanOrEqual(201);
    expect(meta['Content-Security-Policy']).toContain("script-src 'self'");
    expect(html).toContain('<link rel="canonical" href="https://ada.github.io/notes/p/abc123.html">');
    // The passage is readable without scripts, and a plain link opens it in the app (one folder up).
    expect(html).toContain('Built a payment prediction model.');
    expect(html).toContain('<a id="open" href="../#/passage/abc123">');
    // The only script is the external one.
    expect(tags(html).filter((t) => t.name === 'script')).toEqual([
      { name: 'script', attrs: { src: '../p/open.js', defer: '' } },
    ]);
  });

  test('titles and descriptions: a first heading repeating the title is left out; short text is kept whole', () => {
    expect(passageTitle({ id: 'a', title: 'Notes', tags: [] }, ['Notes', 'Week 1'])).toBe('Notes › Week 1');
    expect(passageDescription('  two\n\nlines  ')).toBe('two lines');
  });

  test('a hostile document: every tag on the page is the page’s own, every attribute well formed, text kept as typed', () => {
    const { doc, passages } = hostileDocument();
    const files = new Map(sitePages(SITE, { documents: [doc], passages }));
    const pages = [...files].filter(([file]) => file.endsWith('.html'));
    expect(pages.length).toBe(passages.length);
    const allowed = new Set([
      '!doctype',
      'html',
      '/html',
      'head',
      '/head',
      'meta',
      'title',
      '/title',
      'link',
      'script',
      '/script',
      'body',
      '/body',
      'header',
      '/header',
      'main',
      '/main',
      'p',
      '/p',
      'a',
      '/a',
      'article',
      '/article',
      'ul',
      '/ul',
      'li',
      '/li',
    ]);
    for (const [file, html] of pages) {
      const found = tags(html);
      expect(
        found.map((t) => t.name).filter((n) => !allowed.has(n)),
        file,
      ).toEqual([]);
      expect(found.filter((t) => t.name === 'script').length).toBe(1);
      expect(found.flatMap((t) => Object.keys(t.attrs)).filter((a) => a.startsWith('on'))).toEqual([]);
      const hrefs = found.filter((t) => t.name === 'a').map((t) => t.attrs.href);
      expect(hrefs.filter((h) => !/^(?:\.\.\/|https:\/\/)/.test(h))).toEqual([]);
      // What the corpus says is shown as characters, entities decoded back to what was typed.
      const title = found.find((t) => t.name === 'meta' && t.attrs.property === 'og:title')!.attrs.content;
      expect(title.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))).toContain(doc.title);
    }
    expect(doc.title).toContain('<script>');
  });

  test('one page per document (sharded indexes): an anchor per passage that opens it in the app, hostile text kept as text', () => {
    const { doc, passages } = hostileDocument();
    const other = { id: 'notes/other.md', title: 'Other', tags: [] };
    const all = [
      ...passages,
      { id: 'zz1', doc: 1, headings: ['Other', 'Part'], text: 'Second document.', tags: [], body: [] },
    ];
    const files = [...sitePages(SITE, { documents: [doc, other], passages: all }, 'document')];
    expect(files.map(([f]) => f)).toEqual([
      'p/open.js',
      'p/page.css',
      expect.stringMatching(/^p\/d\/[0-9a-z]{12}\.html$/),
      expect.stringMatching(/^p\/d\/[0-9a-z]{12}\.html$/),
    ]);
    const [, html] = files[2];
    const found = tags(html);
    const allowed = new Set([
      '!doctype',
      'html',
      '/html',
      'head',
      '/head',
      'meta',
      'title',
      '/title',
      'link',
      'script',
      '/script',
      'body',
      '/body',
      'header',
      '/header',
      'main',
      '/main',
      'p',
      '/p',
      'a',
      '/a',
      'article',
      '/article',
      'ul',
      '/ul',
      'li',
      '/li',
      'section',
      '/section',
      'code',
      '/code',
    ]);
    expect(found.map((t) => t.name).filter((n) => !allowed.has(n))).toEqual([]);
    expect(found.filter((t) => t.name === 'script')).toEqual([
      { name: 'script', attrs: { src: '../../p/open.js', defer: '' } },
    ]);
    expect(found.filter((t) => t.name === 'section').map((t) => t.attrs.id)).toEqual(passages.map((p) => p.id));
    expect(found.filter((t) => t.name === 'a' && t.attrs.class === 'open').map((t) => t.attrs.href)).toEqual(
      passages.map((p) => `../../#/passage/${p.id}`),
    );
    expect(found.find((t) => t.name === 'link' && t.attrs.rel === 'canonical')!.attrs.href).toBe(
      `${SITE.url}${files[2][0]}`,
    );
  });

  test('a link between documents is an anchor to the target page in either layout; a link to nothing is marked text', () => {
    const documents: DocumentInfo[] = [
      { id: 'a.md', title: 'A', tags: [] },
      { id: 'b.md', title: 'B', tags: [] },
    ];
    const link = (id: string, text: string): DisplayNode => ({
      type: 'element',
      tagName: 'a',
      properties: { dataPassage: id },
      children: [{ type: 'text', value: text }],
    });
    const body: DisplayNode[] = [
      {
        type: 'element',
        tagName: 'p',
        children: [
          link('b1', 'to b'),
          link('gone', 'to a passage not in the index'),
          link('"><script>', 'hostile id'),
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['unresolved'] },
            children: [{ type: 'text', value: 'missing' }],
          },
        ],
      },
    ];
    const passages = [
      { id: 'a1', doc: 0, headings: [], text: 'to b', body },
      { id: 'b1', doc: 1, headings: [], text: 'b', body: [] },
    ];
    const pages = new Map(sitePages(SITE, { documents, passages }, 'passage'));
    const a = pages.get('p/a1.html')!;
    expect(a).toContain('<a href="b1.html">to b</a>');
    expect(a).toContain(
      '<p><a href="b1.html">to b</a>to a passage not in the indexhostile id<span class="unresolved" title="Not in this site">missing</span></p>',
    );
    const sharded = new Map(
      sitePages(
        SITE,
        { documents, passages: passages.values(), rows: { ids: ['a1', 'b1'], docs: [0, 1] } },
        'document',
      ),
    );
    const b = documentPagePath('b.md').slice('p/d/'.length);
    expect(sharded.get(documentPagePath('a.md'))).toContain(`<a href="${b}#b1">to b</a>`);
  });

  test('passages whose id is not a passage id get no page', () => {
    const doc = { id: 'a.md', title: 'A', tags: [] };
    const files = [
      ...sitePages(SITE, {
        documents: [doc],
        passages: [
          { id: '../../evil', doc: 0, headings: [], text: 'x', body: [] },
          { id: 'ok1', doc: 0, headings: [], text: 'y', body: [] },
        ],
      }),
    ].map(([f]) => f);
    expect(files).toEqual(['p/open.js', 'p/page.css', 'p/ok1.html']);
  });
});

describe('p/open.js', () => {
  /** Where the script sends a reader of a page whose address ends in `hash`. */
  function opened(hash: string): string | null {
    let went: string | null = null;
    const location = { hash, replace: (href: string) => (went = href) };
    const open = { href: 'https://ada.github.io/notes/#/passage/abc' };
    const section = { querySelector: () => ({ href: 'https://ada.github.io/notes/#/passage/x%20y' }) };
    const document = { getElementById: (id: string) => (id === 'open' ? open : id === 'x y' ? section : null) };
    new Function('location', 'document', OPEN_SCRIPT)(location, document);
    return went;
  }

  test("goes on to the passage the address names, or the page's own", () => {
    expect(opened('#x%20y')).toBe('https://ada.github.io/notes/#/passage/x%20y');
    expect(opened('')).toBe('https://ada.github.io/notes/#/passage/abc');
  });

  test('still goes on to the app with a malformed hash (a link cut mid-escape)', () => {
    expect(opened('#%E0%A4%A')).toBe('https://ada.github.io/notes/#/passage/abc');
  });
});
