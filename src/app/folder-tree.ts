// The documents of an index as a tree of folders, from their ids (paths like `notes/work/a.md`): what the filters
// and the home screen's browser show, each folder with how many documents and passages it holds, itself and below.
import type { DocumentEntry } from './protocol.ts';

export interface FolderNode {
  /** The folder's own name (`work`); empty for the root. */
  name: string;
  /** Its path (`notes/work`), the value of a folder filter; empty for the root. */
  path: string;
  /** A number unique in its tree, for element ids (a path may hold any character). */
  key: number;
  folders: FolderNode[];
  /** The documents directly in it, in path order. */
  documents: DocumentEntry[];
  /** Documents and passages in it or below. */
  documentCount: number;
  passageCount: number;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The folder holding a document: its id up to the last `/` (empty at the root). */
export function folderOf(docId: string): string {
  const cut = docId.lastIndexOf('/');
  return cut < 0 ? '' : docId.slice(0, cut);
}

export function folderTree(documents: DocumentEntry[]): FolderNode {
  let next = 0;
  const node = (name: string, path: string): FolderNode => ({
    name,
    path,
    key: next++,
    folders: [],
    documents: [],
    documentCount: 0,
    passageCount: 0,
  });
  const root = node('', '');
  const byPath = new Map<string, FolderNode>([['', root]]);
  const folder = (path: string): FolderNode => {
    let found = byPath.get(path);
    if (!found) {
      const parent = folder(folderOf(path));
      found = node(path.slice(path.lastIndexOf('/') + 1), path);
      parent.folders.push(found);
      byPath.set(path, found);
    }
    return found;
  };
  for (const doc of documents) {
    let at: string | null = folderOf(doc.id);
    folder(at).documents.push(doc);
    // Count it in its folder and every folder above.
    while (at !== null) {
      const f = byPath.get(at)!;
      f.documentCount++;
      f.passageCount += doc.passages;
      at = at === '' ? null : folderOf(at);
    }
  }
  const sort = (f: FolderNode) => {
    f.folders.sort((a, b) => byName.compare(a.name, b.name));
    f.documents.sort((a, b) => byName.compare(a.id, b.id));
    f.folders.forEach(sort);
  };
  sort(root);
  return root;
}

/** Every folder below `root`, depth first in display order. */
export function allFolders(root: FolderNode): FolderNode[] {
  return root.folders.flatMap((f) => [f, ...allFolders(f)]);
}

/** The paths of the folders above a document or folder path (outermost first), so it can be shown opened. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let at = folderOf(path); at; at = folderOf(at)) out.unshift(at);
  return out;
}

/** Whether `text` (a folder path, a title, a document id) holds every word of `search`, case and accents aside. */
export function matchesSearch(text: string, search: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = fold(text);
  return fold(search)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
