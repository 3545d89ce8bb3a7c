// Markdown cleaning: what survives into a passage's text and display tree. Passages are shown by the app
// (and printed by the CLI) from these; nothing in a document may turn into live markup there.
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../src/indexer/document/chunking.ts';
import { MAX_DEPTH, parseMarkdown, safeUrl } from '../../../src/indexer/document/markdown.ts';
import { elements, displayText, codeText } from '../../fixtures/helpers.ts';

const passagesOf = (source: string) => chunkDocument('hostile.md', source, { maxWords: 400, minWords: 1 }).passages;

/** Everything a document can show: each passage's plain text and the text of its display tree. */
function shownText(source: string): string[] {
  return passagesOf(source).flatMap((p) => [p.text, displayText(p.body)]);
}

// Raw HTML in every position remark knows: blocks, inline, inside lists, quotes, tables, split tags, odd case.
const RAW_SCRIPT_DOCS = [
  '<script>alert(1)</script>',
  '<SCRIPT type="text/javascript">\nalert(1)\n</SCRIPT >',
  '<div><script>alert(1)</script></div>',
  'Inline <script>alert(1)</script> in a paragraph.',
  'Split <scr<script>ipt>alert(1)</script> tag.',
  'Split <scr<b>ipt>alert(1)</b> tag.',
  '<<b>script>alert(1)',
  '- item <script>alert(1)</script>\n- <script src="https://evil.test/x.js"></script>',
  '> quoted\n> <script>alert(1)</script>',
  '| a | b |\n|---|---|\n| <script>alert(1)</script> | x |',
  '<svg onload=alert(1)><script>alert(1)</script></svg>',
  '<template><script>alert(1)</script></template>',
  '<script>\nunclosed until the end of the document',
  '<iframe src="https://ok.test/embed" title="<script>alert(1)</script>"></iframe>',
  '<iframe src="javascript:alert(1)" title="x"></iframe>',
  '<!-- <script>alert(1)</script> -->Comment before text',
  '# <script>alert(1)</script> Heading\n\nBody.',
  '**<script>alert(1)</script>:**\n\nBody under a bold heading.',
];

describe('raw HTML never survives as markup', () => {
  it.each(RAW_SCRIPT_DOCS)('%j', (source) => {
    for (const p of passagesOf(source)) {
      for (const el of elements(p.body)) {
        expect([
          'script',
          'iframe',
          'style',
          'svg',
          'template',
          'object',
          'embed',
          'img',
          'form',
          'input',
        ]).not.toContain(el.tagName);
        for (const [key, value] of Object.entries(el.properties ?? {})) {
          expect(key.toLowerCase().startsWith('on'), `${el.tagName}.${key}`).toBe(false);
          if (key === 'href' || key === 'src') expect(String(value)).toMatch(/^(https?:|mailto:)/i);
        }
      }
      // Not as markup, and not as text that reads as a tag once printed or pasted somewhere that parses HTML
      // (HTML reads "<" as a tag only when a tag name follows it directly).
      for (const text of [p.text, displayText(p.body), ...p.headings]) expect(text).not.toMatch(/<\/?script/i);
    }
  });

  it('keeps the readable text around removed tags', () => {
    expect(shownText('Before <script>alert(1)</script> after.')[0]).toMatch(/^Before .*after\.$/);
    expect(passagesOf('<div class="note">\n\nKeep this sentence.\n\n</div>')[0].text).toBe('Keep this sentence.');
  });

  it('separates words where a tag stood, but not around inline formatting', () => {
    expect(passagesOf('first<br>second and third<br/>fourth')[0].text).toBe('first second and third fourth');
    expect(passagesOf('Water is H<sub>2</sub>O, <b>bold</b>ly.')[0].text).toBe('Water is H2O, boldly.');
  });

  it('shows escaped markup and code as literal text, never as elements', () => {
    const [escaped] = passagesOf('Writing &lt;script&gt;alert(1)&lt;/script&gt; in a note about XSS.');
    expect(escaped.text).toContain('<script>alert(1)</script>');
    expect(elements(escaped.body).map((e) => e.tagName)).toEqual(['p']);
    const [code] = passagesOf('Use `<script>` tags:\n\n```html\n<script src="app.js"></script>\n```');
    expect(codeText(code.body)).toContain('<script src="app.js"></script>');
    expect(elements(code.body).map((e) => e.tagName)).not.toContain('script');
  });
});

