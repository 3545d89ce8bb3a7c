// Reading a corpus folder: every bad file is reported by name with its reason, every good file is indexed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, cpSync, mkdirSync, openSync, closeSync, ftruncateSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCorpus, decodeText, corpusVocabulary, MAX_FILE_BYTES, type Corpus } from '../../src/indexer/ingest.ts';
import { DEFAULT_CHUNKING } from '../../src/core/chunking.ts';
import { FIXTURE_CORPUS, tempDir } from '../fixtures/helpers.ts';

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
    w('binary.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]));
    w('controls.md', `text ${'\u0001\u0002\u0003'.repeat(10)} more`);
    w('latin1.md', new Uint8Array([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' au lait, encoded as Latin-1.\n')]));
    w('headings-only.md', '# Title\n\n## Nothing under it\n');
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
    const expected = ['bom.md', 'good.md', 'home/notes.md', 'loop/inside.md', 'plain.txt', 'upper.MARKDOWN', 'work/notes.md'];
    for (const id of expected) expect(docIds()).toContain(id);
    expect([...docIds()].sort()).toEqual(docIds().slice().sort());
  });

  it('reports an empty file', () => expect(reasonFor('empty.md')).toBe('empty file'));
  it('reports a whitespace-only file', () => expect(reasonFor('blank.md')).toBe('no text (only whitespace)'));
  it('reports a binary file', () => expect(reasonFor('binary.md')).toMatch(/^binary file/));
  it('reports a text full of control characters as binary', () => expect(reasonFor('controls.md')).toBe('binary file (control characters)'));
  it('reports a file that is not UTF-8', () => expect(reasonFor('latin1.md')).toBe('not valid UTF-8 text'));
  it('reports a file over the size limit without reading it', () => expect(reasonFor('huge.md')).toMatch(/^too large \(5\.0 MB; the limit is 5 MB\)$/));
  it('reports a file with nothing but headings', () => expect(reasonFor('headings-only.md')).toMatch(/^no passages/));
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

  it('skips hidden files and folders and other extensions silently', () => {
    expect(docIds().some((id) => id.includes('hidden') || id.includes('.obsidian') || id.endsWith('.png'))).toBe(false);
    expect(corpus.rejected.some((r) => r.file.includes('.obsidian') || r.file.endsWith('.png'))).toBe(false);
  });

  it('keeps two files of the same name in different folders apart', () => {
    const work = corpus.documents.findIndex((d) => d.id === 'work/notes.md');
    const home = corpus.documents.findIndex((d) => d.id === 'home/notes.md');
    expect(corpus.documents[work].title).toBe('Work');
    expect(corpus.documents[home].title).toBe('Home');
    const passageIds = corpus.passages.map((p) => p.id);
    expect(new Set(passageIds).size).toBe(passageIds.length);
    expect(corpus.passages.filter((p) => p.doc === work).map((p) => p.text)).toEqual([expect.stringContaining('quarterly roadmap')]);
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

describe('readCorpus warnings and ids', () => {
  it('indexes a document with invalid front matter and warns about it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, 'broken.md'), '---\ntitle: [oops\n---\nThe body is still worth indexing for search.\n');
      const corpus = await readCorpus(dir, DEFAULT_CHUNKING);
      expect(corpus.documents.map((d) => d.id)).toEqual(['broken.md']);
      expect(corpus.warnings).toEqual([{ file: 'broken.md', reason: expect.stringMatching(/front matter is not valid YAML/) }]);
      expect(corpus.rejected).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('keeps the passage ids of a document when another document changes, is added or is removed', async () => {
    const { dir, cleanup } = tempDir();
    try {
      cpSync(FIXTURE_CORPUS, dir, { recursive: true });
      const idsOf = (c: Corpus, doc: string) => c.passages.filter((p) => c.documents[p.doc].id === doc).map((p) => p.id);
      const before = await readCorpus(dir, DEFAULT_CHUNKING);
      const sourdough = idsOf(before, 'baking/sourdough.md');
      const cycling = idsOf(before, 'cycling.txt');
      expect(sourdough.length).toBeGreaterThan(1);

      const tomatoes = path.join(dir, 'garden/tomatoes.md');
      writeFileSync(tomatoes, readFileSync(tomatoes, 'utf8').replace('six to eight hours', 'at least eight hours') + '\n## Seeds\n\nSave seeds from the best fruit every autumn.\n');
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
    const bytes = new TextEncoder().encode('a'.repeat(8000) + '\u0000');
    expect(decodeText(bytes)).toEqual({ reason: 'binary file (contains NUL bytes)' });
  });
});

describe('corpusVocabulary', () => {
  it('lists every word of titles, headings and passages once', async () => {
    const corpus = await readCorpus(FIXTURE_CORPUS, DEFAULT_CHUNKING);
    const vocabulary = corpusVocabulary(corpus);
    expect(new Set(vocabulary).size).toBe(vocabulary.length);
    for (const w of ['sourdough', 'notes', 'starter', 'feeding', 'tomatoes', 'pruning', 'tyre', 'cycling']) expect(vocabulary).toContain(w);
  });
});
