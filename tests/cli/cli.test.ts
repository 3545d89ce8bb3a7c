// The `lantern` command end to end: spawned as a user runs it, against the seed-corpus index.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_CORPUS, FIXTURES, ROOT, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import { lantern, type Run } from '../fixtures/cli.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

interface JsonResult {
  rank: number;
  id: string;
  doc: string;
  title: string;
  headings: string[];
  text: string;
  snippet: string;
  highlights: { start: number; end: number }[];
  tags: string[];
  score: number;
  link: string;
}

const QUESTIONS = path.join(FIXTURES, 'seed-questions.jsonl');

/** The passage that answers each question of seed-questions.jsonl, described by what it says. */
const ANSWERS: Record<string, (r: JsonResult) => boolean> = {
  'simple-model': (r) =>
    r.doc === 'technical-projects.md' &&
    r.headings.includes('Production Payment Prediction System') &&
    /logistic regression/i.test(r.text),
  'laptop-stt': (r) => r.doc === 'technical-projects.md' && /whisper/i.test(r.text) && /no GPU required/.test(r.text),
  'amgen-pm': (r) =>
    r.doc === 'amgen-digital-persona-case-study.md' &&
    r.headings.at(-1) === 'Situation' &&
    /Jeroen \(PM\)/.test(r.text),
};

/** 1-based rank of the first answer, or Infinity. */
const rankOf = (id: string, results: JsonResult[]) => {
  const i = results.findIndex(ANSWERS[id]);
  return i < 0 ? Infinity : results[i].rank;
};

let index: string;
beforeAll(async () => {
  index = path.relative(ROOT, await ensureSeedIndex());
});

