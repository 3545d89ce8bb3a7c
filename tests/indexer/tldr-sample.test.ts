// A real corpus nobody here wrote: 150 pages of tldr-pages (../shared/corpora/tldr, CC BY 4.0; see its
// PROVENANCE.md) picked deterministically, plus its oddly named ones, built into an index. The full 7,425-page
// build is `npm run check:corpora` (too slow for every test run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildIndex, type BuildReport } from '../../src/indexer/build.ts';
import { openIndexFolder } from '../../src/indexer/read-index.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import type { DocumentInfo, Passage } from '../../src/core/types.ts';
import { ROOT, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

const TLDR = path.join(ROOT, '../shared/corpora/tldr');
/** Pages whose names are punctuation (file names a walker or a URL could trip on); `..md` is hidden by its name. */
const ODD = [
  'common/!.md',
  'common/$.md',
  'common/%.md',
  'common/((.md',
  'common/,.md',
  'common/[[.md',
  'common/}.md',
  'common/~.md',
  'osx/g[.md',
  'common/..md',
];

function pages(): string[] {
  if (!existsSync(TLDR))
    throw new Error(
      `${TLDR} is missing: this test reads the tldr corpus from ../shared/corpora/tldr beside the repository`,
    );
  return readdirSync(TLDR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.relative(TLDR, path.join(e.parentPath, e.name)))
    .sort();
}

describe('150 real tldr pages', () => {
  const { dir, cleanup } = tempDir('lantern-tldr-');
  const data = path.join(dir, 'data');
  let picked: string[];
  let report: BuildReport;

  beforeAll(async () => {
    const all = pages();
    expect(all.length).toBe(7425);
    // Every 50th page in name order: all platforms, short and long pages.
    picked = [...new Set([...all.filter((_, i) => i % 50 === 0), ...ODD])];
    for (const page of picked) {
      mkdirSync(path.dirname(path.join(data, page)), { recursive: true });
      cpSync(path.join(TLDR, page), path.join(data, page));
    }
    const model = path.join(await ensureSeedIndex(), 'model');
    report = await buildIndex({ data, out: path.join(dir, 'index'), model, reporter: silentReporter });
  }, 600_000);
  afterAll(cleanup);

  it('indexes every page but the hidden one, each under its own name, and skips nothing', async () => {
    expect(report.rejected).toEqual([]);
    expect(report.hidden).toEqual(['common/..md']);
    const index = await openIndexFolder(path.join(dir, 'index'));
    const ids = index.documents.map((d) => d.id).sort();
    expect(ids).toEqual(picked.filter((p) => p !== 'common/..md').sort());
    expect(report.manifest.counts.documents).toBe(picked.length - 1);
  });

  it('reads each page whole: its title and its description reach the index', async () => {
    const index = JSON.parse(readFileSync(path.join(dir, 'index/passages.json'), 'utf8')) as {
      documents: DocumentInfo[];
      passages: Passage[];
    };
    const wrong: string[] = [];
    index.documents.forEach((doc, d) => {
      // A page is `# command`, then `> Description.` lines, then examples.
      const source = readFileSync(path.join(data, doc.id), 'utf8');
      const title = /^# (.+)$/m.exec(source)![1].trim();
      const description = /^> (.+)$/m.exec(source)![1].replace(/[`*]/g, '').trim();
      const text = index.passages
        .filter((p) => p.doc === d)
        .map((p) => p.text)
        .join(' ')
        .replace(/\s+/g, ' ');
      if (doc.title !== title)
        wrong.push(`${doc.id}: title ${JSON.stringify(doc.title)}, expected ${JSON.stringify(title)}`);
      if (!text.includes(description))
        wrong.push(`${doc.id}: description ${JSON.stringify(description)} not in its passages`);
    });
    expect(wrong).toEqual([]);
  });
});
