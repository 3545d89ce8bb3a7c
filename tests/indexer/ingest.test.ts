// Reading a corpus folder: every bad file is reported by name with its reason, every good file is indexed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  openSync,
  closeSync,
  ftruncateSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {
  readCorpus,
  decodeText,
  corpusVocabulary,
  corpusFingerprint,
  displayName,
  MAX_FILE_BYTES,
  type Corpus,
} from '../../src/indexer/ingest.ts';
import { FIXTURE_CORPUS, tempDir } from '../fixtures/helpers.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';

const GOOD = 'A perfectly ordinary note about sourdough starters, flour and water, long enough to be a passage.\n';

describe('readCorpus on a folder with bad files', () => {
  const { dir, cleanup } = tempDir('lantern-ingest-');
  let corpus: Corpus;
  let unreadableIsReadable = false;

  beforeAll(async () => {
    const w = (rel: string, data: string | Uint8Array) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), data);
    };
    w('good.md', GOOD);
    w('plain.txt', 'Plain text notes are indexed too: tyre pressure, chain oil and lights.\n');
    w('upper.MARKDOWN', '# Upper\n\nAn upper-case extension is still markdown.\n');
    w('bom.md', `\uFEFF# With BOM\n\nThe byte order mark is not part of the title.\n`);
    w('empty.md', '');
    w('blank.md', '  \n\n\t \n');
    w(
      'binary.md',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
    );
    w('controls.md', `text ${'\u0001\u0002\u0003'.repeat(10)} more`);
    w('latin1.md', new Uint8Array([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' au lait, encoded as Latin-1.\n')]));
    w('headings-only.md', '# Title\n\n## Nothing under it\n');
    w('comment-only.md', '<!-- a comment -->\n%% and an Obsidian one %%\n');
    w('ignored.png', 'not a document');
    w('.hidden.md', GOOD);
    w('.obsidian/workspace.md', GOOD);
    // Same file name in two folders: two documents with two ids.
    w('work/notes.md', '# Work\n\nMeeting notes about the quarterly roadmap and the hiring plan for the team.\n');
    w('home/notes.md', '# Home\n\nShopping list and the plan for repainting the kitchen before winter arrives.\n');
    // Over the size limit, created sparse (no 5 MB written to disk).
    const fd = openSync(path.join(dir, 'huge.md'), 'w');
    ftruncateSync(fd, MAX_FILE_BYTES + 1);
    closeSync(fd);
    // Unreadable (as root this may still be readable: checked below).
    w('locked.md', '# Locked\n\nA private note that the owner made unreadable for everyone.\n');
    chmodSync(path.join(dir, 'locked.md'), 0o000);
    try {
      readFileSync(path.join(dir, 'locked.md'));
      unreadableIsReadable = true;
    } catch {
      unreadableIsReadable = false;
    }
    // A symlink loop, a link to a folder already walked, a self-referencing link and a dangling link.
    mkdirSync(path.join(dir, 'loop'));
    w('loop/inside.md', '# Inside\n\nThe only real file inside the looping folder, indexed exactly once.\n');
    symlinkSync('..', path.join(dir, 'loop', 'parent'));
    symlinkSync(path.join(dir, 'work'), path.join(dir, 'work-link'));
    symlinkSync('self.md', path.join(dir, 'self.md'));
    symlinkSync('missing.md', path.join(dir, 'dangling.md'));
    corpus = await readCorpus(dir, DEFAULT_CHUNKING);
  });
  afterAll(() => {
    chmodSync(path.join(dir, 'locked.md'), 0o644);
    cleanup();
  });

  const reasonFor = (file: string) => corpus.rejected.find((r) => r.file === file)?.reason;
  const docIds = () => corpus.documents.map((d) => d.id);

  it('indexes every good file (.md, .markdown, .txt; any extension case), in sorted order', () => {
    const expected = [
      'bom.md',
      'good.md',
      'home/notes.md',
      'loop/inside.md',
      'plain.txt',
      'upper.MARKDOWN',
      'work/notes.md',
    ];
    for (const id of expected) expect(docIds()).toContain(id);
    expect([...docIds()].sort()).toEqual(docIds().slice().sort());
  });

  it('reports an empty file', () => expect(reasonFor('empty.md')).toBe('empty file'));
  it('reports a whitespace-only file', () => expect(reasonFor('blank.md')).toBe('no text (only whitespace)'));
  it('reports a binary file', () => expect(reasonFor('binary.md')).toMatch(/^binary file/));
  it('reports a text full of control characters as binary', () =>
    expect(reasonFor('controls.md')).toBe('binary file (control characters)'));
  it('reports a file that is not UTF-8', () => expect(reasonFor('latin1.md')).toBe('not valid UTF-8 text'));
  it('reports a file over the size limit without reading it', () =>
    expect(reasonFor('huge.md')).toMatch(/^too large \(5\.0 MB; the limit is 5 MB\)$/));
  it('reports a file with no visible text', () => expect(reasonFor('comment-only.md')).toMatch(/^no passages/));
  it('indexes a file with nothing but headings: its headings are its text', () => {
    expect(reasonFor('headings-only.md')).toBeUndefined();
    expect(
      corpus.passages.some((p) => corpus.documents[p.doc].id === 'headings-only.md' && /Nothing under it/.test(p.text)),
    ).toBe(true);
  });
  it('reports a self-referencing and a dangling symbolic link', () => {
    expect(reasonFor('self.md')).toBe('broken symbolic link');
    expect(reasonFor('dangling.md')).toBe('broken symbolic link');
  });

  it('reports an unreadable file, or indexes it when this user can read it anyway (root)', () => {
    if (unreadableIsReadable) {
      // Running as root: permission bits do not stop reads, so the file is simply indexed.
      expect(docIds()).toContain('locked.md');
      expect(reasonFor('locked.md')).toBeUndefined();
    } else {
      expect(reasonFor('locked.md')).toBe('cannot read (EACCES)');
      expect(docIds()).not.toContain('locked.md');
    }
  });

  it('walks a symlink loop once and a linked folder once', () => {
    expect(docIds().filter((id) => id.endsWith('inside.md'))).toEqual(['loop/inside.md']);
    expect(docIds().filter((id) => id.endsWith('notes.md') && id.includes('work'))).toHaveLength(1);
  });

  it('skips hidden files and folders, listing them; other extensions are not documents', () => {
    expect(docIds().some((id) => id.includes('hidden') || id.includes('.obsidian') || id.endsWith('.png'))).toBe(false);
    expect(corpus.rejected.some((r) => r.file.includes('.obsidian') || r.file.endsWith('.png'))).toBe(false);
    expect(corpus.hidden).toEqual(['.hidden.md', '.obsidian/']);
  });

  it('keeps two files of the same name in different folders apart', () => {
    const work = corpus.documents.findIndex((d) => d.id === 'work/notes.md');
    const home = corpus.documents.findIndex((d) => d.id === 'home/notes.md');
    expect(corpus.documents[work].title).toBe('Work');
    expect(corpus.documents[home].title).toBe('Home');
    const passageIds = corpus.passages.map((p) => p.id);
    expect(new Set(passageIds).size).toBe(passageIds.length);
    expect(corpus.passages.filter((p) => p.doc === work).map((p) => p.text)).toEqual([
      expect.stringContaining('quarterly roadmap'),
    ]);
  });

  it('strips a byte order mark', () => {
    expect(corpus.documents.find((d) => d.id === 'bom.md')?.title).toBe('With BOM');
  });

  it('gives every passage the position of its document', () => {
    for (const p of corpus.passages) expect(corpus.documents[p.doc]).toBeDefined();
    expect(new Set(corpus.passages.map((p) => p.doc)).size).toBe(corpus.documents.length);
  });

  it('names every rejected file once, by its path in the corpus', () => {
    const files = corpus.rejected.map((r) => r.file);
    expect(new Set(files).size).toBe(files.length);
    for (const f of files) expect(path.isAbsolute(f)).toBe(false);
  });
});

