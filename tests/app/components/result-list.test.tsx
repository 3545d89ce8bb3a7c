import { describe, expect, test, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { ResultList } from '../../../src/app/components/ResultList.tsx';
import { result } from './fixtures.ts';

describe('ResultList', () => {
  const shown = [
    result('a1', { doc: 'a.md', title: 'A' }),
    result('a2', { doc: 'a.md', title: 'A' }),
    result('b1', { doc: 'b.md', title: 'B' }),
    result('w1', { doc: 'c.md', title: 'C', weak: true }),
    result('w2', { doc: 'c.md', title: 'C', weak: true }),
  ];

  test('the search box listbox: every result an option in rank order, the active one selected', () => {
    render(<ResultList results={shown} query="q" activeIndex={2} onOpen={() => {}} listbox />);
    const options = within(screen.getByRole('listbox', { name: 'Results' })).getAllByRole('option');
    expect(options.map((o) => o.id)).toEqual(['r-a1', 'r-a2', 'r-b1', 'r-w1', 'r-w2']);
    expect(options.map((o) => o.getAttribute('aria-selected'))).toEqual(['false', 'false', 'true', 'false', 'false']);
    expect(options[0].getAttribute('href')).toBe('#/passage/a1?q=q');
  });

  test('weaker passages follow a visible "Weaker matches" divider, in their own group, never among the matches', () => {
    render(<ResultList results={shown} query="q" activeIndex={0} onOpen={() => {}} listbox />);
    const weak = screen.getByRole('group', { name: 'Weaker matches' });
    expect(screen.getByText('Weaker matches')).toBeTruthy();
    expect(
      within(weak)
        .getAllByRole('option')
        .map((o) => o.id),
    ).toEqual(['r-w1', 'r-w2']);
    // Two passages of one document in a row: grouped under its title.
    expect(within(screen.getByRole('group', { name: 'A' })).getAllByRole('option')).toHaveLength(2);
  });

  test('without weak results there is no divider', () => {
    render(<ResultList results={shown.slice(0, 3)} query="q" activeIndex={0} onOpen={() => {}} listbox />);
    expect(screen.queryByText('Weaker matches')).toBeNull();
  });

  test('a click opens the result it is on', () => {
    const onOpen = vi.fn();
    render(<ResultList results={shown} query="q" activeIndex={0} onOpen={onOpen} listbox />);
    fireEvent.click(screen.getAllByRole('option')[3]);
    expect(onOpen.mock.calls[0][0].id).toBe('w1');
  });
});
