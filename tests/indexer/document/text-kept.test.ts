// No text lost: every visible sentence of a document reaches the index (a passage's text or heading path) and the
// app's document view. The check itself, the seed corpus at 100%, and generated markdown of every syntax we read.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkDocument } from '../../../src/indexer/document/chunking.ts';
import { textKept, visibleSentences } from '../../../src/indexer/document/text-kept.ts';
import { words } from '../../../src/core/analysis.ts';
import { checkCorpus, keptPercent } from '../../../src/indexer/check.ts';
import { DATA } from '../../fixtures/helpers.ts';
import type { ChunkingOptions } from '../../../src/core/settings.ts';

const kept = (source: string, options?: ChunkingOptions) => {
  const doc = chunkDocument('doc.md', source, options);
  return { doc, ...textKept(source, doc.title, doc.passages) };
};

describe('the text-kept check', () => {
  it('reads visible text only: front-matter text but not settings, link text but not URLs, no comments or tags', () => {
    const source =
      '---\ntitle: Garden log\ndescription: What grew where.\naliases: [Allotment]\ndraft: true\n---\nSee [the soil guide](https://soil.test/guide) and [[Compost|my compost]] #gardening.\n\n%% private note %%\n\n> [!tip] Water early\n> Before the heat. ^tip1\n';
    expect(visibleSentences(source)).toEqual([
      'Garden log',
      'What grew where.',
      'Allotment',
      'See the soil guide and my compost .',
      'Water early',
      'Before the heat.',
    ]);
  });

  it('names a sentence missing from the index and one missing from the display', () => {
    const source =
      '## Role\n\n*October 2024 - Present | Chicago, IL*\n\nBuilt the payment model. Shipped it to production.\n';
    const doc = chunkDocument('cv.md', source);
    const withoutText = doc.passages.map((p) => ({ ...p, text: p.text.replace('Shipped it to production.', '') }));
    expect(textKept(source, doc.title, withoutText).lostFromIndex).toEqual(['Shipped it to production.']);
    const withoutBody = doc.passages.map((p) => ({ ...p, body: [] }));
    expect(textKept(source, doc.title, withoutBody).lostFromDisplay).toContain('Built the payment model.');
  });

  it('keeps every sentence of the seed corpus, in the index and on screen', async () => {
    const report = await checkCorpus(DATA);
    expect(report.documents.length).toBeGreaterThanOrEqual(3);
    for (const doc of report.documents)
      expect({ file: doc.file, lost: [...doc.lostFromIndex, ...doc.lostFromDisplay] }).toEqual({
        file: doc.file,
        lost: [],
      });
    expect(keptPercent(report)).toBe(100);
  });
});

describe('text that used to vanish', () => {
  it('keeps a role line and bold labels that sit right above another heading', () => {
    const source =
      '## GoHealth | Senior Engineer\n*October 2024 - Present | Chicago, IL*\n\n### Payments\n\n**Technical Implementation:**\n\n**Model Selection Process:**\n- Tried many models, kept the simplest one that worked.\n';
    const { doc, lostFromIndex, lostFromDisplay } = kept(source);
    expect(lostFromIndex).toEqual([]);
    expect(lostFromDisplay).toEqual([]);
    expect(doc.passages.some((p) => p.text.includes('Chicago, IL'))).toBe(true);
  });

  it('keeps list items written under an embed line (CommonMark reads them as part of its HTML block)', () => {
    const source =
      '- Duets\n  <iframe width="560" src="https://www.youtube.com/embed/x" title="Video"></iframe>\n  - [A shorter Experience](https://devpost.test/a)\n  - [Contextual Music Search](https://devpost.test/b)\n';
    const { doc, lostFromIndex } = kept(source);
    expect(lostFromIndex).toEqual([]);
    const text = doc.passages.map((p) => p.text).join('\n');
    expect(text).toContain('A shorter Experience');
    expect(text).not.toContain('devpost.test');
  });

  it('keeps headings with nothing under them, and a note that is only its title', () => {
    expect(kept('# Plan\n\n## Monday\n## Tuesday\n\nRest day.\n## Wednesday\n').lostFromIndex).toEqual([]);
    const titled = kept('---\ntitle: Reading list\n---\n# Books to read\n\nDune.\n');
    expect(titled.lostFromIndex).toEqual([]);
    expect(titled.doc.title).toBe('Reading list');
    expect(kept('# Only a title\n').doc.passages.map((p) => p.text)).toEqual(['Only a title']);
  });
});