describe('readCorpus indexes only the folder it was given', () => {
  const { dir, cleanup } = tempDir('lantern-links-');
  const data = path.join(dir, 'data');
  const outside = path.join(dir, 'elsewhere');
  const w = (rel: string, text: string) => {
    mkdirSync(path.dirname(rel), { recursive: true });
    writeFileSync(rel, text);
  };
  // Linux names are bytes: 'caf\xe9.md' (Latin-1 é) and a folder '\xff' holding a note.
  const latin1Name = Buffer.concat([Buffer.from(path.join(data, 'caf')), Buffer.from([0xe9]), Buffer.from('.md')]);
  const badFolder = Buffer.concat([Buffer.from(data + path.sep), Buffer.from([0xff])]);

  beforeAll(() => {
    w(
      path.join(data, 'inside.md'),
      '# Inside\n\nA note that lives in the corpus folder, about the lighthouse keeper.\n',
    );
    w(
      path.join(data, 'sub/deeper.md'),
      '# Deeper\n\nA note in a sub-folder, about the harbour master and his logbook.\n',
    );
    w(
      path.join(outside, 'secret.md'),
      '# Secret\n\nA private note about the vault combination that lives outside the corpus.\n',
    );
    // Links outside: a system file, a folder elsewhere, a link to a link that ends outside, and `..` itself.
    symlinkSync('/etc/passwd', path.join(data, 'passwd.md'));
    symlinkSync(outside, path.join(data, 'elsewhere-link'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'hop.md'));
    symlinkSync(path.join(dir, 'hop.md'), path.join(data, 'via-hop.md'));
    symlinkSync('..', path.join(data, 'up'));
    // Links inside are followed (and a folder reached twice is walked once); a link outside that is no document is ignored.
    symlinkSync('sub', path.join(data, 'sub-link'));
    symlinkSync('inside.md', path.join(data, 'alias.md'));
    symlinkSync('/etc/hostname', path.join(data, 'hostname'));
    // Hidden folders and files: never read, but listed.
    w(path.join(data, '.obsidian/workspace.md'), '# Workspace\n\nEditor state, not a note.\n');
    w(path.join(data, '.git/HEAD'), 'ref: refs/heads/main\n');
    w(path.join(data, 'sub/.draft.md'), '# Draft\n\nA hidden draft.\n');
    w(path.join(data, 'sub/.DS_Store'), 'not a document');
    symlinkSync(outside, path.join(data, '.hidden-link'));
    writeFileSync(latin1Name, '# Café\n\nA note whose file name was written in Latin-1, about coffee with milk.\n');
    mkdirSync(badFolder);
    writeFileSync(
      Buffer.concat([badFolder, Buffer.from('/note.md')]),
      '# Odd folder\n\nA note in a folder whose name is a single invalid byte.\n',
    );
  });
  afterAll(cleanup);

  it('reports each link outside the folder by name and indexes nothing through it', async () => {
    const corpus = await readCorpus(data, DEFAULT_CHUNKING);
    const ids = corpus.documents.map((d) => d.id);
    expect(corpus.rejected.filter((r) => r.reason === 'links outside the folder').map((r) => r.file)).toEqual([
      'elsewhere-link',
      'passwd.md',
      'up',
      'via-hop.md',
    ]);
    expect(ids.some((id) => /passwd|elsewhere|secret|hop|up\//.test(id))).toBe(false);
    const text = corpus.passages.map((p) => p.text).join('\n');
    expect(text).not.toMatch(/root:|vault combination/);
    // Links inside still work; a folder reached by two paths is indexed once.
    expect(ids).toContain('alias.md');
    expect(ids.filter((id) => id.endsWith('deeper.md'))).toHaveLength(1);
    // A link outside whose name is not a document name would not be indexed anyway: not reported.
    expect(corpus.rejected.some((r) => r.file === 'hostname')).toBe(false);
  });

  it('follows links outside the folder when asked to', async () => {
    const corpus = await readCorpus(data, DEFAULT_CHUNKING, { followOutsideLinks: true });
    const ids = corpus.documents.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['elsewhere-link/secret.md', 'passwd.md', 'via-hop.md']));
    expect(corpus.rejected.filter((r) => r.reason === 'links outside the folder')).toEqual([]);
    // The fingerprint sees what the build read: a change behind a followed link makes the index stale.
    const before = await corpusFingerprint(data, { followOutsideLinks: true });
    const unfollowed = await corpusFingerprint(data);
    writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\nChanged.\n');
    expect(await corpusFingerprint(data, { followOutsideLinks: true })).not.toBe(before);
    expect(await corpusFingerprint(data)).toBe(unfollowed);
  });

  it('lists hidden files and folders it skipped (ones that would have been read), reading none of them', async () => {
    const corpus = await readCorpus(data, DEFAULT_CHUNKING);
    expect(corpus.hidden).toEqual(['.git/', '.hidden-link/', '.obsidian/', 'sub/.draft.md']);
    expect(corpus.documents.some((d) => d.id.includes('/.') || d.id.startsWith('.'))).toBe(false);
    expect(corpus.rejected.some((r) => r.file.includes('.git') || r.file.includes('.DS_Store'))).toBe(false);
  });

  it('indexes a file whose name is not valid UTF-8 under a name showing the bytes, with a warning', async () => {
    const corpus = await readCorpus(data, DEFAULT_CHUNKING);
    const ids = corpus.documents.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['caf%E9.md', '%FF/note.md']));
    expect(corpus.documents.find((d) => d.id === 'caf%E9.md')?.title).toBe('Café');
    expect(corpus.rejected.filter((r) => /ENOENT|UTF-8/.test(r.reason))).toEqual([]);
    expect(corpus.warnings.map((w) => w.file).sort()).toEqual(['%FF/note.md', 'caf%E9.md']);
    for (const w of corpus.warnings)
      expect(w.reason).toBe('file name is not valid UTF-8: indexed with %XX for each byte that is not');
  });

  it('rejects, with that reason, an invalid name whose shown name another file already has', async () => {
    const { dir: clash, cleanup: done } = tempDir('lantern-name-clash-');
    try {
      writeFileSync(
        path.join(clash, 'caf%E9.md'),
        '# Literal\n\nA file really named with a percent sign and two letters.\n',
      );
      writeFileSync(
        Buffer.concat([Buffer.from(path.join(clash, 'caf')), Buffer.from([0xe9]), Buffer.from('.md')]),
        '# Latin-1\n\nA file whose name has the Latin-1 byte for é in it.\n',
      );
      const corpus = await readCorpus(clash, DEFAULT_CHUNKING);
      expect(corpus.documents.map((d) => d.title)).toEqual(['Literal']);
      expect(corpus.rejected).toEqual([
        { file: 'caf%E9.md', reason: 'file name is not valid UTF-8 (and its shown name is taken by another file)' },
      ]);
    } finally {
      done();
    }
  });
});

