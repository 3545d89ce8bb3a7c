// `lantern` on hostile documents and damaged indexes: the terminal only ever receives text (no escape sequence,
// control or bidi character of a document), a huge field is shortened, --json stays exact, --k cannot exhaust
// memory, a damaged index file is named with its fix, and keyword search works without vectors.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildIndex } from '../../src/indexer/build.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import { lantern, type Run } from '../fixtures/cli.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

/** Anything a terminal acts on: C0 (line feed aside), DEL, C1, and the bidi embeddings, overrides and isolates. */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u;

const ESCAPES = '\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[31m';
const TITLE = `Hostile ${ESCAPES}title\x1b[0m \u202Eevil\u202C`;
const HEADING = `Heading \x1b[2J\x1b[1;1Hcleared \u2066isolated\u2069`;
const BODY = `The firefly passage \x1b]0;retitled\x07 says glowworm \x9b31m twice: glowworm.`;
const HUGE_TITLE = `Megabyte ${'x'.repeat(1024 * 1024)}`;
const FILE_NAME = 'evil\x1b[31mname.md';

const { dir, cleanup } = tempDir('lantern-safety-');
const data = path.join(dir, 'data');
const out = path.join(dir, 'index');
let passages = 0;

beforeAll(async () => {
  mkdirSync(data);
  writeFileSync(
    path.join(data, 'hostile.md'),
    `---\ntitle: "${TITLE.replace(/\x1b/g, '\\e').replace(/\x07/g, '\\a')}"\n---\n## ${HEADING}\n\n${BODY}\n`,
  );
  writeFileSync(
    path.join(data, 'huge.md'),
    // A heading (front matter is capped at 64K characters: tests/indexer/hostile-documents.test.ts).
    `# ${HUGE_TITLE}\n\nThe lantern passage about a megabyte title.\n`,
  );
  writeFileSync(
    path.join(data, FILE_NAME),
    'A plain passage about fireflies in a file whose name carries an escape.\n',
  );
  writeFileSync(path.join(data, 'binary\x1b]0;x\x07.md'), Buffer.from([0, 1, 2, 3, 0, 0, 0]));
  // The seed index's model, used as a local model: no training.
  const report = await buildIndex({
    data,
    out,
    model: path.join(await ensureSeedIndex(), 'model'),
    reporter: silentReporter,
  });
  passages = report.manifest.counts.passages;
});
afterAll(cleanup);

