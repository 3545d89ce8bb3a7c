// Results a reader can scan: passages titled by their own heading, and consecutive results of one document grouped
// without ever changing the ranking.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contextOf, groupResults, passageLabel } from '../../src/core/result-groups.ts';

const result = (id: string, doc: string) => ({ id, doc, title: `Title of ${doc}` });

describe('passageLabel', () => {
  it('titles a passage by its own heading, with the headings above it as its path', () => {
    expect(passageLabel('Career', ['GoHealth', 'Payments', 'Deployment'])).toEqual({
      title: 'Deployment',
      path: ['GoHealth', 'Payments'],
    });
  });

  it('falls back to the document title for a passage with no heading', () => {
    expect(passageLabel('Career', [])).toEqual({ title: 'Career', path: [] });
  });

  it('leaves out a first heading that repeats the document title', () => {
    expect(passageLabel('Career', ['Career', 'GoHealth'])).toEqual({ title: 'GoHealth', path: [] });
    expect(passageLabel('Career', ['Career'])).toEqual({ title: 'Career', path: [] });
  });
});

describe('contextOf', () => {
  it('is the document then the path, never repeating the title', () => {
    expect(contextOf('Career', passageLabel('Career', ['GoHealth', 'Payments']))).toEqual(['Career', 'GoHealth']);
    expect(contextOf('Career', passageLabel('Career', ['GoHealth']))).toEqual(['Career']);
    expect(contextOf('Career', passageLabel('Career', []))).toEqual([]);
  });
});

describe('groupResults', () => {
  it('joins consecutive results of one document and keeps where each group starts', () => {
    const ranked = [result('a', 'x.md'), result('b', 'x.md'), result('c', 'y.md'), result('d', 'x.md')];
    const groups = groupResults(ranked);
    expect(groups.map((g) => [g.doc, g.start, g.results.map((r) => r.id)])).toEqual([
      ['x.md', 0, ['a', 'b']],
      ['y.md', 2, ['c']],
      ['x.md', 3, ['d']],
    ]);
    expect(groups[0].title).toBe('Title of x.md');
  });

  it('never reorders: the groups read in order are the ranking, and neighbouring groups are other documents', () => {
    const ranked = fc
      .array(fc.constantFrom('a.md', 'b.md', 'c.md'), { maxLength: 30 })
      .map((docs) => docs.map((doc, i) => result(String(i), doc)));
    fc.assert(
      fc.property(ranked, (results) => {
        const groups = groupResults(results);
        expect(groups.flatMap((g) => g.results)).toEqual(results);
        groups.forEach((g, i) => {
          expect(g.results.every((r) => r.doc === g.doc)).toBe(true);
          expect(results[g.start]).toBe(g.results[0]);
          if (i > 0) expect(groups[i - 1].doc).not.toBe(g.doc);
        });
      }),
      { numRuns: 200 },
    );
  });
});
