import { describe, expect, test } from 'vitest';
import { render, screen } from '@testing-library/preact';
import { ResultsHeader } from '../../../src/app/components/ResultsHeader.tsx';
import { answerOf, result } from './fixtures.ts';

describe('ResultsHeader', () => {
  test('all matches shown: says how many', () => {
    render(
      <ResultsHeader answer={answerOf([result('a'), result('b')], { total: 2 })} requested="hybrid" model="ready" />,
    );
    expect(screen.getByText(/^2 matches · hybrid/)).toBeTruthy();
  });

  test('more match than are shown: "Top 20 of 57", and "100+" when the count is a lower bound', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => result(`r${i}`));
    const { rerender } = render(
      <ResultsHeader answer={answerOf(twenty, { total: 57, mode: 'keyword' })} requested="keyword" model="ready" />,
    );
    expect(screen.getByText(/^Top 20 of 57 matches · keyword/)).toBeTruthy();
    rerender(<ResultsHeader answer={answerOf(twenty, { total: 100, more: true })} requested="keyword" model="ready" />);
    expect(screen.getByText(/^Top 20 of 100\+ matches/)).toBeTruthy();
  });

  test('weaker passages are not counted as matches', () => {
    const shown = [result('a'), result('b', { weak: true }), result('c', { weak: true })];
    render(
      <ResultsHeader answer={answerOf(shown, { total: 1, mode: 'semantic' })} requested="semantic" model="ready" />,
    );
    const meta = screen.getByText(/^1 match · semantic/);
    expect(meta.getAttribute('data-count')).toBe('1');
  });

  test('nothing matches: says so, count 0', () => {
    render(<ResultsHeader answer={answerOf([], { total: 0 })} requested="hybrid" model="ready" />);
    expect(screen.getByText(/No passages match\./).getAttribute('data-count')).toBe('0');
  });
});