describe('human output of lantern search', () => {
  let run: Run;
  beforeAll(async () => {
    run = await lantern('search', '--index', out, '--mode', 'keyword', '--k', '10', 'glowworm firefly title megabyte');
  });

  it('prints the readable text of titles, headings, snippets and file names, without any control sequence', () => {
    expect(run.code).toBe(0);
    expect(UNSAFE.test(run.stdout), JSON.stringify(run.stdout.match(UNSAFE))).toBe(false);
    // Titled by its heading, with its document as context.
    expect(run.stdout).toMatch(/\d\. Heading cleared isolated\n +Hostile title evil \(hostile\.md, score/);
    expect(run.stdout).toContain('The [firefly] passage  says [glowworm]  twice: [glowworm].');
    expect(run.stdout).toContain('(evilname.md, score');
    expect(run.stdout).not.toMatch(/pwned|ZXZpbA|retitled|31m/);
  });

  it('shortens a megabyte title to one readable line', () => {
    const line = run.stdout.split('\n').find((l) => l.includes('Megabyte'))!;
    expect(line).toMatch(/^\d+\. Megabyte x+…$/);
    expect(line.length).toBeLessThan(500);
    expect(run.stdout.length).toBeLessThan(10_000);
  });

  it('cleans the query it echoes too', async () => {
    const none = await lantern('search', '--index', out, '--mode', 'keyword', 'nothing\x1b[Jhere\u202e');
    expect(none.stdout).toBe('No passages match "nothinghere" (keyword).\n');
  });

  it('--json keeps every field exact (JSON escapes the control characters)', async () => {
    const json = await lantern('search', '--index', out, '--mode', 'keyword', '--json', 'glowworm megabyte');
    expect(json.code).toBe(0);
    // Not one control character raw, C1 and bidi included (JSON.stringify alone writes those as they are).
    expect(UNSAFE.test(json.stdout)).toBe(false);
    const { results } = JSON.parse(json.stdout) as {
      results: { title: string; headings: string[]; text: string; doc: string }[];
    };
    const hostile = results.find((r) => r.doc === 'hostile.md')!;
    expect(hostile.title).toBe(TITLE);
    expect(hostile.headings).toEqual([HEADING]);
    expect(hostile.text).toBe(BODY);
    expect(results.find((r) => r.doc === 'huge.md')!.title).toBe(HUGE_TITLE);
  });
});

describe('lantern build reports', () => {
  it('name skipped files without their control characters', async () => {
    const { dir: tmp, cleanup: done } = tempDir('lantern-safety-build-');
    try {
      const run = await lantern(
        'build',
        '--data',
        data,
        '--out',
        path.join(tmp, 'index'),
        '--model',
        path.join(await ensureSeedIndex(), 'model'),
      );
      expect(run.code).toBe(0);
      // The OSC sequence in the name goes whole (it would retitle the window), the rest of the name stays.
      expect(run.stderr).toContain('skipped    binary.md: binary file (contains NUL bytes)');
      expect(UNSAFE.test(run.stderr.replace(/\r/g, ''))).toBe(false);
    } finally {
      done();
    }
  });
});

describe('--k', () => {
  it('is capped at the number of passages (--k 1e9 once ran out of memory)', async () => {
    for (const run of await Promise.all(
      ['keyword', 'hybrid'].map((mode) =>
        lantern('search', '--index', out, '--mode', mode, '--json', '--k', '1e9', 'passage'),
      ),
    )) {
      expect(run.code, run.stderr).toBe(0);
      const { results } = JSON.parse(run.stdout) as { results: unknown[] };
      expect(results.length).toBeGreaterThan(0);
      expect(results.length).toBeLessThanOrEqual(passages);
    }
  });
});

describe('a damaged index', () => {
  /** A copy of the index with one file damaged by `damage`. */
  function damaged(name: string, damage: (folder: string) => void): string {
    const folder = path.join(dir, `damaged-${name}`);
    rmSync(folder, { recursive: true, force: true });
    cpSync(out, folder, { recursive: true });
    damage(folder);
    return folder;
  }
  const cut = (file: string) => (folder: string) => {
    const full = path.join(folder, file);
    truncateSync(full, Math.floor(readFileSync(full).length / 2));
  };

  it('names the broken file and says to rebuild from the documents folder', async () => {
    for (const file of ['passages.json', 'manifest.json']) {
      const folder = damaged(file, cut(file));
      const run = await lantern('search', '--index', folder, '--mode', 'keyword', 'firefly');
      expect(run.stderr).not.toMatch(/^lantern: Unexpected end of JSON input/);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the index file ${path.join(folder, file)} is damaged or missing (not valid JSON`);
      expect(run.stderr).toContain(
        `rebuild it with \`lantern build --data ${file === 'manifest.json' ? '<your documents>' : data} --out ${folder}\``,
      );
    }
    const gone = damaged('passages-gone', (folder) => rmSync(path.join(folder, 'passages.json')));
    const run = await lantern('search', '--index', gone, '--mode', 'keyword', 'firefly');
    expect(run.stderr).toContain(
      `the index file ${path.join(gone, 'passages.json')} is damaged or missing (ENOENT): rebuild it with \`lantern build --data ${data}`,
    );
  });

  it('names a passages file that parses but does not fit the manifest', async () => {
    const folder = damaged('passages-short', (f) => {
      const file = JSON.parse(readFileSync(path.join(f, 'passages.json'), 'utf8'));
      file.passages.pop();
      writeFileSync(path.join(f, 'passages.json'), JSON.stringify(file));
    });
    const run = await lantern('search', '--index', folder, '--mode', 'keyword', 'firefly');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /passages\.json holds \d+ passages but manifest\.json says \d+.*rebuild it with `lantern build --data/,
    );
  });

  it('never opens a file the manifest names outside the index folder', async () => {
    writeFileSync(path.join(dir, 'secret.txt'), 'root:x:0:0 the secret');
    for (const name of ['../secret.txt', path.join(dir, 'secret.txt'), 'model/../../secret.txt']) {
      const folder = damaged(`escape-${name.length}`, (f) => {
        const manifest = JSON.parse(readFileSync(path.join(f, 'manifest.json'), 'utf8'));
        manifest.files.passages = name;
        writeFileSync(path.join(f, 'manifest.json'), JSON.stringify(manifest));
      });
      const run = await lantern('search', '--index', folder, '--mode', 'keyword', 'firefly');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`names the file ${JSON.stringify(name)}, which is not inside the index folder`);
      expect(run.stderr).not.toContain('root:x');
    }
  });

  it('names a damaged passage shard or keyword fragment of a sharded index', async () => {
    const sharded = path.join(dir, 'sharded');
    await buildIndex({ data, out: sharded, model: path.join(out, 'model'), shard: 'always', reporter: silentReporter });
    const manifest = JSON.parse(readFileSync(path.join(sharded, 'manifest.json'), 'utf8'));
    const shard = manifest.shards.passages[0] as string;
    const fragment = manifest.shards.fragments[0] as string;
    const copy = path.join(dir, 'sharded-fragment');
    cpSync(sharded, copy, { recursive: true });
    truncateSync(path.join(sharded, shard), 10);
    truncateSync(path.join(copy, fragment), 10);
    const run = await lantern('search', '--index', sharded, '--mode', 'keyword', 'firefly');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${shard} is not valid JSON`);
    const cut = await lantern('search', '--index', copy, '--mode', 'keyword', 'firefly');
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain(`${fragment}: fragment 0 is truncated or corrupt`);
  });

  it('still searches by keyword with a truncated or missing vectors.bin; hybrid falls back with a warning; semantic says why it cannot', async () => {
    for (const [name, damage] of [
      ['vectors-cut', cut('vectors.bin')],
      ['vectors-gone', (f: string) => rmSync(path.join(f, 'vectors.bin'))],
    ] as const) {
      const folder = damaged(name, damage);
      const [keyword, hybrid, semantic] = await Promise.all([
        lantern('search', '--index', folder, '--mode', 'keyword', '--json', 'firefly'),
        lantern('search', '--index', folder, '--json', 'firefly'),
        lantern('search', '--index', folder, '--mode', 'semantic', 'firefly'),
      ]);
      expect(keyword.code, keyword.stderr).toBe(0);
      expect((JSON.parse(keyword.stdout) as { results: { doc: string }[] }).results.map((r) => r.doc)).toContain(
        FILE_NAME,
      );

      expect(hybrid.code).toBe(0);
      expect(JSON.parse(hybrid.stdout).mode).toBe('keyword');
      expect(hybrid.stderr).toMatch(
        /warning: the index file .*vectors\.bin is damaged or missing .*searching by keyword only/,
      );

      expect(semantic.code).toBe(1);
      expect(semantic.stderr).toMatch(
        /the index file .*vectors\.bin is damaged or missing .*rebuild it with `lantern build --data .*; --mode keyword works without it/,
      );
    }
  });
});
