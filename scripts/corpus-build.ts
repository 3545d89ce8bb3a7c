// One `lantern build` of a corpus, as a user runs it (default model, adapted to the corpus), in a process of its
// own so that its peak memory is the build's alone. Progress goes to stderr; the last stdout line is a JSON
// summary that scripts/check-corpora.ts reads. Usage: tsx scripts/corpus-build.ts <data> <out>
import { buildIndex } from '../src/indexer/build.ts';
import { consoleReporter } from '../src/cli/progress.ts';

const [data, out] = process.argv.slice(2);
if (!data || !out) throw new Error('usage: tsx scripts/corpus-build.ts <data> <out>');
const report = await buildIndex({ data, out, reporter: consoleReporter(process.stderr) });
process.stdout.write(
  `${JSON.stringify({
    documents: report.manifest.counts.documents,
    passages: report.manifest.counts.passages,
    rejected: report.rejected,
    hidden: report.hidden,
    warnings: report.warnings.length,
    seconds: report.seconds,
    passagesPerSecond: report.passagesPerSecond,
    // Kilobytes on Linux and macOS alike (Node normalises ru_maxrss).
    maxRssKB: process.resourceUsage().maxRSS,
  })}\n`,
);
