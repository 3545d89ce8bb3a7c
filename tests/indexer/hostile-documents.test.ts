// Documents built to stall a build (issue 22's probe): each is read in seconds, every word of its text kept, and
// what was done about it is said in a warning naming the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { limitParagraphs, readCorpus } from '../../src/indexer/ingest.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';
import { tempDir } from '../fixtures/helpers.ts';

const folder = tempDir('lantern-hostile-docs-');
afterAll(folder.cleanup);

async function read(name: string, text: string) {
  const dir = path.join(folder.dir, name.replace(/\W/g, '-'));
  mkdirSync(dir);
  writeFileSync(path.join(dir, name), text);
  const started = performance.now();
  const corpus = await readCorpus(dir, DEFAULT_CHUNKING);
  return { corpus, seconds: (performance.now() - started) / 1000 };
}

describe('a document with 1 MB of YAML front matter (100,000 keys)', () => {
  let result: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `key${i}: value ${i}`).join('\n');
    result = await read('keys.md', `---\ntitle: Keys\n${keys}\n---\n\nThe copper kettle sings at dawn.\n`);
  }, 60_000);

  it('is read in seconds, its text indexed and its front matter ignored with a warning', () => {
    expect(result.seconds).toBeLessThan(30);
    expect(result.corpus.passages.map((p) => p.text).join(' ')).toContain('copper kettle sings');
    expect(result.corpus.warnings).toEqual([
      {
        file: 'keys.md',
        reason: expect.stringMatching(/^front matter is too large \(.+ characters; .+\); it was ignored$/),
      },
    ]);
  });
});

it('reads front matter that repeats a key (the last value wins)', async () => {
  const { corpus } = await read('twice.md', '---\ntitle: First\ntitle: Second\n---\n\nSome words.\n');
  expect(corpus.documents[0].title).toBe('Second');
  expect(corpus.warnings).toEqual([]);
});

describe('one paragraph of 50,000 lines', () => {
  const lines = Array.from({ length: 50_000 }, (_, i) => `word${i} and _more_ text here`);
  let long: Awaited<ReturnType<typeof read>>;
  let short: Awaited<ReturnType<typeof read>>;
  beforeAll(async () => {
    long = await read('long.md', `# Long\n\n${lines.join('\n')}\n`);
    // The same lines as paragraphs of 100 lines: what the parser's cost is per line (the machine may be busy).
    const paragraphs = Array.from({ length: 500 }, (_, i) => lines.slice(i * 100, (i + 1) * 100).join('\n'));
    short = await read('short.md', `# Long\n\n${paragraphs.join('\n\n')}\n`);
  }, 300_000);

  it('is read about as fast as the same lines in short paragraphs, with every word kept', () => {
    console.log(
      `[hostile] 50,000-line paragraph ${long.seconds.toFixed(1)} s; in short paragraphs ${short.seconds.toFixed(1)} s`,
    );
    expect(long.seconds).toBeLessThan(3 * short.seconds + 2);
    const words = new Set(long.corpus.passages.flatMap((p) => p.text.split(/\s+/)));
    const missing = lines.map((_, i) => `word${i}`).filter((w) => !words.has(w));
    expect(missing).toEqual([]);
    expect(long.corpus.warnings).toEqual([
      { file: 'long.md', reason: expect.stringMatching(/^paragraphs longer than 200 lines cut/) },
    ]);
  });
});

it('leaves long fenced code and front matter whole', () => {
  const code = Array.from({ length: 450 }, (_, i) => `line ${i}`).join('\n');
  for (const text of [`# Code\n\n\`\`\`\n${code}\n\`\`\`\n`, `---\n${code.replaceAll(' ', ': ')}\n---\n\nText.\n`])
    expect(limitParagraphs(text)).toEqual({ text, cut: 0 });
});
