// Child process: builds one corpus's index and records the build's own report and peak memory (a separate
// process, so maxRSS is the build's alone). Usage: build-index.ts <corpus> <folder> [index folder] [--teacher-cache DIR]
// With an index folder: synthetic-10k is embedded by buildIndex with that index's model; synthetic-100k is
// composed from that (10k) index (compose.ts).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildIndex } from '../src/indexer/build.ts';
import { consoleReporter } from '../src/cli/progress.ts';
import { loadCorpus, type CorpusName } from './corpora.ts';
import { composeIndex } from './compose.ts';

export interface BuildRecord {
  corpus: string;
  passages: number;
  seconds: { total: number; chunk: number; model: number; embed: number };
  passagesPerSecond: number;
  /** Peak resident memory of the build process, bytes. */
  peakRss: number;
  /** The index whose model embedded the passages (or, composed, whose vectors were combined). */
  from?: string;
  /** Vectors composed from another index's, not embedded (synthetic-100k). */
  composed: boolean;
  builtAt: string;
}

const args = process.argv.slice(2);
const at = args.indexOf('--teacher-cache');
const teacherCacheDir = at >= 0 ? args.splice(at, 2)[1] : undefined;
const [name, folder, from] = args as [CorpusName, string, string | undefined];
// The build needs no queries (the seed corpus would otherwise read SciFact's).
const bench = await loadCorpus(name, 0);
const out = path.join(folder, 'index');
let record: BuildRecord;
if (bench.pairs && from) {
  const started = performance.now();
  await composeIndex(bench.corpus, bench.pairs, from, out);
  const total = (performance.now() - started) / 1000;
  record = {
    corpus: name,
    passages: bench.corpus.passages.length,
    seconds: { total, chunk: 0, model: 0, embed: total },
    passagesPerSecond: bench.corpus.passages.length / total,
    peakRss: 0,
    from: path.relative(process.cwd(), from),
    composed: true,
    builtAt: '',
  };
} else {
  const report = await buildIndex({
    data: bench.data,
    ...(bench.fromDisk ? {} : { corpus: bench.corpus }),
    out,
    ...(from ? { model: path.join(from, 'model') } : {}),
    ...(teacherCacheDir ? { teacherCacheDir } : {}),
    reporter: consoleReporter(process.stderr),
  });
  record = {
    corpus: name,
    passages: report.manifest.counts.passages,
    seconds: report.seconds,
    passagesPerSecond: report.passagesPerSecond,
    peakRss: 0,
    ...(from ? { from: path.relative(process.cwd(), from) } : {}),
    composed: false,
    builtAt: '',
  };
}
record.peakRss = process.resourceUsage().maxRSS * 1024;
record.builtAt = new Date().toISOString();
await writeFile(path.join(folder, 'build.json'), JSON.stringify(record, null, 2));
