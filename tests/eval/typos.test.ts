// Misspelled queries for `lantern eval --typos`: one typo per query, the same on every run.
import { describe, expect, it } from 'vitest';
import { misspell } from '../../src/eval/typos.ts';
import { editDistance as edits } from '../../src/core/typos.ts';

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

  it('misspells a word typed in capitals in capitals', () => {
    for (let i = 0; i < 50; i++) {
      const typed = misspell({ id: `c${i}`, text: 'set RUST_BACKTRACE please' }).text;
      const word = typed.split(' ')[1];
      expect(word, typed).toBe(word.toUpperCase());
    }
  });
});