describe('embeds and links', () => {
  it('turns an <iframe> into a link to its source, titled by its title', () => {
    const [p] = passagesOf(
      '<iframe width="560" src="https://www.youtube.com/embed/abc" title="Talk &amp; demo" allowfullscreen></iframe>',
    );
    const links = elements(p.body).filter((e) => e.tagName === 'a');
    expect(links).toHaveLength(1);
    expect(links[0].properties?.href).toBe('https://www.youtube.com/embed/abc');
    expect(displayText(links[0].children)).toBe('Talk & demo');
    expect(p.text).toBe('Talk & demo');
  });

  it('leaves an entity named like an Object.prototype key as written', () => {
    const [p] = passagesOf('<iframe src="https://ok.test/embed" title="&constructor; &toString; &amp;"></iframe>');
    expect(p.text).toBe('&constructor; &toString; &');
  });

  it('keeps an untitled embed as a link', () => {
    const [p] = passagesOf("<iframe src='https://player.test/v/1'></iframe>");
    expect(elements(p.body).find((e) => e.tagName === 'a')?.properties?.href).toBe('https://player.test/v/1');
  });

  it('drops javascript:, data: and relative links but keeps their text (a link to a document waits to be resolved)', () => {
    const [p] = passagesOf(
      '[one](javascript:alert(1)) [two](JAVASCRIPT:alert(1)) [three]( javascript:alert(1)) [four](data:text/html,hi) [five](../secret.md) [six](https://ok.test/) [seven](mailto:me@ok.test) [eight](../src/main.rs)',
    );
    const links = elements(p.body).filter((e) => e.tagName === 'a');
    expect(links.map((e) => e.properties?.href).filter(Boolean)).toEqual(['https://ok.test/', 'mailto:me@ok.test']);
    expect(links.filter((e) => !e.properties?.href).map((e) => e.properties)).toEqual([
      { dataLinkKind: 'path', dataLinkPath: '../secret.md', dataLinkHeading: '' },
    ]);
    expect(p.text).toBe('one two three four five six seven eight');
  });

  it('resolves reference-style links through their definitions, with the same URL rules', () => {
    const [p] = passagesOf(
      'See [the docs][d] and [that][evil] and ![diagram][img].\n\n[d]: https://docs.test/page\n[evil]: javascript:alert(1)\n[img]: https://img.test/a.png',
    );
    const links = elements(p.body).filter((e) => e.tagName === 'a');
    expect(links.map((a) => [a.properties?.href, displayText(a.children)])).toEqual([
      ['https://docs.test/page', 'the docs'],
    ]);
    expect(displayText(p.body)).toBe('See the docs and that and diagram.');
    expect(p.text).toBe('See the docs and that and diagram.');
  });

  it('shows images as their alt text and never loads them', () => {
    const [p] = passagesOf('A chart: ![monthly sales](https://img.test/chart.png) and ![](https://img.test/x.png).');
    expect(elements(p.body).map((e) => e.tagName)).not.toContain('img');
    expect(p.text).toBe('A chart: monthly sales and .');
  });

  it('shows footnotes where they are written, without in-page anchors', () => {
    const [p] = passagesOf('A claim that needs a source[^1].\n\n[^1]: The source, page 12.');
    for (const el of elements(p.body))
      if (el.properties?.href !== undefined) expect(String(el.properties.href)).toMatch(/^(https?:|mailto:)/);
    expect(p.text).toContain('A claim that needs a source[1].');
    expect(p.text).toContain('[1] The source, page 12.');
  });

  it('safeUrl accepts only web and mail URLs', () => {
    expect(safeUrl(' https://a.test ')).toBe('https://a.test');
    expect(safeUrl('HTTP://a.test')).toBe('HTTP://a.test');
    expect(safeUrl('mailto:x@y.test')).toBe('mailto:x@y.test');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'vbscript:x',
      'data:text/html,x',
      'file:///etc/passwd',
      '//evil.test',
      '#frag',
      'page.md',
      '',
      null,
      undefined,
    ]) {
      expect(safeUrl(bad)).toBeNull();
    }
  });
});

describe('parseMarkdown', () => {
  it('collects front matter and #tags, and reports invalid front matter', () => {
    const good = parseMarkdown('---\ntitle: "  Padded  "\ntag: solo\n---\nText #inline here.');
    expect(good.title).toBe('Padded');
    expect(good.frontMatterTags).toEqual(['solo']);
    expect(good.tags.sort()).toEqual(['inline', 'solo']);
    expect(good.warnings).toEqual([]);

    const bad = parseMarkdown('---\n: : :\n  - [\n---\nText.');
    expect(bad.warnings).toEqual([expect.stringMatching(/^front matter is not valid YAML \(.+\); it was ignored$/)]);
    expect(bad.title).toBeNull();
  });

  it('ignores front matter that is not a mapping', () => {
    const list = parseMarkdown('---\n- a\n- b\n---\nText.');
    expect(list.title).toBeNull();
    expect(list.tags).toEqual([]);
    expect(list.warnings).toEqual([]);
  });

  it('reads CRLF line endings like LF', () => {
    const lf = chunkDocument('x.md', '# T\n\n## A\n\nSome text here.\n\n- one\n- two\n');
    const crlf = chunkDocument('x.md', '# T\r\n\r\n## A\r\n\r\nSome text here.\r\n\r\n- one\r\n- two\r\n');
    expect(crlf.passages).toEqual(lf.passages);
  });
});

describe('structure too deep for the app', () => {
  const depthOf = (nodes: ReturnType<typeof passagesOf>[number]['body']): number =>
    nodes.reduce((max, node) => Math.max(max, node.type === 'element' ? 1 + depthOf(node.children) : 0), 0);

  it('a list nested 700 levels deep on one line keeps its text in a passage the app can open (postMessage copies it)', () => {
    const source = `# Deep\n\n${'- '.repeat(700)}bottom word\n\nAfter the list.\n`;
    const { passages, warnings } = chunkDocument('deep.md', source, { maxWords: 400, minWords: 1 });
    const all = passages.map((p) => p.text).join('\n');
    expect(all).toContain('bottom word');
    expect(all).toContain('After the list.');
    expect(warnings.some((w) => w.includes('flattened'))).toBe(true);
    for (const p of passages) {
      expect(depthOf(p.body)).toBeLessThan(3 * MAX_DEPTH);
      expect(() => structuredClone(p.body)).not.toThrow();
    }
  });

  it('structure within the limit is left as it is', () => {
    const { passages, warnings } = chunkDocument('nested.md', '# N\n\n- a\n  - b\n    - c deep item\n', {
      maxWords: 400,
      minWords: 1,
    });
    expect(warnings.some((w) => w.includes('flattened'))).toBe(false);
    expect(elements(passages[0].body).filter((e) => e.tagName === 'ul')).toHaveLength(3);
  });
});
