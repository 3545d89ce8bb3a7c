// The terminal's result list: each passage titled by its own heading, consecutive passages of one document under
// its title once, every passage with its own rank and link.
import { describe, expect, it } from 'vitest';
import { formatResults } from '../../src/cli/output.ts';
import type { SearchResult } from '../../src/core/types.ts';

function result(rank: number, id: string, doc: string, title: string, headings: string[]): SearchResult {
  const text = `Text of ${id}.`;
  return {
    rank,
    index: rank,
    id,
    doc,
    title,
    headings,
    text,
    tags: [],
    snippet: { text, highlights: [] },
    score: 1 / rank,
    link: `https://notes.test/#/passage/${id}`,
  };
}

const RANKED = [
  result(1, 'p1', 'career.md', 'Career', ['GoHealth', 'Payments']),
  result(2, 'p2', 'career.md', 'Career', ['GoHealth', 'Voice AI', 'Streaming']),
  result(3, 'p3', 'notes.md', 'Notes', []),
];

describe('formatResults', () => {
  it('groups consecutive passages of a document under its title, in rank order, each with its own link', () => {
    const lines = formatResults('payments', 'hybrid', RANKED).split('\n');
    expect(lines.filter((l) => l.startsWith('Career (career.md)'))).toHaveLength(1);
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('Career (career.md)')).toBeLessThan(at('1. Payments'));
    expect(at('1. Payments')).toBeLessThan(at('2. Streaming'));
    expect(at('2. Streaming')).toBeLessThan(at('3. Notes'));
    // Inside the group, the context is the headings above the passage's own (the document is the group's title).
    expect(lines[at('2. Streaming') + 1].trim()).toBe('GoHealth › Voice AI (score 0.5)');
    for (const id of ['p1', 'p2', 'p3'])
      expect(lines.some((l) => l.trim() === `https://notes.test/#/passage/${id}`)).toBe(true);
    // A passage with no heading is titled by its document; alone, it names its file.
    expect(lines[at('3. Notes') + 1].trim()).toBe('(notes.md, score 0.3333333333333333)');
  });

  it('a passage shown alone has its document and headings as context', () => {
    const out = formatResults('streaming', 'keyword', [RANKED[1]]);
    expect(out).toContain('2. Streaming\n   Career › GoHealth › Voice AI (career.md, score 0.5)');
  });

  it('shows the closest passages by meaning apart, never counted as matches', () => {
    const out = formatResults('cooking', 'hybrid', [], [RANKED[2]]);
    expect(out.startsWith('No passages match "cooking" (hybrid).\n')).toBe(true);
    expect(out).toContain('Closest passages by meaning (not matches):');
    expect(out).not.toMatch(/passages for/);
  });

  it('says which words it searched instead, or offers them when nothing matched', () => {
    const found = formatResults('paymnts', 'keyword', [RANKED[0]], [], 'payments');
    expect(found.split('\n').slice(0, 2)).toEqual([
      'Showing results for "payments" (search instead for the words as typed: --exact).',
      '1 passage for "paymnts" (keyword):',
    ]);
    const none = formatResults('cookng', 'hybrid', [], [RANKED[2]], 'cooking');
    expect(none.startsWith('No passages match "cookng" (hybrid).\nDid you mean "cooking"?\n')).toBe(true);
    expect(none).not.toContain('Showing results for');
  });
});
