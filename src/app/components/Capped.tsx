// A long list shown short: the first few items, then a button that shows them all (a folder of 100 documents,
// 60 tags). Items are laid out inline, as chips or links.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { plural } from '../labels.ts';

export const SHOWN_AT_FIRST = 12;

interface Props<T> {
  items: T[];
  /** What an item is, for the button: "Show all 40 documents". */
  noun: string;
  render: (item: T) => ComponentChildren;
  /** Items shown whatever the cap (active filters). */
  keep?: (item: T) => boolean;
}

export function Capped<T>({ items, noun, render, keep }: Props<T>) {
  const [all, setAll] = useState(false);
  const capped = !all && items.length > SHOWN_AT_FIRST + 2;
  const shown = capped ? items.filter((item, i) => i < SHOWN_AT_FIRST || keep?.(item)) : items;
  return (
    <div class="chip-row">
      {shown.map(render)}
      {capped && (
        <button type="button" class="link-button show-all" onClick={() => setAll(true)}>
          Show all {plural(items.length, noun)}
        </button>
      )}
    </div>
  );
}
