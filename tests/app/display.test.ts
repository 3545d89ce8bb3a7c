import { describe, expect, test } from 'vitest';
import { safeElement, safeHref, segments } from '../../src/app/display.ts';
import type { DisplayNode } from '../../src/core/types.ts';

const el = (
  tagName: string,
  properties: Record<string, string | number | boolean | string[]> = {},
): Extract<DisplayNode, { type: 'element' }> => ({ type: 'element', tagName, properties, children: [] });

describe('display allow-list', () => {
  test('allowed tags pass without attributes', () => {
    for (const tag of [
      'p',
      'ul',
      'ol',
      'li',
      'strong',
      'em',
      'code',
      'pre',
      'h1',
      'h6',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'blockquote',
      'del',
      'br',
      'hr',
    ]) {
      expect(
        safeElement(el(tag, { className: ['x'], style: 'color:red', onclick: 'alert(1)', id: 'y' })),
      ).toMatchObject({ kind: 'element', tag });
    }
    expect(safeElement(el('p', { onclick: 'alert(1)', style: 'x' }))).toEqual({ kind: 'element', tag: 'p', props: {} });
  });

  test('dangerous elements are dropped with their content; unknown ones unwrap', () => {
    for (const tag of ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'SCRIPT', 'template'])
      expect(safeElement(el(tag)).kind).toBe('drop');
    for (const tag of ['img', 'div', 'span', 'form', 'button', 'video'])
      expect(safeElement(el(tag)).kind).toBe('unwrap');
  });

  test('links: only http(s) and mailto, always noopener noreferrer in a new tab', () => {
    expect(safeElement(el('a', { href: 'https://example.org/x' }))).toEqual({
      kind: 'element',
      tag: 'a',
      props: { href: 'https://example.org/x', rel: 'noopener noreferrer', target: '_blank' },
    });
    expect(safeElement(el('a', { href: 'mailto:a@b.c' })).kind).toBe('element');
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '//evil.example',
      '/local',
      'http:/x',
    ]) {
      expect(safeElement(el('a', { href })).kind, href).toBe('unwrap');
    }
    expect(safeHref(42)).toBeNull();
  });

  test('inputs: only disabled checkboxes', () => {
    expect(safeElement(el('input', { type: 'checkbox', checked: true }))).toEqual({
      kind: 'element',
      tag: 'input',
      props: { type: 'checkbox', disabled: true, checked: true },
    });
    expect(safeElement(el('input', { type: 'text', value: 'x' })).kind).toBe('drop');
  });

  test('table alignment is the only style that passes', () => {
    expect(safeElement(el('td', { align: 'right' }))).toEqual({
      kind: 'element',
      tag: 'td',
      props: { style: 'text-align:right' },
    });
    expect(safeElement(el('td', { align: 'right;background:url(x)' }))).toEqual({
      kind: 'element',
      tag: 'td',
      props: {},
    });
  });
});

describe('highlight segments', () => {
  test('splits text into marked and plain runs', () => {
    expect(
      segments('deep learning model', [
        { start: 0, end: 4 },
        { start: 14, end: 19 },
      ]),
    ).toEqual([
      { text: 'deep', mark: true },
      { text: ' learning ', mark: false },
      { text: 'model', mark: true },
    ]);
  });

  test('tolerates unsorted, overlapping and out-of-range highlights', () => {
    expect(
      segments('abcdef', [
        { start: 4, end: 99 },
        { start: 1, end: 3 },
        { start: 2, end: 4 },
        { start: -5, end: 0 },
      ]),
    ).toEqual([
      { text: 'a', mark: false },
      { text: 'bc', mark: true },
      { text: 'd', mark: true },
      { text: 'ef', mark: true },
    ]);
    expect(segments('', [{ start: 0, end: 3 }])).toEqual([]);
  });
});

describe('links between documents in the passage view', () => {
  test('a link to a passage opens it inside the app; a malformed id, or a URL beside it, is never followed', () => {
    expect(safeElement(el('a', { dataPassage: 'abc123-2' }))).toEqual({
      kind: 'element',
      tag: 'a',
      props: { href: '#/passage/abc123-2', 'data-passage': 'abc123-2' },
    });
    expect(safeElement(el('a', { dataPassage: 'javascript:alert(1)' }))).toEqual({ kind: 'unwrap' });
    expect(safeElement(el('a', { dataPassage: '../../x', href: 'https://ok.test' }))).toEqual({ kind: 'unwrap' });
    expect(safeElement(el('a', { dataPassage: 'abc', href: 'javascript:alert(1)' }))).toMatchObject({
      props: { href: '#/passage/abc' },
    });
  });

  test('a link to nothing in the site is marked text with a title; any other span is its text', () => {
    expect(safeElement(el('span', { className: ['unresolved'], title: '<b>x</b>' }))).toEqual({
      kind: 'element',
      tag: 'span',
      props: { class: 'unresolved', title: 'Not in this site' },
    });
    expect(safeElement(el('span', { className: ['x'], style: 'color:red' }))).toEqual({ kind: 'unwrap' });
  });
});
