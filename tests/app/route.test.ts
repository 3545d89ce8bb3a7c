import { describe, expect, test } from 'vitest';
import { passageHref, searchRoute, shareUrl, toggleFilter } from '../../src/app/route.ts';
import { parseRoute } from '../../src/core/links.ts';

describe('route helpers', () => {
  test('an empty, unfiltered search is the home screen', () => {
    expect(searchRoute('   ', 'hybrid', {})).toEqual({ view: 'home' });
    expect(searchRoute('', 'keyword', { tags: ['ml'] })).toEqual({
      view: 'search',
      query: '',
      mode: 'keyword',
      filters: { tags: ['ml'] },
    });
    expect(searchRoute('deep learning', 'semantic', {})).toEqual({
      view: 'search',
      query: 'deep learning',
      mode: 'semantic',
      filters: {},
    });
  });

  test('toggleFilter adds and removes values without leaving empty lists', () => {
    const on = toggleFilter({}, 'docs', 'a.md');
    expect(on).toEqual({ docs: ['a.md'] });
    expect(toggleFilter(on, 'docs', 'b.md')).toEqual({ docs: ['a.md', 'b.md'] });
    expect(toggleFilter(on, 'docs', 'a.md')).toEqual({});
    expect(toggleFilter({ docs: ['a.md'], tags: ['x'] }, 'tags', 'x')).toEqual({ docs: ['a.md'] });
  });

  test('passage links round-trip through the core router, query trimmed or omitted', () => {
    expect(parseRoute(passageHref('05yb0bvaxi20', ' why simple? '))).toEqual({
      view: 'passage',
      id: '05yb0bvaxi20',
      query: 'why simple?',
    });
    expect(passageHref('05yb0bvaxi20', '  ')).toBe('#/passage/05yb0bvaxi20');
    expect(parseRoute(passageHref('x', '<script>&q=1#'))).toEqual({ view: 'passage', id: 'x', query: '<script>&q=1#' });
  });

  test("share links point at the passage's page beside the app (any host, any sub-path), without the query", () => {
    expect(shareUrl('abc', 'cv.md', 'passage', 'https://me.example/docs/lantern/index.html#/search?q=x')).toBe(
      'https://me.example/docs/lantern/p/abc.html',
    );
    expect(shareUrl('abc', 'cv.md', 'passage', 'https://me.github.io/notes/#/passage/xyz?q=y')).toBe(
      'https://me.github.io/notes/p/abc.html',
    );
    expect(shareUrl('abc', 'cv.md', 'passage', 'http://127.0.0.1:4173/')).toBe('http://127.0.0.1:4173/p/abc.html');
  });

  test("in a large (sharded) site, share links point at the passage's anchor on its document's page", () => {
    const link = shareUrl('abc', 'notes/cv.md', 'document', 'https://me.github.io/notes/#/search?q=x');
    expect(link).toMatch(/^https:\/\/me\.github\.io\/notes\/p\/d\/[0-9a-z]{12}\.html#abc$/);
    expect(shareUrl('abc', 'notes/other.md', 'document', 'https://me.github.io/notes/')).not.toBe(
      `${link.replace(/#.*/, '')}#abc`,
    );
  });
});
