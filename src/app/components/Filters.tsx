// Filters: folders, documents and tags from the index summary, behind one button that shows how many are on. Open,
// the panel shows the folder tree collapsed to its top level (each folder a toggle with its document count, its
// documents inside) and the most used tags with their passage counts; a search box narrows it all when it is long.
// The active filters stay in sight (and removable) while the panel is closed, so results never hide behind chips.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { SearchFilters } from '../../core/types.ts';
import type { DocumentEntry, IndexSummary } from '../protocol.ts';
import type { FilterKind } from '../route.ts';
import { allFolders, ancestors, folderTree, matchesSearch, type FolderNode } from '../folder-tree.ts';
import { plural } from '../labels.ts';
import { Capped } from './Capped.tsx';
import { FolderTree } from './FolderTree.tsx';

/** Above this many folders, documents and tags together, the panel offers a search box to narrow them. */
const SEARCHABLE = 12;
/** At most this many matches of each kind are listed for a search (narrow it to see others). */
const MATCHES = 50;

export function activeFilterCount(filters: SearchFilters): number {
  return (filters.docs?.length ?? 0) + (filters.folders?.length ?? 0) + (filters.tags?.length ?? 0);
}

export function hasFilters(summary: IndexSummary): boolean {
  return summary.documents.length > 1 || summary.tags.length > 0;
}

/** "24 documents in 5 folders, 8 tags": what the filters offer. */
function offerText(summary: IndexSummary, folders: number): string {
  const documents = plural(summary.documents.length, 'document') + (folders ? ` in ${plural(folders, 'folder')}` : '');
  return [documents, summary.tags.length ? plural(summary.tags.length, 'tag') : ''].filter(Boolean).join(', ');
}

function useTree(summary: IndexSummary) {
  return useMemo(() => {
    const root = folderTree(summary.documents);
    return { root, folders: allFolders(root), byId: new Map(summary.documents.map((d) => [d.id, d])) };
  }, [summary]);
}

export function FiltersButton({
  summary,
  filters,
  open,
  onOpen,
}: {
  summary: IndexSummary;
  filters: SearchFilters;
  open: boolean;
  onOpen: (open: boolean) => void;
}) {
  const { folders } = useTree(summary);
  const active = activeFilterCount(filters);
  const offer = offerText(summary, folders.length);
  return (
    <button
      type="button"
      class="filters-toggle"
      aria-expanded={open}
      aria-controls="filters"
      title={offer}
      onClick={() => onOpen(!open)}
    >
      Filters{active > 0 && <span class="filters-count"> {active} on</span>}
      <span class="visually-hidden">: {offer}</span>
    </button>
  );
}

interface Props {
  summary: IndexSummary;
  filters: SearchFilters;
  open: boolean;
  onToggle: (kind: FilterKind, value: string) => void;
}

function Count({ n, noun }: { n: number; noun: string }) {
  return (
    <span class="count">
      {' '}
      {n}
      <span class="visually-hidden"> {n === 1 ? noun : `${noun}s`}</span>
    </span>
  );
}

