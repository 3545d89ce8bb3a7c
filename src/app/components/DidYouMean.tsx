// "Did you mean": when typo tolerance searched other words than the ones typed. With results: "Showing results for
// …" and a way to search the words exactly as typed. With none: the corrected words offered as the query.
import type { Correction } from '../../core/corrections.ts';

interface Props {
  query: string;
  searched: string;
  corrections: Correction[];
  /** The corrected query found matches. */
  found: boolean;
  onExact: () => void;
  onCorrected: () => void;
}

export function DidYouMean({ query, searched, corrections, found, onExact, onCorrected }: Props) {
  if (!corrections.length) return null;
  if (!found) {
    return (
      <p class="did-you-mean" data-searched={searched}>
        Did you mean{' '}
        <button type="button" class="link-button did-you-mean-words" onClick={onCorrected}>
          {searched}
        </button>
        ?
      </p>
    );
  }
  return (
    <p class="did-you-mean" data-searched={searched}>
      Showing results for <strong class="did-you-mean-words">{searched}</strong>.{' '}
      <button type="button" class="link-button" onClick={onExact}>
        Search instead for <span class="did-you-mean-typed">{query}</span>
      </button>
    </p>
  );
}
