// The whole app against a stand-in search worker: typing, the arrow keys, "Show more", the URL.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { App } from '../../../src/app/App.tsx';
import type { SearchClient, EngineStatus } from '../../../src/app/search-client.ts';
import type { SearchAnswer, SearchRequest } from '../../../src/app/protocol.ts';
import { memoryStorage } from '../../../src/app/storage.ts';
import { doc, result, summaryOf } from './fixtures.ts';

/** Answers every query with the first k of 45 matching passages, recording what was asked. */
class StandInClient {
  asked: SearchRequest[] = [];
  status: EngineStatus = {
    index: { state: 'ready', summary: summaryOf([doc('a.md', 30), doc('b/c.md', 15)]), seconds: 0 },
    model: { state: 'ready', seconds: 0 },
    progress: null,
  };
  subscribe(listener: (status: EngineStatus) => void) {
    listener(this.status);
    return () => {};
  }
  async search(request: SearchRequest): Promise<SearchAnswer> {
    this.asked.push(request);
    const all = Array.from({ length: 45 }, (_, i) => result(`p${i}`, { doc: i % 2 ? 'a.md' : 'b/c.md' }));
    return {
      mode: request.mode,
      results: all.slice(0, request.k),
      total: all.length,
      more: false,
      closest: [],
      corrections: [],
      searched: request.query,
      timings: { keyword: 1, vector: 0, fusion: 0, load: 0, embed: 0 },
    };
  }
  async document() {
    return { found: false as const };
  }
  async moreLikeThis() {
    return [];
  }
}

let client: StandInClient;

beforeEach(() => {
  history.replaceState(null, '', '#/');
  client = new StandInClient();
  render(
    <App
      client={client as unknown as SearchClient}
      storage={Promise.resolve(memoryStorage())}
      updateReady={new Promise(() => {})}
    />,
  );
});

afterEach(() => history.replaceState(null, '', '#/'));

const input = () => screen.getByRole('combobox', { name: 'Search your documents' }) as HTMLInputElement;
const options = () => within(screen.getByRole('listbox', { name: 'Results' })).getAllByRole('option');

async function typeQuery(text: string) {
  fireEvent.input(input(), { target: { value: text } });
  await waitFor(() => expect(screen.getByText(/^Top 20 of 45 matches/)).toBeTruthy());
}

describe('App with a stand-in worker', () => {
  test('the arrow keys move the active result through the listbox; Enter opens it', async () => {
    await typeQuery('ownership');
    expect(input().getAttribute('aria-activedescendant')).toBe('r-p0');
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(input().getAttribute('aria-activedescendant')).toBe('r-p2');
    expect(options()[2].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(location.hash).toBe('#/passage/p2?q=ownership'));
  });

  test('Show more asks for the next page, puts its first result in focus, and keeps the count in the URL', async () => {
    await typeQuery('ownership');
    expect(options()).toHaveLength(20);
    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more' }));
    await waitFor(() => expect(options()).toHaveLength(40));
    expect(client.asked.at(-1)).toMatchObject({ query: 'ownership', k: 40 });
    expect(screen.getByText(/^Top 40 of 45 matches/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.id).toBe('r-p20'));
    expect(location.hash).toContain('n=40');
    // The arrow keys go on past the first page.
    for (let i = 0; i < 25; i++) fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(input().getAttribute('aria-activedescendant')).toBe('r-p39');
    // The last page: only the 5 left, then no button.
    fireEvent.click(screen.getByRole('button', { name: 'Show 5 more' }));
    await waitFor(() => expect(screen.getByText(/^45 matches/)).toBeTruthy());
    expect(screen.queryByRole('button', { name: /^Show \d+ more/ })).toBeNull();
  });

  test('new words start again at one page', async () => {
    await typeQuery('ownership');
    fireEvent.click(screen.getByRole('button', { name: 'Show 20 more' }));
    await waitFor(() => expect(options()).toHaveLength(40));
    await typeQuery('borrowing');
    expect(client.asked.at(-1)).toMatchObject({ query: 'borrowing', k: 20 });
    expect(location.hash).not.toContain('n=');
  });

  test('a folder filter turned on in the panel is in the URL and in the request', async () => {
    await typeQuery('ownership');
    fireEvent.click(screen.getByRole('button', { name: /^Filters/ }));
    fireEvent.click(screen.getByRole('button', { name: 'b 1 document' }));
    await waitFor(() => expect(client.asked.at(-1)?.filters).toEqual({ folders: ['b'] }));
    expect(location.hash).toContain('folder=b');
  });
});