// Generated documents: blocks of every kind, with words drawn at random, chunked with any sizes.
const word = fc.stringMatching(/^[a-z]{3,9}$/);
const phrase = (min = 1, max = 8) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));
const sentence = phrase(2, 12).map((s) => `${s[0].toUpperCase()}${s.slice(1)}.`);
const prose = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((s) => s.join(' '));
const block: fc.Arbitrary<string> = fc.oneof(
  prose,
  fc.tuple(fc.integer({ min: 1, max: 6 }), phrase()).map(([d, t]) => `${'#'.repeat(d)} ${t}`),
  phrase(1, 5).map((t) => `**${t}:**`),
  phrase(1, 5).map((t) => `*${t} | ${t}*`),
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.oneof(
          prose,
          phrase(1, 4).map((t) => `[${t}](https://x.test/${t.length})`),
          phrase(1, 4).map((t) => `[ ] ${t}`),
        ),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((items) => items.map(([depth, t], i) => `${'  '.repeat(Math.min(depth, i))}- ${t}`).join('\n')),
  phrase(1, 6).map((t) => `- ${t} | ${t}`),
  phrase(1, 6).map((t) => `- ${t}?`),
  fc
    .tuple(fc.constantFrom('note', 'tip', 'WARNING', 'info'), fc.option(phrase(1, 4)), prose)
    .map(([k, t, body]) => `> [!${k}]${t ? ` ${t}` : ''}\n> ${body}`),
  prose.map((t) => `> ${t}`),
  // Tables and HTML blocks run on to the next blank line, so they are written with blank lines around them.
  fc
    .tuple(
      phrase(1, 2),
      fc.array(fc.array(phrase(1, 3), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 4 }),
    )
    .map(([head, rows]) => `\n| ${head} | b |\n| --- | --- |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`),
  prose.map((t) => `\`\`\`\n${t}\n\`\`\``),
  prose.map((t) => `\n<div class="x">${t}</div>\n`),
  fc.tuple(phrase(1, 3), phrase(1, 3)).map(([t, u]) => `See [[${t}]] and [[${u}|${t}]] and ![[${u}]].`),
  fc.tuple(phrase(1, 3), prose).map(([t, p]) => `${p} ==${t}== ^blk${t.length}`),
  fc.tuple(prose, phrase(1, 3)).map(([p, n]) => `${p}[^1]\n\n[^1]: ${n}.`),
);
const frontMatter = fc.option(
  fc
    .tuple(phrase(1, 4), fc.option(sentence), fc.array(phrase(1, 3), { maxLength: 3 }))
    .map(
      ([title, description, aliases]) =>
        `---\ntitle: ${title}\n${description ? `description: ${description}\n` : ''}${aliases.length ? `aliases: [${aliases.join(', ')}]\n` : ''}tags: [x]\n---\n`,
    ),
);
const document = fc
  .tuple(frontMatter, fc.array(block, { minLength: 1, maxLength: 14 }), fc.constantFrom('\n', '\n\n'))
  .map(([fm, blocks, sep]) => `${fm ?? ''}${blocks.join(sep)}\n`);
const options: fc.Arbitrary<ChunkingOptions> = fc
  .integer({ min: 4, max: 200 })
  .chain((maxWords) => fc.record({ maxWords: fc.constant(maxWords), minWords: fc.integer({ min: 0, max: maxWords }) }));

describe('generated markdown', { timeout: 120_000 }, () => {
  it('keeps every visible sentence in the index and on screen', () => {
    fc.assert(
      fc.property(document, options, (source, opts) => {
        const { lostFromIndex, lostFromDisplay } = kept(source, opts);
        expect({ lostFromIndex, lostFromDisplay }).toEqual({ lostFromIndex: [], lostFromDisplay: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('never shows or indexes an Obsidian comment', () => {
    fc.assert(
      fc.property(document, phrase(2, 6), (source, secret) => {
        const marked = `ZQ9X ${secret} ZQ9X`;
        const doc = chunkDocument('doc.md', `${source}\n%% ${marked} %%\n\n%%\n${marked}\n%%\n`);
        const all = doc.passages.flatMap((p) => [p.text, ...p.headings]).join(' ');
        expect(words(all)).not.toContain('zq9x');
      }),
      { numRuns: 100 },
    );
  });
});