describe('lantern search --json', () => {
  let run: Run;
  let output: { query: string; mode: string; total: number; results: JsonResult[] };
  beforeAll(async () => {
    run = await lantern('search', '--index', index, '--json', '--k', '5', 'why did a simple model beat deep learning');
    output = JSON.parse(run.stdout);
  });

  it('prints one JSON object with the query, the mode used and the results', () => {
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(output).sort()).toEqual([
      'closest',
      'corrections',
      'mode',
      'more',
      'query',
      'results',
      'searched',
      'total',
    ]);
    expect(output.total).toBeGreaterThanOrEqual(output.results.length);
    expect(output.query).toBe('why did a simple model beat deep learning');
    expect(output.mode).toBe('hybrid');
    expect(output.results).toHaveLength(5);
  });

  it('gives every result its rank, id, document, title, breadcrumbs, text, snippet, score and link', () => {
    output.results.forEach((r, i) => {
      expect(r.rank).toBe(i + 1);
      expect(r.id).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(r.doc).toMatch(/\.md$/);
      expect(typeof r.title).toBe('string');
      expect(Array.isArray(r.headings)).toBe(true);
      expect(r.text.length).toBeGreaterThan(0);
      expect(r.text.replace(/\s+/g, ' ')).toContain(r.snippet.replace(/^… /, '').replace(/ …$/, ''));
      expect(typeof r.score).toBe('number');
      expect(r.link).toBe(`http://127.0.0.1:4173/#/passage/${r.id}`);
      for (const h of r.highlights) expect(r.snippet.slice(h.start, h.end)).toMatch(/^[\p{L}\p{N}]+$/u);
    });
    const scores = output.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('prints readable results without --json: breadcrumbs, marked matches and links', async () => {
    const plain = await lantern('search', '--index', index, '--mode', 'keyword', '--k', '2', 'logistic regression');
    expect(plain.code).toBe(0);
    // Two shown of more that match: the count says so.
    expect(plain.stdout).toMatch(/^Top 2 of \d+ matches for "logistic regression" \(keyword\):/);
    expect(plain.stdout).toContain(
      'Patrick Herbert - Detailed Technical Experience › GoHealth | Senior Machine Learning Engineer',
    );
    expect(plain.stdout).toMatch(/\[Logistic\] \[Regression\]/i);
    expect(plain.stdout).toContain('http://127.0.0.1:4173/#/passage/');
  });

  it("answers the README's example first: another form of a word ('won' for 'win', 'simpler' for 'simple') counts", async () => {
    const run = await lantern('search', '--index', index, '--json', '--k', '3', 'why did a simple model win?');
    const [first] = (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
    expect(first.text).toContain('Why Logistic Regression Won');
    expect(first.text).toContain('Simpler model');
    // The stemmer alone keeps these forms apart: the keyword side finds the passage by its forms only.
    const keyword = await lantern('search', '--index', index, '--json', '--mode', 'keyword', 'simpler won');
    expect((JSON.parse(keyword.stdout) as { results: JsonResult[] }).results[0].text).toContain(
      'Why Logistic Regression Won',
    );
  });

  it('finds the American spelling of a British one without calling it a typo', async () => {
    const run = await lantern('search', '--index', index, '--json', '--mode', 'keyword', '--k', '3', 'optimisation');
    const json = JSON.parse(run.stdout) as { results: JsonResult[]; corrections: unknown[] };
    expect(json.corrections).toEqual([]);
    expect(json.results.length).toBeGreaterThan(0);
    for (const result of json.results) expect(result.text).toMatch(/optimization/i);
  });

  it('says which words it searched instead of misspelt ones; --exact searches the words as typed', async () => {
    const plain = await lantern('search', '--index', index, '--mode', 'keyword', '--k', '2', 'logistc regresion');
    expect(plain.stdout).toMatch(
      /^Showing results for "logistic regression" \(search instead for the words as typed: --exact\)\.\nTop 2 of \d+ matches for "logistc regresion" \(keyword\):/,
    );
    expect(plain.stdout).toMatch(/\[Logistic\] \[Regression\]/i);
    const json = JSON.parse(
      (await lantern('search', '--index', index, '--mode', 'keyword', '--k', '2', '--json', 'logistc regresion'))
        .stdout,
    );
    expect(json.searched).toBe('logistic regression');
    expect(json.corrections.map((c: { typed: string; shown: string }) => [c.typed, c.shown])).toEqual([
      ['logistc', 'logistic'],
      ['regresion', 'regression'],
    ]);
    const exact = await lantern('search', '--index', index, '--mode', 'keyword', '--exact', 'logistc regresion');
    expect(exact.stdout).toBe('No passages match "logistc regresion" (keyword).\n');
  });

  it('says so when nothing matches', async () => {
    const none = await lantern('search', '--index', index, '--mode', 'keyword', 'xylophonezzz');
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('No passages match "xylophonezzz" (keyword).\n');
  });
});

describe('real questions about data/, with --queries FILE.jsonl', () => {
  const runs: Record<string, { code: number; lines: { id: string; results: JsonResult[] }[] }> = {};
  beforeAll(async () => {
    await Promise.all(
      ['keyword', 'semantic', 'hybrid'].map(async (mode) => {
        const run = await lantern(
          'search',
          '--index',
          index,
          '--mode',
          mode,
          '--k',
          '10',
          '--json',
          '--queries',
          QUESTIONS,
        );
        runs[mode] = {
          code: run.code,
          lines: run.stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l)),
        };
      }),
    );
  });

  it('prints one JSON line per query, in order, with its id', () => {
    for (const mode of ['keyword', 'semantic', 'hybrid']) {
      expect(runs[mode].code).toBe(0);
      expect(runs[mode].lines.map((l) => l.id)).toEqual(['simple-model', 'laptop-stt', 'amgen-pm']);
      // Up to 10: only passages with evidence for them are results (core/confidence.ts).
      for (const line of runs[mode].lines) expect(line.results.length).toBeGreaterThan(0);
      for (const line of runs[mode].lines) expect(line.results.length).toBeLessThanOrEqual(10);
    }
  });

  it('hybrid puts the answer of every question in the top 5', () => {
    for (const { id, results } of runs.hybrid.lines) expect(rankOf(id, results), id).toBeLessThanOrEqual(5);
  });

  it('keyword search finds every answer in the top 5', () => {
    for (const { id, results } of runs.keyword.lines) expect(rankOf(id, results), id).toBeLessThanOrEqual(5);
  });

  it('semantic search finds the answers phrased differently from the question', () => {
    const [simple, stt] = runs.semantic.lines;
    expect(rankOf('simple-model', simple.results)).toBeLessThanOrEqual(5);
    expect(rankOf('laptop-stt', stt.results)).toBeLessThanOrEqual(3);
    // (Semantic search alone does not find the Amgen answer: "project manager" is written "PM" there.)
  });

  it('hybrid ranks every answer at least as high as semantic search alone', () => {
    runs.hybrid.lines.forEach(({ id, results }, i) =>
      expect(rankOf(id, results), id).toBeLessThanOrEqual(rankOf(id, runs.semantic.lines[i].results)),
    );
  });
});