export function Filters({ summary, filters, open, onToggle }: Props) {
  const { root, folders, byId } = useTree(summary);
  const [search, setSearch] = useState('');
  const isOn = (kind: FilterKind, value: string) => filters[kind]?.includes(value) ?? false;

  const chip = (
    kind: FilterKind,
    value: string,
    label: string,
    extra?: { count?: number; noun?: string; title?: string },
  ) => (
    <button
      key={`${kind}:${value}`}
      type="button"
      class={kind === 'tags' ? 'chip chip-tag' : kind === 'folders' ? 'chip chip-folder' : 'chip'}
      aria-pressed={isOn(kind, value)}
      title={extra?.title}
      onClick={() => onToggle(kind, value)}
    >
      {label}
      {extra?.count !== undefined && <Count n={extra.count} noun={extra.noun ?? 'passage'} />}
    </button>
  );
  const folderChip = (f: Pick<FolderNode, 'path' | 'documentCount'>, label = f.path) =>
    chip('folders', f.path, label, { count: f.documentCount, noun: 'document', title: `${f.path}/` });
  const docChip = (d: DocumentEntry) => chip('docs', d.id, d.title, { title: d.id });
  const tagChip = (t: { tag: string; count: number }) => chip('tags', t.tag, `#${t.tag}`, { count: t.count });

  // Filters a link turned on that name nothing in this index still show, so they can be turned off.
  const unknownDocs = (filters.docs ?? []).filter((id) => !byId.has(id));
  const unknownFolders = (filters.folders ?? []).filter((p) => !folders.some((f) => f.path === p));
  const unknownTags = (filters.tags ?? []).filter((tag) => !summary.tags.some((t) => t.tag === tag));
  const tags = [...summary.tags, ...unknownTags.map((tag) => ({ tag, count: 0 }))];

  if (!open) {
    // Closed: only what is on, each a press away from off.
    const on = [
      ...(filters.folders ?? []).map((path) => chip('folders', path, `${path}/`, { title: `Documents in ${path}/` })),
      ...(filters.docs ?? []).map((id) => chip('docs', id, byId.get(id)?.title ?? id, { title: id })),
      ...(filters.tags ?? []).map((tag) => chip('tags', tag, `#${tag}`)),
    ];
    return on.length ? (
      <div class="filters filters-active" id="filters" role="group" aria-label="Active filters">
        <div class="chip-row">{on}</div>
      </div>
    ) : (
      <div id="filters" hidden />
    );
  }

  const searchable = folders.length + summary.documents.length + summary.tags.length > SEARCHABLE;
  const words = search.trim();
  const showDocuments = summary.documents.length > 1;
  const opened = [
    ...(filters.docs ?? []).flatMap(ancestors),
    ...(filters.folders ?? []).flatMap((p) => ancestors(`${p}/x`)),
  ].filter((p) => p !== '');

  return (
    <div class="filters" id="filters">
      {searchable && (
        <label class="filters-search">
          <span class="visually-hidden">Find a folder, document or tag</span>
          <input
            type="search"
            placeholder="Find a folder, document or tag"
            value={search}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </label>
      )}
      {words ? (
        <Found
          folders={folders.filter((f) => matchesSearch(f.path, words)).map((f) => folderChip(f))}
          documents={summary.documents.filter((d) => matchesSearch(`${d.title} ${d.id}`, words)).map(docChip)}
          tags={tags.filter((t) => matchesSearch(t.tag, words)).map(tagChip)}
        />
      ) : (
        <>
          {showDocuments && (
            <section class="filter-section" aria-labelledby="filters-folders">
              <h2 id="filters-folders" class="filter-title">
                {folders.length ? 'Folders and documents' : 'Documents'}
              </h2>
              <FolderTree
                root={root}
                idPrefix="ff"
                label={folders.length ? 'Folders and documents' : 'Documents'}
                opened={opened}
                folderLabel={(f) => folderChip(f, f.name)}
                document={docChip}
              />
              {(unknownDocs.length > 0 || unknownFolders.length > 0) && (
                <div class="chip-row">
                  {unknownFolders.map((path) => chip('folders', path, `${path}/`))}
                  {unknownDocs.map((id) => chip('docs', id, id))}
                </div>
              )}
            </section>
          )}
          {tags.length > 0 && (
            <section class="filter-section" aria-labelledby="filters-tags">
              <h2 id="filters-tags" class="filter-title">
                Tags
              </h2>
              <Capped items={tags} noun="tag" render={tagChip} keep={(t) => isOn('tags', t.tag)} />
            </section>
          )}
        </>
      )}
    </div>
  );
}

/** What a search of the filters found, by kind, each list cut at MATCHES. */
function Found({
  folders,
  documents,
  tags,
}: {
  folders: ComponentChildren[];
  documents: ComponentChildren[];
  tags: ComponentChildren[];
}) {
  const kinds = [
    { name: 'Folders', items: folders },
    { name: 'Documents', items: documents },
    { name: 'Tags', items: tags },
  ].filter((k) => k.items.length);
  if (!kinds.length) return <p class="muted filters-none">No folder, document or tag has those words.</p>;
  return (
    <>
      {kinds.map((k) => (
        <section key={k.name} class="filter-section" aria-label={`${k.name} found`}>
          <h2 class="filter-title">{k.name}</h2>
          <div class="chip-row">{k.items.slice(0, MATCHES)}</div>
          {k.items.length > MATCHES && (
            <p class="muted filters-none">{k.items.length - MATCHES} more: add a word to narrow the search.</p>
          )}
        </section>
      ))}
    </>
  );
}
