// The search hook: whole words once typing pauses, a larger k re-asks, and only the latest answer is shown.
import { describe, expect, test } from 'vitest';
import { renderHook, waitFor } from '@testing-library/preact';
import { useSearch } from '../../../src/app/hooks/use-search.ts';
import type { SearchClient } from '../../../src/app/search-client.ts';
import type { SearchAnswer, SearchRequest } from '../../../src/app/protocol.ts';
import { answerOf, result } from './fixtures.ts';

/** Answers each request when told to, in any order. */
function standIn() {
  const pending: { request: SearchRequest; answer: (a: SearchAnswer) => void }[] = [];
  const client = {
    search: (request: SearchRequest) => new Promise<SearchAnswer>((answer) => pending.push({ request, answer })),
  } as unknown as SearchClient;
  const reply = (i: number) =>
    pending[i].answer(answerOf([result(`${pending[i].request.query}-${pending[i].request.k}`)], pending[i].request));
  return { client, pending, reply };
}

const inputs = { mode: 'hybrid' as const, filters: {}, exact: false, indexReady: true, modelReady: true };

describe('useSearch', () => {
  test('only the latest search is shown, even when an older answer arrives last', async () => {
    const { client, pending, reply } = standIn();
    const { result: hook, rerender } = renderHook(
      (props: { text: string }) => useSearch(client, { ...inputs, ...props, k: 20 }, () => {}),
      { initialProps: { text: 'own' } },
    );
    rerender({ text: 'ownership' });
    await waitFor(() => expect(pending).toHaveLength(2));
    reply(1);
    await waitFor(() => expect(hook.current.answer?.query).toBe('ownership'));
    reply(0);
    await new Promise((done) => setTimeout(done, 20));
    expect(hook.current.answer?.results[0].id).toBe('ownership-20');
  });

  test('a larger k (Show more) asks again for the same words', async () => {
    const { client, pending } = standIn();
    const { rerender } = renderHook(
      (props: { k: number }) => useSearch(client, { ...inputs, text: 'slices', ...props }, () => {}),
      {
        initialProps: { k: 20 },
      },
    );
    rerender({ k: 40 });
    await waitFor(() => expect(pending.map((p) => p.request.k)).toEqual([20, 40]));
    expect(pending[1].request).toMatchObject({ query: 'slices', prefix: false });
  });

  test('while typing the last word is a prefix; once typing pauses the whole words are searched', async () => {
    const { client, pending } = standIn();
    const { result: hook, rerender } = renderHook(
      (props: { text: string }) => useSearch(client, { ...inputs, ...props, k: 20 }, () => {}),
      { initialProps: { text: '' } },
    );
    hook.current.typed();
    rerender({ text: 'borrow' });
    await waitFor(() => expect(pending.at(-1)?.request).toMatchObject({ query: 'borrow', prefix: true }));
    await waitFor(() => expect(pending.at(-1)?.request).toMatchObject({ query: 'borrow', prefix: false }), {
      timeout: 2000,
    });
  });
});
