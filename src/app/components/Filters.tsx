// Filter chips: documents and tags, from the index summary.
import type { SearchFilters } from '../../core/types.ts';
import type { IndexSummary } from '../protocol.ts';

interface Props {
  summary: IndexSummary;
  filters: SearchFilters;
  onToggle: (kind: 'docs' | 'tags', value: string) => void;
}

const MAX_TAGS = 12;

export function Filters({ summary, filters, onToggle }: Props) {
  const tags = summary.tags.slice(0, MAX_TAGS);
  // A filter from a link stays visible even when it is not among the most used tags.
  for (const tag of filters.tags ?? []) if (!tags.some((t) => t.tag === tag)) tags.push({ tag, count: 0 });
  // Likewise a document filter from a link, when its document is not among those offered (a large corpus).
  const documents = [...summary.documents];
  const partial = summary.documentCount > summary.documents.length;
  for (const id of filters.docs ?? []) if (partial && !documents.some((d) => d.id === id)) documents.push({ id, title: id, tags: [] });
  if (summary.documentCount < 2 && tags.length === 0) return null;
  return (
    <div class="filters" aria-label="Filters">
      {summary.documentCount > 1 && (
        <div class="chip-row" role="group" aria-label="Documents">
          {documents.map((d) => (
            <button key={d.id} type="button" class="chip" aria-pressed={filters.docs?.includes(d.id) ?? false} title={d.id} onClick={() => onToggle('docs', d.id)}>
              {d.title}
            </button>
          ))}
        </div>
      )}
      {tags.length > 0 && (
        <div class="chip-row" role="group" aria-label="Tags">
          {tags.map((t) => (
            <button key={t.tag} type="button" class="chip chip-tag" aria-pressed={filters.tags?.includes(t.tag) ?? false} onClick={() => onToggle('tags', t.tag)}>
              #{t.tag}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
