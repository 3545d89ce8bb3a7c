// Links between documents: each link of a corpus leads to the passage a reader expects (a note, its heading, the
// same note's heading), found by name as Obsidian finds notes or by relative path as mdBook writes them; a link to
// nothing stays text marked as such; hostile names resolve to nothing and never to a URL; backlinks and titles.
import { afterAll, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/indexer/document/chunking.ts';
import { linkDocuments } from '../../src/indexer/links.ts';
import { readFolders } from '../../src/indexer/folders.ts';
import { checkedDocuments } from '../../src/core/index-format/documents.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { displayText, elements, tempDir } from '../fixtures/helpers.ts';
import { writeVault } from '../fixtures/vault.ts';

interface Built {
  documents: DocumentInfo[];
  passages: Passage[];
  report: ReturnType<typeof linkDocuments>;
}

function build(files: Record<string, string>): Built {
  const documents: DocumentInfo[] = [];
  const passages: Passage[] = [];
  for (const [id, text] of Object.entries(files)) {
    const chunked = chunkDocument(id, text);
    documents.push({ id, title: chunked.title, tags: chunked.tags });
    for (const p of chunked.passages) passages.push({ ...p, doc: documents.length - 1 });
  }
  return { documents, passages, report: linkDocuments(documents, passages) };
}

/** Each link of document `id` as a reader meets it: its text, and where it leads ("doc.md › heading path") or null. */
function linksOf(
  { documents, passages }: Pick<Built, 'documents' | 'passages'>,
  id: string,
): [string, string | null][] {
  const doc = documents.findIndex((d) => d.id === id);
  const byId = new Map(passages.map((p) => [p.id, p]));
  return passages
    .filter((p) => p.doc === doc)
    .flatMap((p) => elements(p.body))
    .filter((e) => (e.tagName === 'a' && e.properties?.dataPassage) || e.tagName === 'span')
    .map((e) => {
      const text = displayText(e.children).replace(/\s+/g, ' ');
      if (e.tagName === 'span') return [text, null];
      const target = byId.get(String(e.properties?.dataPassage))!;
      return [text, [documents[target.doc].id, ...target.headings].join(' › ')];
    });
}

const section = (topic: string) =>
  `Words about ${topic} that fill a passage of its own, long enough that it is not merged into the one before, ` +
  `with a second sentence on ${topic} to be sure it stands apart from its neighbours in the document.`;

const NOTE = `# Note\n\n${section('the start')}\n\n## Second Part\n\n${section('the second part')}\n\n### Stack-Only Data: Copy\n\n${section('copying')}\n`;

describe('links between documents', () => {
  it('a wiki link leads to the note, with or without its extension and in any case; an alias is its text', () => {
    const built = build({
      'Note.md': NOTE,
      'a.md': 'See [[Note]], [[note.md]], [[NOTE]] and [[Note|the note]].',
    });
    expect(linksOf(built, 'a.md')).toEqual([
      ['Note', 'Note.md'],
      ['note.md', 'Note.md'],
      ['NOTE', 'Note.md'],
      ['the note', 'Note.md'],
    ]);
  });

  it("a heading link leads to that heading's passage, also in the same note; an unknown heading to the note's start", () => {
    const built = build({
      'Note.md': `${NOTE}\nBack to [[#Second Part]].\n`,
      'a.md': 'See [[Note#Second Part]], [[Note#second part|lower case]], [[Note#Nope]] and [[Note#^block-id]].',
    });
    expect(linksOf(built, 'a.md')).toEqual([
      ['Note › Second Part', 'Note.md › Second Part'],
      ['lower case', 'Note.md › Second Part'],
      ['Note › Nope', 'Note.md'],
      ['Note', 'Note.md'],
    ]);
    expect(linksOf(built, 'Note.md')).toEqual([['Second Part', 'Note.md › Second Part']]);
    expect(built.report).toEqual({ resolved: 5, unresolved: 0, headingMissing: 1 });
  });

  it('an embed links to the embedded note; an embedded image is no link', () => {
    const built = build({ 'Note.md': NOTE, 'a.md': 'Here: ![[Note]] and ![[photo.png]] and ![[chart.png|A chart]].' });
    expect(linksOf(built, 'a.md')).toEqual([['Note', 'Note.md']]);
    expect(displayText(built.passages.find((p) => p.doc === 1)!.body)).toBe('Here: Note and  and A chart.');
  });

  it('relative markdown links and mdBook .html links lead to the document and the heading they name', () => {
    const built = build({
      'book/ch04-01-what-is-ownership.md': NOTE,
      'book/ch05.md': [
        'See [copying](ch04-01-what-is-ownership.html#stack-only-data-copy),',
        '[ownership](./ch04-01-what-is-ownership.md), [from the root](/book/ch04-01-what-is-ownership.md#second-part),',
        `[a reference][ref], [on this page](#more) and [outside](../../etc/passwd.md). ${section('links')}\n`,
        `## More\n\n${section('more')}\n`,
        '[ref]: ch04-01-what-is-ownership.html#second-part',
      ].join('\n'),
      'notes/x.md': 'Up: [the chapter](../book/ch05.md#more), [by name](ch05.md).',
    });
    expect(linksOf(built, 'book/ch05.md')).toEqual([
      ['copying', 'book/ch04-01-what-is-ownership.md › Second Part › Stack-Only Data: Copy'],
      ['ownership', 'book/ch04-01-what-is-ownership.md'],
      ['from the root', 'book/ch04-01-what-is-ownership.md › Second Part'],
      ['a reference', 'book/ch04-01-what-is-ownership.md › Second Part'],
      ['on this page', 'book/ch05.md › More'],
      ['outside', null],
    ]);
    // A link without a folder falls back to the file name (Obsidian writes the shortest form it can).
    expect(linksOf(built, 'notes/x.md')).toEqual([
      ['the chapter', 'book/ch05.md › More'],
      ['by name', 'book/ch05.md'],
    ]);
  });

  it('a link to nothing in the corpus stays its text, marked unresolved; web links stay links', () => {
    const built = build({
      'a.md':
        'See [[Missing note]], [[Missing|an alias]], [the std](../std/index.html) and [web](https://example.org).',
    });
    expect(linksOf(built, 'a.md')).toEqual([
      ['Missing note', null],
      ['an alias', null],
      ['the std', null],
    ]);
    const spans = elements(built.passages[0].body).filter((e) => e.tagName === 'span');
    expect(spans.every((s) => JSON.stringify(s.properties) === '{"className":["unresolved"]}')).toBe(true);
    expect(elements(built.passages[0].body).find((e) => e.properties?.href)?.properties).toEqual({
      href: 'https://example.org',
    });
    expect(built.report).toEqual({ resolved: 0, unresolved: 3, headingMissing: 0 });
  });

  it('a name two notes share goes to the one in the same folder, else to the one nearest the root', () => {
    const built = build({
      'deep/er/Note.md': '# Deep\n\nThe deep one.',
      'guides/Note.md': '# Guide\n\nThe guide.',
      'deep/er/a.md': '[[Note]]',
      'b.md': '[[Note]] and [[er/Note]]',
    });
    expect(linksOf(built, 'deep/er/a.md')).toEqual([['Note', 'deep/er/Note.md']]);
    expect(linksOf(built, 'b.md')).toEqual([
      ['Note', 'guides/Note.md'],
      ['er/Note', 'deep/er/Note.md'],
    ]);
  });

  it('hostile names resolve to nothing (or to a note really so named) and never become a URL', () => {
    const built = build({
      'a.md': [
        '[[__proto__]] [[constructor]] [[toString]] [[hasOwnProperty#__proto__]]',
        '[[javascript:alert(1)]] [x](javascript:alert(1)) [y](JAVASCRIPT:alert(1).md) [z](data:text/html,hi.md)',
        '[w](//evil.example/x.md) [[Note#constructor]] [[Note#__proto__|p]]',
      ].join('\n'),
      'Note.md': NOTE,
      'valueOf.md': '# valueOf\n\nA note really named valueOf. [[valueOf]]',
    });
    expect(linksOf(built, 'a.md')).toEqual([
      ['__proto__', null],
      ['constructor', null],
      ['toString', null],
      ['hasOwnProperty › __proto__', null],
      ['javascript:alert(1)', null],
      ['Note › constructor', 'Note.md'],
      ['p', 'Note.md'],
    ]);
    expect(linksOf(built, 'valueOf.md')).toEqual([['valueOf', 'valueOf.md']]);
    // Nothing from the corpus is an attribute: links carry only a passage id of the index, web links an http(s) URL.
    const ids = new Set(built.passages.map((p) => p.id));
    for (const e of built.passages.flatMap((p) => elements(p.body))) {
      for (const [key, value] of Object.entries(e.properties ?? {})) {
        if (key === 'dataPassage') expect(ids.has(String(value))).toBe(true);
        else if (key === 'className') expect(value).toEqual(['unresolved']);
        else throw new Error(`unexpected property ${key}=${String(value)} on <${e.tagName}>`);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a wiki link inside a web link's text is text, never an anchor in an anchor", () => {
    const built = build({ 'Note.md': NOTE, 'a.md': 'A [site about [[Note]]](https://example.org) here.' });
    const anchors = elements(built.passages.find((p) => p.doc === 1)!.body).filter((e) => e.tagName === 'a');
    expect(anchors).toHaveLength(1);
    expect(elements(anchors[0].children)).toHaveLength(0);
  });
});

describe('linked from', () => {
  it('each document lists the other documents linking to it once, in corpus order, with their first linking passage', () => {
    const built = build({
      'Note.md': `${NOTE}\nItself: [[Note]] and [[#Second Part]].\n`,
      'b.md': `# B\n\n${section('b')} [[Note]]\n\n## Later\n\n${section('later')} [[Note#Second Part]]`,
      'a.md': 'One link to [[Note]] and one to [[b]].',
      'c.md': 'Nothing here.',
    });
    const { documents, passages } = built;
    const first = (doc: number) => passages.find((p) => p.doc === doc)!.id;
    expect(documents[0].linkedFrom).toEqual([
      { doc: 1, passage: first(1) },
      { doc: 2, passage: first(2) },
    ]);
    expect(documents[1].linkedFrom).toEqual([{ doc: 2, passage: first(2) }]);
    expect(documents[2].linkedFrom).toBeUndefined();
    expect(documents[3].linkedFrom).toBeUndefined();
  });

  it('an index keeps only backlinks that name another document and one of its passages; one without any reads as before', () => {
    const documents: DocumentInfo[] = [
      {
        id: 'a.md',
        title: 'A',
        tags: [],
        linkedFrom: [
          { doc: 1, passage: 'p2' },
          { doc: 1, passage: 'p1' }, // a passage of another document
          { doc: 0, passage: 'p1' }, // itself
          { doc: 9, passage: 'p3' },
          { doc: 1, passage: 'nope' },
          null as never,
        ],
      },
      { id: 'b.md', title: 'B', tags: [], linkedFrom: 'x' as never },
      { id: 'c.md', title: 'C', tags: [] },
    ];
    expect(checkedDocuments(documents, ['p1', 'p2', 'p3'], [0, 1, 2])).toEqual([
      { id: 'a.md', title: 'A', tags: [], linkedFrom: [{ doc: 1, passage: 'p2' }] },
      { id: 'b.md', title: 'B', tags: [] },
      { id: 'c.md', title: 'C', tags: [] },
    ]);
    const before = [{ id: 'a.md', title: 'A', tags: [] }];
    expect(checkedDocuments(before, ['p1'], [0])).toBe(before);
  });
});

describe('titles', () => {
  const title = (id: string, text: string) => chunkDocument(id, text, DEFAULT_CHUNKING).title;
  it('front matter title, else the first h1, else the heading the document opens with, else the file name', () => {
    expect(title('x.md', '---\ntitle: From YAML\n---\n# Heading one\n\nText.')).toBe('From YAML');
    expect(title('x.md', 'Some text first.\n\n## Two\n\n# The h1\n\nText.')).toBe('The h1');
    expect(title('ch04-01-what-is-ownership.md', '## What Is Ownership?\n\n_Ownership_ is a set of rules.')).toBe(
      'What Is Ownership?',
    );
    expect(title('notes/my-daily_note.md', 'Just text, no heading.')).toBe('My daily note');
    // A section's heading after the note's introduction is not its title (Obsidian's notes are named by their file).
    expect(
      title('Plugins/Command palette.md', 'Run any command from the keyboard.\n\n## Pinned commands\n\nPin some.'),
    ).toBe('Command palette');
  });
});

describe('an Obsidian-style vault', () => {
  const { dir, cleanup } = tempDir('lantern-vault-');
  afterAll(cleanup);

  it('every link leads where Obsidian would go; the missing note is marked; backlinks and titles follow', async () => {
    const corpus = await readFolders([writeVault(dir)], DEFAULT_CHUNKING);
    expect(corpus.links).toEqual({ resolved: 14, unresolved: 1, headingMissing: 0 });
    expect(linksOf(corpus, 'Home.md')).toEqual([
      // The note's h1 is its title: its first passage is under its first section.
      ['Internal links', 'Internal links.md › Link to a file'],
      ['how heading links work', 'Internal links.md › Link to a heading'],
      ['internal LINKS', 'Internal links.md › Link to a file'],
      ['Internal links.md', 'Internal links.md › Link to a file'],
      ['Embedded note', 'Embedded note.md'],
      ['Deep note', 'Folders/Deep note.md'],
      ['the deep note by path', 'Folders/Deep note.md'],
      ['Note', 'Guides/Note.md'],
      ['the setup guide', 'Guides/Setup.md › Setting up › Install the app'],
      ['Missing note', null],
    ]);
    expect(linksOf(corpus, 'Folders/Deep note.md')).toEqual([['Setup › Sync', 'Guides/Setup.md › Setting up › Sync']]);
    expect(linksOf(corpus, 'Guides/Setup.md')).toEqual([['home note', 'Home.md']]);
    const title = (id: string) => corpus.documents.find((d) => d.id === id)!;
    expect(title('Home.md').title).toBe('Welcome to the vault');
    expect(title('Guides/Setup.md').title).toBe('Setting up');
    expect(title('Embedded note.md').title).toBe('Embedded note');
    const from = (id: string) => (title(id).linkedFrom ?? []).map((l) => corpus.documents[l.doc].id);
    expect(from('Home.md')).toEqual(['Guides/Setup.md', 'Internal links.md']);
    expect(from('Internal links.md')).toEqual(['Home.md']);
    expect(from('Guides/Setup.md')).toEqual(['Folders/Deep note.md', 'Home.md']);
    expect(from('Archive/Old/Note.md')).toEqual([]);
  });
});
