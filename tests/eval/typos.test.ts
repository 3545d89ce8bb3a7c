// Misspelled queries for `lantern eval --typos`: one typo per query, the same on every run.
import { describe, expect, it } from 'vitest';
import { misspell } from '../../src/eval/typos.ts';

/** Levenshtein distance with adjacent swaps counted as one edit (optimal string alignment). */
function edits(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const queries = Array.from({ length: 200 }, (_, i) => ({
  id: `q${i}`,
  text: `Does vitamin ${i} supplementation reduce fracture risk in older adults?`,
}));

describe('misspell', () => {
  it('changes exactly one word of five letters or more, by one edit, keeping its first letter', () => {
    for (const q of queries) {
      const typed = misspell(q).text;
      const before = q.text.split(' ');
      const after = typed.split(' ');
      expect(after).toHaveLength(before.length);
      const changed = before.map((w, i) => [w, after[i]]).filter(([a, b]) => a !== b);
      expect(changed, typed).toHaveLength(1);
      const [[word, typo]] = changed;
      expect(word.replace(/\W/g, '').length).toBeGreaterThanOrEqual(5);
      expect(edits(word, typo)).toBe(1);
      expect(typo[0]).toBe(word[0]);
    }
  });

  it('misspells a query the same way on every run, and different queries differently', () => {
    expect(queries.map((q) => misspell(q).text)).toEqual(queries.map((q) => misspell({ ...q }).text));
    const kinds = new Set(queries.map((q) => misspell(q).text.length - q.text.length));
    expect([...kinds].sort()).toEqual([-1, 0, 1]); // dropped, swapped or wrong, doubled letters all occur
  });

  it('leaves a query without a word of five letters alone', () => {
    expect(misspell({ id: 'x', text: 'why is it so?' }).text).toBe('why is it so?');
  });
});
