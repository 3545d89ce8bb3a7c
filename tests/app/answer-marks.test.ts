// The answer sentence found in a passage's display markup (PassageView marks it), whatever the markup's whitespace.
import { describe, expect, it } from 'vitest';
import { answerRanges } from '../../src/app/components/DisplayMarkup.tsx';
import type { DisplayNode } from '../../src/core/types.ts';

const text = (value: string): DisplayNode => ({ type: 'text', value });
const el = (tagName: string, children: DisplayNode[]): DisplayNode => ({ type: 'element', tagName, children });

describe('answerRanges', () => {
  it('spans text nodes across elements and line breaks', () => {
    const first = text('Traditional ML: Logistic Regression.\n');
    const strong = text('Winner:');
    const rest = text(' Logistic\nRegression');
    const nodes = [el('p', [first]), el('ul', [el('li', [el('strong', [strong]), rest])])];
    const ranges = answerRanges(nodes, 'Winner: Logistic Regression');
    expect(ranges.has(first as never)).toBe(false);
    expect(ranges.get(strong as never)).toEqual({ start: 0, end: 7 });
    expect(ranges.get(rest as never)).toEqual({ start: 1, end: rest.type === 'text' ? rest.value.length : 0 });
  });

  it('marks nothing when the markup does not hold the sentence, nor in dropped elements', () => {
    expect(answerRanges([el('p', [text('something else')])], 'Winner: Logistic Regression').size).toBe(0);
    expect(
      answerRanges([el('script', [text('Winner: Logistic Regression')])], 'Winner: Logistic Regression').size,
    ).toBe(0);
  });
});