// Each test spawns its own `lantern` process and works in its own folder: they run side by side.
describe.concurrent('errors a user can make', () => {
  const { dir, cleanup } = tempDir('lantern-cli-');
  afterAll(cleanup);

  it('search on a missing index says to run `lantern build`', async () => {
    const run = await lantern('search', '--index', path.join(dir, 'no-index'), 'anything');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^lantern: no index at .*no-index \(no manifest\.json\): run `lantern build` first\n$/);
    expect(run.stdout).toBe('');
  });

  it('refuses an index whose model file was altered, and still allows keyword search', async () => {
    const copy = path.join(dir, 'altered');
    cpSync(path.join(ROOT, index), copy, { recursive: true });
    appendFileSync(path.join(copy, 'model', 'onnx', 'model_quantized.onnx'), Buffer.from([0]));
    const semantic = await lantern('search', '--index', copy, '--mode', 'semantic', 'speech recognition');
    expect(semantic.code).not.toBe(0);
    expect(semantic.stderr).toMatch(
      /the model in .*altered\/model is not the one this index was built with \(onnx\/model_quantized\.onnx differs\): rebuild with `lantern build`/,
    );
    const keyword = await lantern('search', '--index', copy, '--mode', 'keyword', '--json', 'whisper');
    expect(keyword.code).toBe(0);
    expect(JSON.parse(keyword.stdout).results.length).toBeGreaterThan(0);
  });

  it.each([
    [['--k', '0'], /--k must be a positive integer, got "0"/],
    [['--k', 'ten'], /--k must be a positive integer, got "ten"/],
    [['--k', '1e400'], /--k must be a positive integer, got "1e400"/],
    [['--mode', 'fast'], /--mode.*fast.*hybrid, keyword, semantic/],
  ])('names the parameter of a bad option %j', async (option, message) => {
    const run = await lantern('search', '--index', index, ...option, 'query');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('asks for a query when there is none', async () => {
    const run = await lantern('search', '--index', index);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('give a query, or --queries FILE');
  });

  it('names the line of a broken queries file', async () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id": "a", "text": "fine"}\n{"id": "b", "query": "no text field"}\n');
    const run = await lantern('search', '--index', index, '--mode', 'keyword', '--queries', file);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${file}:2: no "text" string`);
  });
});

describe.concurrent('lantern check', () => {
  it('reports that every sentence of data/ is kept, and exits 0', async () => {
    const run = await lantern('check', '--data', 'data');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^text kept: 100\.0% of \d+ sentences in 3 documents/m);
    const json = JSON.parse((await lantern('check', '--data', 'data', '--json')).stdout) as {
      sentences: number;
      indexed: number;
      shown: number;
    };
    expect(json.indexed).toBe(json.sentences);
    expect(json.shown).toBe(json.sentences);
  });

  it('fails on a folder that does not exist, as build does (a mistyped path never passes --min 100)', async () => {
    const run = await lantern('check', '--data', 'no-such-folder', '--min', '100');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--data no-such-folder: no such folder');
  });

  it('refuses a threshold that is not a percentage', async () => {
    const run = await lantern('check', '--data', 'data', '--min', '120');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--min must be a percentage from 0 to 100, got "120"');
  });
});

describe.concurrent('lantern build', () => {
  const { dir, cleanup } = tempDir('lantern-cli-build-');
  afterAll(cleanup);

  it('builds an index, lists skipped files by name and reason, and the index is searchable', async () => {
    const data = path.join(dir, 'notes');
    cpSync(FIXTURE_CORPUS, data, { recursive: true });
    mkdirSync(path.join(data, 'broken'));
    writeFileSync(path.join(data, 'broken', 'empty.md'), '');
    const out = path.join(dir, 'index');
    const build = await lantern(
      'build',
      '--data',
      data,
      '--out',
      out,
      '--model',
      path.join(ROOT, index, 'model'),
      '--base-url',
      'https://notes.example/',
    );
    expect(build.code).toBe(0);
    expect(build.stderr).toContain('skipped    broken/empty.md: empty file');
    expect(build.stderr).toContain('1 file(s) skipped (listed above); 3 indexed.');
    const search = await lantern('search', '--index', out, '--json', '--k', '1', 'sourdough starter feeding');
    expect(search.code).toBe(0);
    const [top] = JSON.parse(search.stdout).results as JsonResult[];
    expect(top.doc).toBe('baking/sourdough.md');
    expect(top.link).toBe(`https://notes.example/#/passage/${top.id}`);
  });

  it('fails with a message naming the folder when there is nothing to index', async () => {
    const empty = path.join(dir, 'empty-notes');
    mkdirSync(empty);
    const run = await lantern('build', '--data', empty, '--out', path.join(dir, 'never'), '--quiet');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`lantern: nothing could be indexed in ${empty}`);
  });
});

