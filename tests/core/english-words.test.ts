// The English word list (core/english-words.ts), a Bloom filter of stems: every word put in is found, other
// strings rarely are (a false positive only leaves that typo uncorrected), and a file that is not such a list is
// refused with its name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEnglishTerms, encodeEnglishTerms } from '../../src/core/english-words.ts';

/** `count` distinct lowercase strings of 3 to 12 letters, the same for a given seed. */
function randomWords(count: number, seed: number, exclude: ReadonlySet<string> = new Set()): string[] {
  let state = seed >>> 0;
  const next = () => {
    // xorshift32: reproducible, so the measured rate is the same on every run.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const out = new Set<string>();
  while (out.size < count) {
    const length = 3 + Math.floor(next() * 10);
    let word = '';
    for (let i = 0; i < length; i++) word += String.fromCharCode(97 + Math.floor(next() * 26));
    if (!exclude.has(word)) out.add(word);
  }
  return [...out];
}

describe('the English word list', () => {
  it('finds every term it was made of, whatever the terms', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 300 }), (terms) => {
        const list = decodeEnglishTerms(encodeEnglishTerms(terms));
        for (const term of terms) expect(list.has(term), term).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('answers yes for other strings at about the rate it was sized for', () => {
    const words = randomWords(5000, 1);
    const others = randomWords(40_000, 2, new Set(words));
    for (const target of [0.005, 0.05]) {
      const list = decodeEnglishTerms(encodeEnglishTerms(words, target));
      const rate = others.filter((w) => list.has(w)).length / others.length;
      expect(rate, `target ${target}`).toBeGreaterThan(target * 0.5);
      expect(rate, `target ${target}`).toBeLessThan(target * 1.6);
    }
    // A larger rate makes a smaller file.
    expect(encodeEnglishTerms(words, 0.05).length).toBeLessThan(encodeEnglishTerms(words, 0.005).length);
  });

  it('refuses a file that is not a word list, naming it', () => {
    const html = new TextEncoder().encode('<!doctype html><p>not found</p>');
    expect(() => decodeEnglishTerms(html, 'words.3f9a2c.bin')).toThrow(
      /^words\.3f9a2c\.bin is not a Lantern word list$/,
    );
    expect(() => decodeEnglishTerms(new Uint8Array(3), 'words.bin')).toThrow(/^words\.bin is not a Lantern word list$/);
    expect(() => decodeEnglishTerms(new Uint8Array(0))).toThrow(/^words\.bin is not a Lantern word list$/);
  });

  it('refuses a damaged or newer file, naming it', () => {
    const good = encodeEnglishTerms(['garden', 'tomato', 'compost']);
    expect(() => decodeEnglishTerms(good.slice(0, -1), 'words.ab12.bin')).toThrow(/^words\.ab12\.bin is damaged$/);
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expect(() => decodeEnglishTerms(longer, 'words.ab12.bin')).toThrow(/^words\.ab12\.bin is damaged$/);
    const noHashes = good.slice();
    new DataView(noHashes.buffer).setUint32(8, 0, true);
    expect(() => decodeEnglishTerms(noHashes, 'words.ab12.bin')).toThrow(/^words\.ab12\.bin is damaged$/);
    const newer = good.slice();
    new DataView(newer.buffer).setUint32(4, 3, true);
    expect(() => decodeEnglishTerms(newer, 'words.ab12.bin')).toThrow(
      /^words\.ab12\.bin has version 3, this code reads 1 and 2$/,
    );
  });

  it('reads a list from a view into a larger buffer (as a file read may return it) as from the bytes alone', () => {
    const words = randomWords(200, 3);
    const bytes = encodeEnglishTerms(words.slice(0, 100));
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const alone = decodeEnglishTerms(bytes);
    const inView = decodeEnglishTerms(padded.subarray(8, 8 + bytes.length));
    expect(words.map((w) => inView.has(w))).toEqual(words.map((w) => alone.has(w)));
    expect(words.filter((w) => inView.has(w)).length).toBeGreaterThan(0);
  });

  it('carries word-form groups: each term of a group is searched with the others', () => {
    const list = decodeEnglishTerms(
      encodeEnglishTerms(['win', 'simpl'], 0.005, [
        ['win', 'won'],
        ['simpl', 'simpler', 'simplest'],
        ['leav', 'left'],
        ['leaf', 'leav'],
      ]),
    );
    expect(list.formsOf('won')).toEqual(['win']);
    expect(list.formsOf('simpl')).toEqual(['simpler', 'simplest']);
    expect(list.formsOf('leav')).toEqual(['left', 'leaf']);
    expect(list.formsOf('left')).toEqual(['leav']);
    expect(list.formsOf('model')).toEqual([]);
    // A term that names an Object property is a term like any other.
    expect(list.formsOf('constructor')).toEqual([]);
    expect(list.has('win')).toBe(true);
  });

  it('reads a version 1 list (an index built before word forms) as one without forms', () => {
    const v2 = encodeEnglishTerms(['garden', 'tomato']);
    const formBytes = new DataView(v2.buffer).getUint32(16, true);
    const v1 = new Uint8Array(v2.length - 4 - formBytes);
    v1.set(v2.subarray(0, 16));
    v1.set(v2.subarray(20, v2.length - formBytes), 16);
    new DataView(v1.buffer).setUint32(4, 1, true);
    const list = decodeEnglishTerms(v1);
    expect(list.has('garden')).toBe(true);
    expect(list.formsOf('garden')).toEqual([]);
  });

  it('names the file when its forms are not groups of terms', () => {
    const filter = encodeEnglishTerms(['garden']);
    const bad = new Uint8Array(filter.length + 5);
    bad.set(filter);
    bad.set(new TextEncoder().encode('{"a":'), filter.length);
    new DataView(bad.buffer).setUint32(16, 5 + new DataView(filter.buffer).getUint32(16, true), true);
    expect(() => decodeEnglishTerms(bad, 'words.ab12.bin')).toThrow(/^words\.ab12\.bin is damaged$/);
  });
});
