import { describe, expect, test, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { Filters, FiltersButton } from '../../../src/app/components/Filters.tsx';
import type { SearchFilters } from '../../../src/core/types.ts';
import { doc, summaryOf } from './fixtures.ts';

const vault = summaryOf(
  [
    doc('notes/work/plan.md', 3, 'Plan'),
    doc('notes/work/review.md', 2, 'Review'),
    doc('notes/home.md', 1, 'Home notes'),
    doc('readme.md', 1, 'Read me'),
  ],
  [
    { tag: 'rust', count: 4 },
    { tag: 'ideas', count: 1 },
  ],
);

function open(filters: SearchFilters = {}, summary = vault) {
  const onToggle = vi.fn();
  render(<Filters summary={summary} filters={filters} open onToggle={onToggle} />);
  return onToggle;
}

describe('Filters panel', () => {
  test('shows the top folders with their document counts, collapsed; a folder opens to its folders and documents', () => {
    open();
    expect(screen.getByRole('button', { name: 'notes 3 documents', pressed: false })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Read me', pressed: false })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Home notes' })).toBeNull();
    const disclosure = screen.getByRole('button', { name: 'notes: 3 documents', expanded: false });
    fireEvent.click(disclosure);
    expect(disclosure.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: 'Home notes' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'work 2 documents' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Plan' })).toBeNull();
  });

  test('a folder, a document and a tag each toggle their own filter', () => {
    const onToggle = open();
    fireEvent.click(screen.getByRole('button', { name: 'notes 3 documents' }));
    fireEvent.click(screen.getByRole('button', { name: 'Read me' }));
    fireEvent.click(screen.getByRole('button', { name: '#rust 4 passages' }));
    expect(onToggle.mock.calls).toEqual([
      ['folders', 'notes'],
      ['docs', 'readme.md'],
      ['tags', 'rust'],
    ]);
  });

  test('the folders above an active filter are open, its chip pressed', () => {
    open({ docs: ['notes/work/plan.md'] });
    expect(screen.getByRole('button', { name: 'Plan', pressed: true })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Review', pressed: false })).toBeTruthy();
  });

  test('every document is listed, however many: a long folder shows a few, then all of them on request', () => {
    const many = summaryOf(Array.from({ length: 60 }, (_, i) => doc(`book/ch${i + 1}.md`, 1, `Chapter ${i + 1}`)));
    open({}, many);
    fireEvent.click(screen.getByRole('button', { name: 'book: 60 documents' }));
    expect(screen.getAllByRole('button', { name: /^Chapter / })).toHaveLength(12);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 60 documents' }));
    const chapters = screen.getAllByRole('button', { name: /^Chapter / });
    expect(chapters).toHaveLength(60);
    expect(chapters[1].textContent).toBe('Chapter 2'); // numbers in order
  });

  test('a long list can be searched: folders, documents and tags holding every word', () => {
    const many = summaryOf(
      Array.from({ length: 20 }, (_, i) => doc(`${i % 2 ? 'work' : 'home'}/note-${i}.md`, 1, `Note ${i}`)),
      [{ tag: 'homework', count: 2 }],
    );
    open({}, many);
    const box = screen.getByRole('searchbox', { name: 'Find a folder, document or tag' });
    fireEvent.input(box, { target: { value: 'home' } });
    const found = (name: string) => within(screen.getByRole('region', { name: `${name} found` }));
    expect(found('Folders').getByRole('button', { name: 'home 10 documents' })).toBeTruthy();
    expect(found('Documents').getAllByRole('button')).toHaveLength(10);
    expect(found('Tags').getByRole('button', { name: '#homework 2 passages' })).toBeTruthy();
    fireEvent.input(box, { target: { value: 'nothing like it' } });
    expect(screen.getByText('No folder, document or tag has those words.')).toBeTruthy();
  });

  test('a short list has no search box', () => {
    open();
    expect(screen.queryByRole('searchbox')).toBeNull();
  });

  test('closed: only the active filters, each removable; one a link named that this index lacks still shows', () => {
    const onToggle = vi.fn();
    render(
      <Filters
        summary={vault}
        filters={{ folders: ['notes/work'], docs: ['gone.md'], tags: ['rust'] }}
        open={false}
        onToggle={onToggle}
      />,
    );
    const active = within(screen.getByRole('group', { name: 'Active filters' }));
    expect(active.getAllByRole('button').map((b) => b.textContent)).toEqual(['notes/work/', 'gone.md', '#rust']);
    fireEvent.click(active.getByRole('button', { name: 'gone.md' }));
    expect(onToggle).toHaveBeenCalledWith('docs', 'gone.md');
  });
});

describe('Filters button', () => {
  test('says what is offered, and how many filters are on', () => {
    const onOpen = vi.fn();
    const { rerender } = render(<FiltersButton summary={vault} filters={{}} open={false} onOpen={onOpen} />);
    const button = screen.getByRole('button', { expanded: false });
    expect(button.textContent).toBe('Filters: 4 documents in 2 folders, 2 tags');
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledWith(true);
    rerender(<FiltersButton summary={vault} filters={{ folders: ['notes'], tags: ['rust'] }} open onOpen={onOpen} />);
    expect(screen.getByRole('button', { expanded: true }).textContent).toMatch(/^Filters 2 on:/);
  });
});
