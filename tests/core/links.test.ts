// Links and routes: every search and passage can be shared as a link and opens the same view again.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatRoute,
  isPassageId,
  MAX_QUERY_LENGTH,
  parseRoute,
  passageLink,
  type Route,
} from '../../src/core/links.ts';

describe('routes', () => {
  it('round-trips searches with mode and filters', () => {
    const route: Route = {
      view: 'search',
      query: 'logistic regression & "deep" learning?',
      mode: 'semantic',
      filters: { docs: ['a/b.md', 'c d.md'], tags: ['ml', 'x/y'] },
    };
    expect(formatRoute(route)).toMatch(/^#\/search\?/);
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('round-trips folder filters and how many results were shown; a bad or huge count is ignored or capped', () => {
    const route: Route = {
      view: 'search',
      query: 'ownership',
      filters: { folders: ['notes/work', 'book'], tags: ['rust'] },
      shown: 40,
    };
    expect(formatRoute(route)).toBe('#/search?q=ownership&folder=notes%2Fwork&folder=book&tag=rust&n=40');
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/search?q=x&n=-3')).toEqual({ view: 'search', query: 'x', filters: {} });
    expect(parseRoute('#/search?q=x&n=2.5')).toEqual({ view: 'search', query: 'x', filters: {} });
    expect(parseRoute('#/search?q=x&n=1e9')).toMatchObject({ shown: 1000 });
  });

  it('round-trips passages, with and without a query', () => {
    expect(parseRoute(formatRoute({ view: 'passage', id: '05yb0bvaxi20' }))).toEqual({
      view: 'passage',
      id: '05yb0bvaxi20',
    });
    expect(parseRoute(formatRoute({ view: 'passage', id: '05yb0bvaxi20-2', query: 'why' }))).toEqual({
      view: 'passage',
      id: '05yb0bvaxi20-2',
      query: 'why',
    });
    expect(formatRoute({ view: 'home' })).toBe('#/');
  });

  it('keeps the choice to search the words as typed, for a search and for the passage it opens', () => {
    const search: Route = { view: 'search', query: 'logistc regresion', mode: 'keyword', filters: {}, exact: true };
    expect(formatRoute(search)).toBe('#/search?q=logistc+regresion&mode=keyword&exact=1');
    expect(parseRoute(formatRoute(search))).toEqual(search);
    const passage: Route = { view: 'passage', id: '05yb0bvaxi20', query: 'logistc', exact: true };
    expect(parseRoute(formatRoute(passage))).toEqual(passage);
    // Without words there is nothing to search as typed.
    expect(parseRoute('#/passage/05yb0bvaxi20?exact=1')).toEqual({ view: 'passage', id: '05yb0bvaxi20' });
  });

  it('round-trips any query, filter and id', () => {
    const text = fc.string({ maxLength: 60, unit: 'grapheme' });
    const route = fc.oneof(
      fc.record({
        view: fc.constant('search' as const),
        query: text.filter((q) => q.length > 0),
        mode: fc.constantFrom('hybrid' as const, 'keyword' as const, 'semantic' as const),
        filters: fc.record({
          docs: fc.array(text.filter(Boolean), { minLength: 1, maxLength: 3 }),
          tags: fc.array(text.filter(Boolean), { minLength: 1, maxLength: 3 }),
        }),
      }),
      fc.record({
        view: fc.constant('passage' as const),
        id: fc.stringMatching(/^[a-z0-9-]{1,40}$/),
        query: text.filter((q) => q.length > 0),
      }),
    );
    fc.assert(
      fc.property(route, (r) => {
        expect(parseRoute(formatRoute(r))).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });

  it(`cuts queries longer than ${MAX_QUERY_LENGTH} characters`, () => {
    const long = 'q'.repeat(MAX_QUERY_LENGTH + 100);
    const route = parseRoute(`#/search?q=${long}`);
    expect(route).toMatchObject({ view: 'search', query: 'q'.repeat(MAX_QUERY_LENGTH) });
    expect(parseRoute(`#/passage/abc?q=${long}`)).toEqual({
      view: 'passage',
      id: 'abc',
      query: 'q'.repeat(MAX_QUERY_LENGTH),
    });
  });

  it('keeps markup in a query as text, and encodes it in links', () => {
    const q = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const hash = formatRoute({ view: 'search', query: q, filters: {} });
    expect(hash).not.toMatch(/[<>"]/);
    expect(parseRoute(hash)).toEqual({ view: 'search', query: q, filters: {} });
  });

  it('ignores unknown modes and empty filters', () => {
    expect(parseRoute('#/search?q=x&mode=evil&doc=&tag=')).toEqual({ view: 'search', query: 'x', filters: {} });
  });

  it('sends unknown routes and junk home', () => {
    for (const hash of [
      '',
      '#',
      '#/',
      '#/nowhere',
      '#/passage',
      '#/passage/',
      '#/settings?x=1',
      '#%E0%A4%A',
      'javascript:alert(1)',
    ]) {
      expect(parseRoute(hash)).toEqual({ view: 'home' });
    }
  });

  it('treats a bare ?q= as a search', () => {
    expect(parseRoute('#/?q=tomatoes')).toEqual({ view: 'search', query: 'tomatoes', filters: {} });
  });

  it('survives a malformed percent-escape in a passage id', () => {
    expect(parseRoute('#/passage/%E0%A4%A')).toEqual({ view: 'passage', id: '%E0%A4%A' });
    expect(isPassageId('%E0%A4%A')).toBe(false);
  });
});

describe('passage ids and links', () => {
  it('recognises passage-id shapes only', () => {
    expect(isPassageId('05yb0bvaxi20')).toBe(true);
    expect(isPassageId('05yb0bvaxi20-2')).toBe(true);
    for (const bad of ['', 'A1', 'x'.repeat(41), '../etc', '<script>', 'a b']) expect(isPassageId(bad)).toBe(false);
  });

  it('builds absolute links from the base URL, dropping any fragment it had', () => {
    expect(passageLink('http://127.0.0.1:4173/', 'abc123')).toBe('http://127.0.0.1:4173/#/passage/abc123');
    expect(passageLink('https://notes.test/app/#/old', 'abc123')).toBe('https://notes.test/app/#/passage/abc123');
  });
});
