// Child process: builds one corpus's index and records the build's own report and peak memory (a separate
// process, so maxRSS is the build's alone). Usage: build-index.ts <corpus> <folder> [index folder]
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

const [name, folder, from] = process.argv.slice(2) as [CorpusName, string, string | undefined];
const bench = await loadCorpus(name);
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
