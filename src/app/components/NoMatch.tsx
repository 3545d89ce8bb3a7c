// What the results screen offers when nothing matches: the other way of searching, broader words, and (from the
// spelling check, when it has one) the corrected query, shown first.
import type { ComponentChildren } from 'preact';
import type { SearchMode } from '../../core/types.ts';

interface Props {
  /** The mode that ranked the answer (hybrid before the model is ready answers as keyword). */
  mode: SearchMode;
  /** Semantic search can run (the model is ready). */
  semanticReady: boolean;
  onMode: (mode: SearchMode) => void;
  /** A corrected spelling of the query ("did you mean"), when there is one. */
  suggestion?: ComponentChildren;
}

/** Keyword search when meaning found nothing; search by meaning when the exact words found nothing. */
function otherMode(mode: SearchMode, semanticReady: boolean): SearchMode | null {
  if (mode !== 'keyword') return 'keyword';
  return semanticReady ? 'semantic' : null;
}

export function NoMatch({ mode, semanticReady, onMode, suggestion }: Props) {
  const other = otherMode(mode, semanticReady);
  return (
    <div class="no-match">
      {suggestion}
      <p class="no-match-help">
        Try fewer or broader words.{' '}
        {other && (
          <button type="button" class="link-button" data-try-mode={other} onClick={() => onMode(other)}>
            {other === 'keyword' ? 'Try keyword search (the exact words)' : 'Try semantic search (by meaning)'}
          </button>
        )}
      </p>
    </div>
  );
}
