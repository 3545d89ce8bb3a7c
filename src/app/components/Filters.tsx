// Filters: documents and tags from the index summary, behind one button that shows how many are on. The active
// ones stay in sight (and removable) while the panel is closed, so results never hide behind rows of chips.
import type { SearchFilters } from '../../core/types.ts';
import type { IndexSummary } from '../protocol.ts';
import { plural } from '../labels.ts';

const MAX_TAGS = 12;

export function activeFilterCount(filters: SearchFilters): number {
  return (filters.docs?.length ?? 0) + (filters.tags?.length ?? 0);
}

/** The documents and tags offered: the most used, plus any filter a link turned on that is not among them. */
function offered(summary: IndexSummary, filters: SearchFilters) {
  const tags = summary.tags.slice(0, MAX_TAGS);
  for (const tag of filters.tags ?? []) if (!tags.some((t) => t.tag === tag)) tags.push({ tag, count: 0 });
  const documents = [...summary.documents];
  const partial = summary.documentCount > summary.documents.length;
  for (const id of filters.docs ?? [])
    if (partial && !documents.some((d) => d.id === id)) documents.push({ id, title: id, tags: [] });
  return { tags, documents: summary.documentCount > 1 ? documents : [] };
}

export function hasFilters(summary: IndexSummary): boolean {
  return summary.documentCount > 1 || summary.tags.length > 0;
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
  const active = activeFilterCount(filters);
  const { tags, documents } = offered(summary, filters);
  const counts = [
    documents.length ? plural(summary.documentCount, 'document') : '',
    tags.length ? plural(tags.length, 'tag') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    <button
      type="button"
      class="filters-toggle"
      aria-expanded={open}
      aria-controls="filters"
      title={counts}
      onClick={() => onOpen(!open)}
    >
      Filters <span class="filters-count">{active ? `${active} on` : documents.length + tags.length}</span>
      <span class="visually-hidden">: {counts}</span>
    </button>
  );
}

interface Props {
  summary: IndexSummary;
  filters: SearchFilters;
  open: boolean;
  onToggle: (kind: 'docs' | 'tags', value: string) => void;
}

export function Filters({ summary, filters, open, onToggle }: Props) {
  const { tags, documents } = offered(summary, filters);
  const chip = (kind: 'docs' | 'tags', value: string, label: string, title?: string) => {
    const on = filters[kind]?.includes(value) ?? false;
    return (
      <button
        key={`${kind}:${value}`}
        type="button"
        class={kind === 'tags' ? 'chip chip-tag' : 'chip'}
        aria-pressed={on}
        title={title}
        onClick={() => onToggle(kind, value)}
      >
        {label}
      </button>
    );
  };
  if (!open) {
    // Closed: only what is on, each a press away from off.
    const on = [
      ...documents.filter((d) => filters.docs?.includes(d.id)).map((d) => chip('docs', d.id, d.title, d.id)),
      ...tags.filter((t) => filters.tags?.includes(t.tag)).map((t) => chip('tags', t.tag, `#${t.tag}`)),
    ];
    return on.length ? (
      <div class="filters filters-active" id="filters" role="group" aria-label="Active filters">
        <div class="chip-row">{on}</div>
      </div>
    ) : (
      <div id="filters" hidden />
    );
  }
  return (
    <div class="filters" id="filters">
      {documents.length > 0 && (
        <div class="chip-row" role="group" aria-label="Documents">
          {documents.map((d) => chip('docs', d.id, d.title, d.id))}
        </div>
      )}
      {tags.length > 0 && (
        <div class="chip-row" role="group" aria-label="Tags">
          {tags.map((t) => chip('tags', t.tag, `#${t.tag}`))}
        </div>
      )}
    </div>
  );
}