describe('displayName', () => {
  it('keeps valid UTF-8 as it is and escapes only the bytes that are not', () => {
    expect(displayName(Buffer.from('東京 notes 😀.md'))).toBe('東京 notes 😀.md');
    expect(displayName(Buffer.from([0x61, 0xe9, 0x62]))).toBe('a%E9b');
    // Truncated, overlong, surrogate and lone continuation sequences; valid characters around them survive.
    expect(displayName(Buffer.from([0xe2, 0x82, 0x41, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x80, 0xc3, 0xa9]))).toBe(
      '%E2%82A%C0%AF%ED%A0%80%80é',
    );
  });
});

describe('readCorpus warnings and ids', () => {
  it('indexes a document with invalid front matter and warns about it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(
        path.join(dir, 'broken.md'),
        '---\ntitle: [oops\n---\nThe body is still worth indexing for search.\n',
      );
      const corpus = await readCorpus(dir, DEFAULT_CHUNKING);
      expect(corpus.documents.map((d) => d.id)).toEqual(['broken.md']);
      expect(corpus.warnings).toEqual([
        { file: 'broken.md', reason: expect.stringMatching(/front matter is not valid YAML/) },
      ]);
      expect(corpus.rejected).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('keeps the passage ids of a document when another document changes, is added or is removed', async () => {
    const { dir, cleanup } = tempDir();
    try {
      cpSync(FIXTURE_CORPUS, dir, { recursive: true });
      const idsOf = (c: Corpus, doc: string) =>
        c.passages.filter((p) => c.documents[p.doc].id === doc).map((p) => p.id);
      const before = await readCorpus(dir, DEFAULT_CHUNKING);
      const sourdough = idsOf(before, 'baking/sourdough.md');
      const cycling = idsOf(before, 'cycling.txt');
      expect(sourdough.length).toBeGreaterThan(1);

      const tomatoes = path.join(dir, 'garden/tomatoes.md');
      writeFileSync(
        tomatoes,
        `${readFileSync(tomatoes, 'utf8').replace('six to eight hours', 'at least eight hours')}\n## Seeds\n\nSave seeds from the best fruit every autumn.\n`,
      );
      writeFileSync(path.join(dir, 'aaa-first.md'), '# First\n\nA new document that sorts before all the others.\n');
      const after = await readCorpus(dir, DEFAULT_CHUNKING);
      expect(idsOf(after, 'baking/sourdough.md')).toEqual(sourdough);
      expect(idsOf(after, 'cycling.txt')).toEqual(cycling);
      // The edited document did change.
      expect(idsOf(after, 'garden/tomatoes.md')).not.toEqual(idsOf(before, 'garden/tomatoes.md'));
    } finally {
      cleanup();
    }
  });
});

describe('decodeText', () => {
  it('accepts UTF-8 with any script and emoji', () => {
    expect(decodeText(new TextEncoder().encode('中文 русский 😀 é'))).toEqual({ text: '中文 русский 😀 é' });
  });
  it('tolerates a few control characters (form feeds, stray escapes) in prose', () => {
    expect(decodeText(new TextEncoder().encode(`Page one\fPage two \u001b[0m`))).toHaveProperty('text');
  });
  it('rejects a NUL byte even late in the first 8 KB', () => {
    const bytes = new TextEncoder().encode(`${'a'.repeat(8000)}\u0000`);
    expect(decodeText(bytes)).toEqual({ reason: 'binary file (contains NUL bytes)' });
  });
});

describe('corpusVocabulary', () => {
  it('lists every word of titles, headings and passages once', async () => {
    const corpus = await readCorpus(FIXTURE_CORPUS, DEFAULT_CHUNKING);
    const vocabulary = corpusVocabulary(corpus);
    expect(new Set(vocabulary).size).toBe(vocabulary.length);
    for (const w of ['sourdough', 'notes', 'starter', 'feeding', 'tomatoes', 'pruning', 'tyre', 'cycling'])
      expect(vocabulary).toContain(w);
  });
});
