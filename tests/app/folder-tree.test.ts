import { describe, expect, test } from 'vitest';
import { allFolders, ancestors, folderOf, folderTree, matchesSearch } from '../../src/app/folder-tree.ts';
import type { DocumentEntry } from '../../src/app/protocol.ts';

const doc = (id: string, passages = 1): DocumentEntry => ({ id, title: id, passages, first: `p-${id}` });

describe('folder tree', () => {
  const tree = folderTree([
    doc('notes/work/b.md', 3),
    doc('readme.md', 2),
    doc('notes/work/a.md', 1),
    doc('notes/home.md', 4),
    doc('book/ch10.md', 1),
    doc('book/ch2.md', 1),
  ]);

  test('every document sits in its folder; folders count the documents and passages in them and below', () => {
    expect(tree.documentCount).toBe(6);
    expect(tree.passageCount).toBe(12);
    expect(tree.documents.map((d) => d.id)).toEqual(['readme.md']);
    const [book, notes] = tree.folders;
    expect([book.path, notes.path]).toEqual(['book', 'notes']);
    expect(notes).toMatchObject({ documentCount: 3, passageCount: 8 });
    expect(notes.documents.map((d) => d.id)).toEqual(['notes/home.md']);
    expect(notes.folders[0]).toMatchObject({ name: 'work', path: 'notes/work', documentCount: 2, passageCount: 4 });
    expect(notes.folders[0].documents.map((d) => d.id)).toEqual(['notes/work/a.md', 'notes/work/b.md']);
  });

  test('numbers in names sort as numbers (chapter 2 before chapter 10)', () => {
    expect(tree.folders[0].documents.map((d) => d.id)).toEqual(['book/ch2.md', 'book/ch10.md']);
  });

  test('keys are unique, folders listed depth first, ancestors outermost first', () => {
    const folders = allFolders(tree);
    expect(folders.map((f) => f.path)).toEqual(['book', 'notes', 'notes/work']);
    expect(new Set([tree.key, ...folders.map((f) => f.key)]).size).toBe(4);
    expect(ancestors('notes/work/a.md')).toEqual(['notes', 'notes/work']);
    expect(ancestors('readme.md')).toEqual([]);
    expect(folderOf('notes/work/a.md')).toBe('notes/work');
  });

  test('a name that reads like an object key is just a name', () => {
    const odd = folderTree([doc('__proto__/constructor.md'), doc('toString/x.md')]);
    expect(odd.folders.map((f) => f.path)).toEqual(['__proto__', 'toString']);
    expect(odd.folders[0].documents).toHaveLength(1);
  });

  test('search: every word, any case, accents aside', () => {
    expect(matchesSearch('Notes/Café recipes.md', 'cafe NOTES')).toBe(true);
    expect(matchesSearch('notes/work', 'notes home')).toBe(false);
    expect(matchesSearch('anything', '  ')).toBe(true);
  });
});
