import { describe, expect, test, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { Home } from '../../../src/app/components/Home.tsx';
import { doc, summaryOf } from './fixtures.ts';

const summary = summaryOf([
  doc('guide/start.md', 2, 'Getting started'),
  doc('guide/deep/more.md', 1, 'More'),
  doc('faq.md', 4, 'FAQ'),
]);

function home(props: Partial<Parameters<typeof Home>[0]> = {}) {
  const handlers = { onSearch: vi.fn(), onClear: vi.fn(), onOpenDocument: vi.fn() };
  render(<Home summary={summary} examples={[]} recent={[]} {...handlers} {...props} />);
  return handlers;
}

describe('Home', () => {
  test('example questions from the configuration, each a search', () => {
    const { onSearch } = home({ examples: ['How do I start?', 'What is deep?'] });
    const examples = within(screen.getByRole('region', { name: 'Try asking' }));
    fireEvent.click(examples.getByRole('button', { name: 'What is deep?' }));
    expect(onSearch).toHaveBeenCalledWith('What is deep?');
  });

  test('none configured: no examples section', () => {
    home();
    expect(screen.queryByRole('region', { name: 'Try asking' })).toBeNull();
  });

  test('recent searches, each a search, and a way to forget them', () => {
    const { onSearch, onClear } = home({ recent: ['start guide', 'faq'] });
    const recent = within(screen.getByRole('region', { name: 'Recent searches' }));
    fireEvent.click(recent.getByRole('button', { name: 'faq' }));
    fireEvent.click(recent.getByRole('button', { name: 'Clear history' }));
    expect(onSearch).toHaveBeenCalledWith('faq');
    expect(onClear).toHaveBeenCalled();
  });

  test('browse by folder: a folder opens to its documents, each a link to its first passage', () => {
    const { onOpenDocument } = home();
    const browse = within(screen.getByRole('region', { name: 'Browse' }));
    expect(browse.getByRole('link', { name: 'FAQ' }).getAttribute('href')).toBe('#/passage/first-faq-md');
    expect(browse.queryByRole('link', { name: 'Getting started' })).toBeNull();
    fireEvent.click(browse.getByRole('button', { name: 'guide 2 documents', expanded: false }));
    const start = browse.getByRole('link', { name: 'Getting started' });
    fireEvent.click(start);
    expect(onOpenDocument.mock.calls[0][0].id).toBe('guide/start.md');
    expect(browse.getByRole('button', { name: 'deep 1 document' })).toBeTruthy();
  });

  test('build details wait in a closed disclosure', () => {
    home();
    const about = screen.getByText('About this index').closest('details')!;
    expect(about.open).toBe(false);
    expect(about.textContent).toContain('Index version v1abc');
    expect(about.textContent).toContain('7 passages from 3 documents');
  });
});
