// The search field (a combobox over the result list) and the mode switch.
import type { ComponentChildren, Ref } from 'preact';
import type { SearchMode } from '../../core/types.ts';

const MODES: { mode: SearchMode; label: string; hint: string }[] = [
  { mode: 'hybrid', label: 'Hybrid', hint: 'Words and meaning' },
  { mode: 'keyword', label: 'Keyword', hint: 'Exact words' },
  { mode: 'semantic', label: 'Semantic', hint: 'Meaning only' },
];

interface Props {
  text: string;
  mode: SearchMode;
  /** Id of the list the arrow keys move through (the matches, or the closest passages when nothing matches). */
  listId: string;
  activeId: string | null;
  inputRef: Ref<HTMLInputElement>;
  onText: (text: string) => void;
  onMode: (mode: SearchMode) => void;
  onKey: (event: KeyboardEvent) => void;
  /** More controls on the mode switch's row (the filters button). */
  children?: ComponentChildren;
}

/** Arrow keys move the checked mode, as in any radio group; only the checked one is a tab stop. */
function onModeKey(event: KeyboardEvent, mode: SearchMode, onMode: (mode: SearchMode) => void): void {
  const step =
    event.key === 'ArrowRight' || event.key === 'ArrowDown'
      ? 1
      : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
        ? -1
        : 0;
  if (!step) return;
  event.preventDefault();
  const at = MODES.findIndex((m) => m.mode === mode);
  const next = MODES[(at + step + MODES.length) % MODES.length].mode;
  onMode(next);
  (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLElement>(`[data-mode="${next}"]`)?.focus();
}

export function SearchBox({ text, mode, listId, activeId, inputRef, onText, onMode, onKey, children }: Props) {
  return (
    <div class="searchbox">
      <form class="search-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <svg class="search-icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <input
          ref={inputRef}
          id="q"
          type="search"
          role="combobox"
          aria-label="Search your documents"
          aria-controls={listId}
          aria-expanded={text.trim() ? 'true' : 'false'}
          aria-autocomplete="list"
          aria-activedescendant={activeId ?? undefined}
          list={undefined /* no datalist: the result list is the popup */}
          placeholder="Search your documents"
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          enterKeyHint="search"
          value={text}
          onInput={(e) => onText(e.currentTarget.value)}
          onKeyDown={onKey}
        />
        <kbd class="slash-hint" aria-hidden="true">
          /
        </kbd>
      </form>
      <div class="search-controls">
        <div class="modes" role="radiogroup" aria-label="Search mode">
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              role="radio"
              aria-checked={mode === m.mode}
              tabIndex={mode === m.mode ? 0 : -1}
              title={m.hint}
              class="mode"
              data-mode={m.mode}
              onClick={() => onMode(m.mode)}
              onKeyDown={(e) => onModeKey(e, mode, onMode)}
            >
              {m.label}
            </button>
          ))}
        </div>
        {children}
      </div>
    </div>
  );
}
