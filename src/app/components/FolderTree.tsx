// A folder tree, collapsed to its top level: a folder opens with a disclosure button to show its folders and
// documents. The filters put a folder toggle beside each disclosure (`folderLabel`); the home screen's browser lets
// the disclosure name the folder itself. Long lists of documents show a few, then "Show all".
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FolderNode } from '../folder-tree.ts';
import type { DocumentEntry } from '../protocol.ts';
import { plural } from '../labels.ts';
import { Capped } from './Capped.tsx';

interface Props {
  root: FolderNode;
  /** Prefix of element ids, so two trees on a page never share one. */
  idPrefix: string;
  label: string;
  /** Folders shown open at first (the folders above an active filter). */
  opened?: string[];
  /** The folder's own control beside its disclosure (a filter toggle); without it the disclosure names the folder. */
  folderLabel?: (folder: FolderNode) => ComponentChildren;
  document: (doc: DocumentEntry) => ComponentChildren;
}

export function FolderTree({ root, idPrefix, label, opened = [], folderLabel, document }: Props) {
  const [open, setOpen] = useState(() => new Set(opened));
  const toggle = (path: string) =>
    setOpen((now) => {
      const next = new Set(now);
      if (!next.delete(path)) next.add(path);
      return next;
    });

  const contents = (folder: FolderNode) => [
    ...folder.folders.map((f) => {
      const expanded = open.has(f.path);
      const listId = `${idPrefix}-${f.key}`;
      const count = plural(f.documentCount, 'document');
      return (
        <li key={`f:${f.path}`} class="tree-folder">
          <div class="tree-row">
            <button
              type="button"
              class={folderLabel ? 'tree-toggle' : 'tree-toggle tree-toggle-named'}
              aria-expanded={expanded}
              aria-controls={listId}
              aria-label={folderLabel ? `${f.name}: ${count}` : undefined}
              onClick={() => toggle(f.path)}
            >
              <span class="tree-arrow" aria-hidden="true" />
              {!folderLabel && (
                <>
                  <span class="tree-name">{f.name}</span>
                  <span class="count">
                    {' '}
                    {f.documentCount}
                    <span class="visually-hidden"> {f.documentCount === 1 ? 'document' : 'documents'}</span>
                  </span>
                </>
              )}
            </button>
            {folderLabel?.(f)}
          </div>
          {expanded && (
            <ul id={listId} class="tree-list">
              {contents(f)}
            </ul>
          )}
        </li>
      );
    }),
    ...(folder.documents.length
      ? [
          <li key="documents" class="tree-documents">
            <Capped
              items={folder.documents}
              noun="document"
              render={(d) => (
                <span key={d.id} class="tree-document">
                  {document(d)}
                </span>
              )}
            />
          </li>,
        ]
      : []),
  ];

  return (
    <ul class="tree" aria-label={label}>
      {contents(root)}
    </ul>
  );
}
