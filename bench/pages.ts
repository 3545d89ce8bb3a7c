// What the passage pages (src/site/pages.ts) add to a site at 10k and 100k passages, one page per passage and one
// per document (the layout of sharded indexes): files, bytes, gzip bytes and
// disk space in 4 KiB blocks, for the synthetic corpora of bench/corpora.ts (made from SciFact text, which must be
// in ../shared/bench/scifact or LANTERN_SCIFACT). Nothing is written: the pages are generated in memory.
// Run: npx tsx bench/pages.ts
import { gzipSync } from 'node:zlib';
import { joinPairs, synthesize } from './corpora.ts';
import { readBeir } from '../src/eval/dataset.ts';
import { SCIFACT_DIR } from './corpora.ts';
import { sitePages, type PageSite, type PagesInput } from '../src/site/pages.ts';
import type { PageLayout } from '../src/core/links.ts';
import type { Corpus } from '../src/indexer/ingest.ts';

const SITE: PageSite = { name: 'Ada’s notes', url: 'https://ada.github.io/notes/', themeColor: '#1f5f5b' };

function measure(name: string, input: PagesInput & { passages: Corpus['passages'] }, layout: PageLayout): void {
  let files = 0;
  let bytes = 0;
  let gzip = 0;
  let blocks = 0;
  for (const [, text] of sitePages(SITE, input, layout)) {
    const size = Buffer.byteLength(text);
    files++;
    bytes += size;
    gzip += gzipSync(text).length;
    blocks += Math.ceil(size / 4096);
  }
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const text = input.passages.reduce((n, p) => n + Buffer.byteLength(p.text), 0);
  process.stdout.write(
    `${name.padEnd(16)} ${layout.padEnd(9)} ${String(input.passages.length).padStart(7)} passages  ${String(files).padStart(7)} files  ${mb(bytes).padStart(9)} (${(bytes / files / 1024).toFixed(1)} KB a file, of which passage text ${mb(text)})  gzip ${mb(gzip).padStart(8)}  on disk ${mb(blocks * 4096)}\n`,
  );
}

const scifact = await readBeir(SCIFACT_DIR);
const small = synthesize(scifact.corpus, 10_000);
const large = joinPairs(small, 100_000).corpus;
for (const layout of ['passage', 'document'] as const) {
  measure('synthetic-10k', small, layout);
  measure('synthetic-100k', large, layout);
}
