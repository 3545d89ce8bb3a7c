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
  if (summary.documents.length < 2 && tags.length === 0) return null;
  return (
    <div class="filters" aria-label="Filters">
      {summary.documents.length > 1 && (
        <div class="chip-row" role="group" aria-label="Documents">
          {summary.documents.map((d) => (
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