describe('lantern eval --per-query and lantern diff', () => {
  const { dir, cleanup } = tempDir('lantern-cli-diff-');
  afterAll(cleanup);

  it('shows which question a change broke, with its rank before and after', async () => {
    // The "change": one question reworded into words its answer does not contain.
    const questions = readFileSync(QUESTIONS, 'utf8');
    mkdirSync(path.join(dir, 'reworded'));
    const reworded = path.join(dir, 'reworded', path.basename(QUESTIONS)); // runs are paired by file name
    writeFileSync(
      reworded,
      questions.replace('why did a simple model beat deep learning', 'sourdough starter feeding schedule'),
    );
    const save = async (file: string, out: string) => {
      const run = await lantern(
        'eval',
        '--questions',
        file,
        '--index',
        index,
        '--mode',
        'keyword',
        '--json',
        '--per-query',
      );
      expect(run.code).toBe(0);
      writeFileSync(path.join(dir, out), run.stdout);
      return path.join(dir, out);
    };
    const [before, after] = await Promise.all([save(QUESTIONS, 'before.json'), save(reworded, 'after.json')]);
    const diff = await lantern('diff', before, after);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('keyword: 0 better, 1 worse, 2 unchanged (by nDCG@10)');
    expect(diff.stdout).toMatch(
      /worse:\n\s+simple-model\s+rank\s+1 → >10\s+nDCG@10 1\.000 → 0\.000\s+"sourdough starter feeding schedule"/,
    );
    const json = await lantern('diff', before, after, '--json');
    expect(JSON.parse(json.stdout)[0].modes[0].worse.map((c: { id: string }) => c.id)).toEqual(['simple-model']);
  });

  it('names a saved run it cannot read, and one saved without --per-query', async () => {
    const missing = path.join(dir, 'missing.json');
    const run = await lantern('diff', missing, missing);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${missing}: cannot read it (ENOENT)`);
    const means = await lantern('eval', '--questions', QUESTIONS, '--index', index, '--mode', 'keyword', '--json');
    const bare = path.join(dir, 'means.json');
    writeFileSync(bare, means.stdout);
    const refused = await lantern('diff', bare, bare);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      `${bare} has no per-query metrics for seed-questions.jsonl (keyword): save it with \`lantern eval --json --per-query\``,
    );
  });
});
