import { describe, expect, test, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { PassageHeader } from '../../../src/app/components/PassageHeader.tsx';

function header(modelReady = true) {
  const handlers = { onBack: vi.fn(), onCopy: vi.fn(), onShare: vi.fn(), onMore: vi.fn() };
  render(
    <PassageHeader
      documentTitle="The Rust Book"
      headings={['Ownership', 'The Stack and the Heap']}
      modelReady={modelReady}
      notice=""
      {...handlers}
    />,
  );
  return handlers;
}

describe('PassageHeader', () => {
  test("names where the passage sits: its document's title and heading path", () => {
    header();
    const context = screen.getByText('This passage:').parentElement!;
    expect([...context.querySelectorAll('.crumb')].map((c) => c.textContent)).toEqual([
      'The Rust Book',
      'Ownership',
      'The Stack and the Heap',
    ]);
  });

  test('Back, Copy link and Share act; More like this waits for the model', () => {
    const { onBack, onCopy, onShare, onMore } = header(false);
    fireEvent.click(screen.getByRole('button', { name: '← Back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    const more = screen.getByRole('button', { name: 'More like this' }) as HTMLButtonElement;
    expect(more.disabled).toBe(true);
    fireEvent.click(more);
    expect([onBack, onCopy, onShare].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
    expect(onMore).not.toHaveBeenCalled();
  });
});
