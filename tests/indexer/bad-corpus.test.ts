// A corpus of 1,000+ bad files (generated and hand-made) mixed with good ones: reading it finishes, every
// rejected file is named with its reason, every good file is indexed, and one real build over a smaller
// mixed sample proves the end-to-end path. Also: a build that fails midway leaves the previous index intact.
// (ingest.test.ts covers each kind of bad file once; this is the volume and mixture test.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { readCorpus, MAX_FILE_BYTES, type Corpus } from '../../src/indexer/ingest.ts';
import { buildIndex } from '../../src/indexer/build.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { ROOT, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex, TEACHER_CACHE_DIR } from '../fixtures/seed.ts';
import { DEFAULT_CHUNKING } from '../../src/core/settings.ts';

/** What a file is expected to become: indexed, or rejected with a reason matching the pattern. */
type Expect = { good: true } | { good: false; reason: RegExp };
const GOOD: Expect = { good: true };
const bad = (reason: RegExp): Expect => ({ good: false, reason });

const WORDS =
  'lantern harbour keeper copper kettle orchard meadow glacier violin compass thimble saffron ledger beacon pylon quarry'.split(
    ' ',
  );

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(r: () => number, n = 14): string {
  return `${Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ')}.`;
}

/** Generated kinds of file: each returns its bytes and what must happen to it. */
const KINDS: Record<string, (r: () => number, i: number) => { data: string | Uint8Array; expect: Expect }> = {
  empty: () => ({ data: '', expect: bad(/^empty file$/) }),
  whitespace: (r) => ({
    data: ' \n\t\r\n'.repeat(1 + Math.floor(r() * 50)),
    expect: bad(/^no text \(only whitespace\)$/),
  }),
  nul: (r) => {
    const bytes = new Uint8Array(64 + Math.floor(r() * 2000)).map(() => Math.floor(r() * 256));
    bytes[Math.floor(r() * bytes.length)] = 0;
    return { data: bytes, expect: bad(/^binary file \(contains NUL bytes\)$/) };
  },
  invalidUtf8: (r) => {
    // Valid text with one broken sequence: a lone continuation byte, an overlong form, a surrogate or a truncated sequence.
    const breaks = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff], [0xf8, 0x88, 0x80, 0x80, 0x80]];
    const b = breaks[Math.floor(r() * breaks.length)];
    return {
      data: new Uint8Array([...Buffer.from(`# Title\n\n${sentence(r)} `), ...b, ...Buffer.from(` ${sentence(r)}\n`)]),
      expect: bad(/^not valid UTF-8 text$/),
    };
  },
  utf16: (r, i) => {
    // UTF-16 with a byte order mark (what some Windows editors save): decoded and indexed.
    const text = `# UTF-16 note ${i}\n\n${sentence(r)} Unicode: café, 東京.\n`;
    const le = i % 2 === 0;
    const body = Buffer.from(text, 'utf16le');
    if (!le) body.swap16();
    return { data: new Uint8Array([...(le ? [0xff, 0xfe] : [0xfe, 0xff]), ...body]), expect: GOOD };
  },
  controls: (r) => ({
    data: `# Log\n\n${Array.from({ length: 40 }, () => String.fromCharCode(1 + Math.floor(r() * 7))).join(' x ')}\n`,
    expect: bad(/^binary file \(control characters\)$/),
  }),
  fewControls: (r) => ({
    data: `# Bell\n\nA note with a stray bell \u0007 and escape \u001b characters. ${sentence(r)}\n`,
    expect: GOOD,
  }),
  // A title, in front matter or a heading, is text: the note is found by it.
  frontMatterOnly: (_r, i) => ({
    data: `---\ntitle: Only front matter ${i}\ntags: [${WORDS[i % WORDS.length]}]\n---\n`,
    expect: GOOD,
  }),
  headingsOnly: (r) => ({
    data: `${Array.from({ length: 1 + Math.floor(r() * 6) }, (_, d) => `${'#'.repeat(1 + (d % 6))} ${sentence(r, 3)}`).join('\n\n')}\n`,
    expect: GOOD,
  }),
  settingsOnly: (_r, i) => ({
    data: `---\ntags: [${WORDS[i % WORDS.length]}]\ndraft: true\n---\n`,
    expect: bad(/^no passages/),
  }),
  htmlOnly: (r) => ({
    data: `<div class="note" style="display:none"><p>${sentence(r)}</p><script>alert(1)</script></div>\n`,
    expect: GOOD,
  }),
  commentOnly: () => ({ data: '<!-- nothing but a comment -->\n', expect: bad(/^no passages/) }),
  unclosedFence: (r) => ({
    data: `# Code\n\n${sentence(r)}\n\n\`\`\`js\nconst x = 1;\n${sentence(r)}\n`,
    expect: GOOD,
  }),
  nestedList: (r) => ({
    data: `${Array.from({ length: 60 + Math.floor(r() * 80) }, (_, d) => `${'  '.repeat(d)}- ${sentence(r, 3)}`).join('\n')}\n`,
    expect: GOOD,
  }),
  nestedQuote: (r) => ({ data: `${'>'.repeat(100 + Math.floor(r() * 400))} ${sentence(r)}\n`, expect: GOOD }),
  crlfMixed: (r) => ({ data: `# Windows\r\n\r\n${sentence(r)}\r\n\n${sentence(r)}\r`, expect: GOOD }),
  longWord: (r) => ({
    data: `# Long\n\n${'x'.repeat(20_000 + Math.floor(r() * 30_000))} ${sentence(r)}\n`,
    expect: GOOD,
  }),
  good: (r, i) => ({
    data: `---\ntitle: Good note ${i}\ntags: [good]\n---\n# Good note ${i}\n\n${sentence(r, 30)}\n\n## Part two\n\n${sentence(r, 20)}\n`,
    expect: GOOD,
  }),
};

interface Made {
  id: string;
  kind: string;
  expect: Expect;
}

/** Writes the corpus: `perKind` generated files of each kind (in nested folders) plus the hand-made ones. */
function makeCorpus(dir: string, perKind: number, seed = 7): Made[] {
  const r = rng(seed);
  const made: Made[] = [];
  const write = (id: string, kind: string, data: string | Uint8Array, expect: Expect) => {
    mkdirSync(path.dirname(path.join(dir, id)), { recursive: true });
    writeFileSync(path.join(dir, id), data);
    made.push({ id, kind, expect });
  };
  let n = 0;
  for (const [kind, make] of Object.entries(KINDS)) {
    for (let i = 0; i < perKind; i++, n++) {
      const { data, expect } = make(r, n);
      // Spread over folders, with the same file names repeated in different folders.
      const folder = `${kind}/${['a', 'b', 'c/d', 'c/e/f'][i % 4]}`;
      const ext = ['.md', '.markdown', '.txt', '.MD'][i % 4];
      write(`${folder}/note-${Math.floor(i / 4)}${ext}`, kind, data, expect);
    }
  }
  // Over the 5 MB limit: sparse files (nothing written to disk) and one real 10 MB single line.
  for (let i = 0; i < 3; i++) {
    const id = `huge/sparse-${i}.md`;
    mkdirSync(path.join(dir, 'huge'), { recursive: true });
    const fd = openSync(path.join(dir, id), 'w');
    ftruncateSync(fd, MAX_FILE_BYTES + 1 + i * 1024 * 1024);
    closeSync(fd);
    made.push({ id, kind: 'huge', expect: bad(/^too large \(\d+\.\d MB; the limit is 5 MB\)$/) });
  }
  write(
    'huge/one-line-10mb.md',
    'huge',
    'lantern '.repeat((10 * 1024 * 1024) / 8),
    bad(/^too large \(10\.0 MB; the limit is 5 MB\)$/),
  );
  // Exactly at the limit is allowed (one long line of words).
  write(
    'huge/at-limit.txt',
    'good',
    `${`${'orchard meadow '.repeat(Math.floor(MAX_FILE_BYTES / 15) - 1)}`.padEnd(MAX_FILE_BYTES, ' ').slice(0, MAX_FILE_BYTES - 1)}\n`,
    GOOD,
  );
  // Links: loops (walked once, nothing reported), self-links and dangling links (reported).
  mkdirSync(path.join(dir, 'links/loop'), { recursive: true });
  write('links/loop/inside.md', 'good', `# Inside the loop\n\n${sentence(r)}\n`, GOOD);
  symlinkSync('..', path.join(dir, 'links/loop/up'));
  symlinkSync(path.join(dir, 'links'), path.join(dir, 'links/loop/again'));
  for (let i = 0; i < 10; i++) {
    symlinkSync(`self-${i}.md`, path.join(dir, `links/self-${i}.md`));
    made.push({ id: `links/self-${i}.md`, kind: 'brokenLink', expect: bad(/^broken symbolic link$/) });
    symlinkSync(`/nonexistent/lantern/${i}.md`, path.join(dir, `links/dangling-${i}.md`));
    made.push({ id: `links/dangling-${i}.md`, kind: 'brokenLink', expect: bad(/^broken symbolic link$/) });
  }
  symlinkSync('a-to-b', path.join(dir, 'links/b-to-a'));
  symlinkSync('b-to-a', path.join(dir, 'links/a-to-b'));
  made.push(
    { id: 'links/a-to-b', kind: 'brokenLink', expect: bad(/^broken symbolic link$/) },
    { id: 'links/b-to-a', kind: 'brokenLink', expect: bad(/^broken symbolic link$/) },
  );
  // Links whose target is outside the folder (a system file, a system folder): reported, not followed.
  for (let i = 0; i < 5; i++) {
    symlinkSync('/etc/passwd', path.join(dir, `links/passwd-${i}.md`));
    made.push({ id: `links/passwd-${i}.md`, kind: 'outsideLink', expect: bad(/^links outside the folder$/) });
    symlinkSync('/etc', path.join(dir, `links/etc-${i}`));
    made.push({ id: `links/etc-${i}`, kind: 'outsideLink', expect: bad(/^links outside the folder$/) });
  }
  // File and folder names that are not valid UTF-8 (Linux names are bytes): indexed under a name showing the bytes.
  mkdirSync(path.join(dir, 'names'), { recursive: true });
  const latin1 = [0xe9, 0xe8, 0xfc, 0xf1, 0xe7];
  for (let i = 0; i < 10; i++) {
    const byte = latin1[i % latin1.length];
    const folder =
      i % 2
        ? Buffer.from(path.join(dir, 'names'))
        : Buffer.concat([Buffer.from(path.join(dir, 'names', 'f')), Buffer.from([byte])]);
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      Buffer.concat([folder, Buffer.from(`/n${i}-`), Buffer.from([byte]), Buffer.from('.md')]),
      `# Name ${i}\n\n${sentence(r)}\n`,
    );
    const hex = byte.toString(16).toUpperCase();
    made.push({ id: `names/${i % 2 ? '' : `f%${hex}/`}n${i}-%${hex}.md`, kind: 'invalidUtf8Name', expect: GOOD });
  }
  // Hidden files and folders: skipped and listed; other extensions: not documents.
  writeFileSync(path.join(dir, '.hidden.md'), `# Hidden\n\n${sentence(r)}\n`);
  mkdirSync(path.join(dir, '.obsidian'), { recursive: true });
  writeFileSync(path.join(dir, '.obsidian/app.md'), `# Settings\n\n${sentence(r)}\n`);
  writeFileSync(path.join(dir, 'picture.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]));
  mkdirSync(path.join(dir, 'folder.md'));
  write('folder.md/real.md', 'good', `# In a folder named like a file\n\n${sentence(r)}\n`, GOOD);
  return made;
}

function unreadable(dir: string, made: Made[]): boolean {
  // chmod 000: rejected as "cannot read (EACCES)" for a normal user; root reads it anyway, so it is then indexed.
  const id = 'locked/private.md';
  mkdirSync(path.join(dir, 'locked'), { recursive: true });
  writeFileSync(path.join(dir, id), '# Private\n\nA note its owner made unreadable for everyone, even the indexer.\n');
  chmodSync(path.join(dir, id), 0o000);
  let readable = true;
  try {
    readFileSync(path.join(dir, id));
  } catch {
    readable = false;
  }
  made.push({
    id,
    kind: readable ? 'unreadable (readable as root)' : 'unreadable',
    expect: readable ? GOOD : bad(/^cannot read \(EACCES\)$/),
  });
  return readable;
}

function tally(made: Made[], corpus: Corpus): Record<string, unknown> {
  const byReason: Record<string, number> = {};
  for (const r of corpus.rejected) {
    const key = r.reason.replace(/\d+(\.\d+)? MB;/, 'N MB;');
    byReason[key] = (byReason[key] ?? 0) + 1;
  }
  const ids = new Set(corpus.documents.map((d) => d.id));
  const oddIndexed: Record<string, number> = {};
  for (const m of made) if (m.kind !== 'good' && ids.has(m.id)) oddIndexed[m.kind] = (oddIndexed[m.kind] ?? 0) + 1;
  return {
    tried: made.length,
    badInputs: made.filter((m) => m.kind !== 'good').length,
    goodInputs: made.filter((m) => m.kind === 'good').length,
    oddButIndexed: oddIndexed,
    rejected: corpus.rejected.length,
    byReason,
    indexed: corpus.documents.length,
    passages: corpus.passages.length,
    warnings: corpus.warnings.length,
  };
}

describe('a corpus of 1,000+ bad files mixed with good ones', () => {
  const { dir, cleanup } = tempDir('lantern-bad-corpus-');
  let made: Made[];
  let corpus: Corpus;
  let rootReads = false;
  let seconds = 0;

  beforeAll(async () => {
    made = makeCorpus(dir, 64);
    rootReads = unreadable(dir, made);
    const started = performance.now();
    corpus = await readCorpus(dir, DEFAULT_CHUNKING);
    seconds = (performance.now() - started) / 1000;
    console.log(
      `[bad-corpus] readCorpus ${seconds.toFixed(1)} s ${JSON.stringify(tally(made, corpus), null, 1)}${rootReads ? '\n[bad-corpus] running as root: the chmod 000 file is readable and was indexed' : ''}`,
    );
  }, 300_000);
  afterAll(() => {
    chmodSync(path.join(dir, 'locked/private.md'), 0o644);
    cleanup();
  });

  it('tries at least 1,000 bad files (unindexable, or odd but readable) mixed with good ones', () => {
    expect(made.filter((m) => m.kind !== 'good').length).toBeGreaterThanOrEqual(1000);
    expect(made.filter((m) => m.kind === 'good').length).toBeGreaterThan(50);
  });

  it('names every rejected file with the reason of its kind', () => {
    const reasons = new Map(corpus.rejected.map((r) => [r.file, r.reason]));
    const wrong = made
      .filter((m) => !m.expect.good && !m.expect.reason.test(reasons.get(m.id) ?? '(not rejected)'))
      .map((m) => `${m.id} [${m.kind}]: ${reasons.get(m.id) ?? 'not rejected'}`);
    expect(wrong).toEqual([]);
  });

  it('indexes every good file, each once, and nothing it was not given', () => {
    const ids = corpus.documents.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const missing = made
      .filter((m) => m.expect.good && !ids.includes(m.id))
      .map((m) => `${m.id} [${m.kind}]: ${corpus.rejected.find((r) => r.file === m.id)?.reason}`);
    expect(missing).toEqual([]);
    const expected = new Set(made.filter((m) => m.expect.good).map((m) => m.id));
    expect(ids.filter((id) => !expected.has(id))).toEqual([]);
  });

  it('accounts for every file: indexed or rejected, never both, never silently lost', () => {
    const rejected = corpus.rejected.map((r) => r.file);
    expect(new Set(rejected).size).toBe(rejected.length);
    const ids = new Set(corpus.documents.map((d) => d.id));
    for (const f of rejected) expect(ids.has(f), f).toBe(false);
    expect(ids.size + rejected.length).toBe(made.length);
  });

  it('lists the hidden files and folders it skipped', () => {
    expect(corpus.hidden).toEqual(['.hidden.md', '.obsidian/']);
  });

  it('decodes UTF-16 files with a byte order mark', () => {
    const doc = corpus.documents.find((d) => d.id.startsWith('utf16/'));
    expect(doc?.title).toMatch(/^UTF-16 note \d+$/);
    const text = corpus.passages
      .filter((p) => corpus.documents[p.doc] === doc)
      .map((p) => p.text)
      .join(' ');
    expect(text).toContain('café, 東京');
  });

  it('flattens pathological nesting instead of hanging, with a warning', () => {
    expect(seconds).toBeLessThan(240);
    expect(corpus.warnings.some((w) => w.file.startsWith('nestedList/') && /nesting deeper than/.test(w.reason))).toBe(
      true,
    );
  });
});

describe('a pathological nested list under the size limit', () => {
  it('is indexed in seconds (2,000 levels deep, 4 MB: the markdown parser alone never finishes)', async () => {
    const { dir, cleanup } = tempDir('lantern-nesting-');
    try {
      writeFileSync(
        path.join(dir, 'deep.md'),
        Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n'),
      );
      const started = performance.now();
      const corpus = await readCorpus(dir, DEFAULT_CHUNKING);
      expect(corpus.documents.map((d) => d.id)).toEqual(['deep.md']);
      expect(corpus.passages.map((p) => p.text).join(' ')).toContain('item 1999');
      expect((performance.now() - started) / 1000).toBeLessThan(60);
    } finally {
      cleanup();
    }
  }, 120_000);
});

describe('one real build over a mixed sample', () => {
  it('finishes, reports each skipped file with its reason, and indexes every good file', async () => {
    const { dir, cleanup } = tempDir('lantern-bad-build-');
    try {
      const data = path.join(dir, 'data');
      const made = makeCorpus(data, 3, 11).filter((m) => !m.id.startsWith('huge/at-limit'));
      rmSync(path.join(data, 'huge/at-limit.txt'));
      const lines: string[] = [];
      const reporter = { ...silentReporter, line: (l: string) => lines.push(l) };
      const started = performance.now();
      const report = await buildIndex({
        data,
        out: path.join(dir, 'index'),
        generalWords: 2000,
        adapt: false,
        teacherCacheDir: TEACHER_CACHE_DIR,
        reporter,
      });
      const good = made.filter((m) => m.expect.good);
      const badOnes = made.filter((m) => !m.expect.good);
      console.log(
        `[bad-corpus] buildIndex over ${made.length} files: ${report.manifest.counts.documents} documents, ${report.manifest.counts.passages} passages, ${report.rejected.length} skipped, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(report.manifest.counts.documents).toBe(good.length);
      expect(report.rejected.map((r) => r.file).sort()).toEqual(badOnes.map((m) => m.id).sort());
      for (const m of badOnes)
        expect(
          lines.some((l) => l.startsWith(`skipped    ${m.id}: `)),
          m.id,
        ).toBe(true);
      expect(lines).toContain(
        'hidden     2 skipped (names starting with a dot, node_modules, Lantern indexes and sites): .hidden.md, .obsidian/',
      );
      expect(report.hidden).toEqual(['.hidden.md', '.obsidian/']);
      expect(existsSync(path.join(dir, 'index/vectors.bin'))).toBe(true);
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    } finally {
      cleanup();
    }
  }, 600_000);
});

describe('a build that fails midway', () => {
  const { dir, cleanup } = tempDir('lantern-interrupted-');
  const data = path.join(dir, 'data');
  const out = path.join(dir, 'index');
  let before: Record<string, string>;
  let model: string;

  const snapshot = (folder: string) =>
    Object.fromEntries(listAll(folder).map((f) => [f, readFileSync(path.join(folder, f)).toString('base64')]));
  const leftovers = () => readdirSync(dir).filter((f) => /\.(tmp|old)-/.test(f));

  beforeAll(async () => {
    mkdirSync(data);
    for (let i = 0; i < 20; i++)
      writeFileSync(path.join(data, `note-${i}.md`), `# Note ${i}\n\n${sentence(rng(i), 40)}\n`);
    model = path.join(dir, 'model');
    cpSync(path.join(await ensureSeedIndex(), 'model'), model, { recursive: true });
    await buildIndex({ data, out, model, reporter: silentReporter });
    before = snapshot(out);
    writeFileSync(path.join(data, 'new.md'), '# New\n\nA note added after the first build.\n');
  }, 300_000);
  afterAll(cleanup);

  it('a model folder missing a file: fails naming it, previous index intact, no temporary folder left', async () => {
    const broken = path.join(dir, 'model-missing');
    cpSync(model, broken, { recursive: true });
    rmSync(path.join(broken, 'tokenizer.json'));
    await expect(buildIndex({ data, out, model: broken, reporter: silentReporter })).rejects.toThrow(
      /lacks tokenizer\.json/,
    );
    expect(snapshot(out)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('an embedding error (a model file that is not ONNX): previous index intact, no temporary folder left', async () => {
    const broken = path.join(dir, 'model-garbage');
    cpSync(model, broken, { recursive: true });
    const onnx = listAll(broken).find((f) => f.endsWith('.onnx'))!;
    writeFileSync(path.join(broken, onnx), 'this is not an onnx model');
    await expect(buildIndex({ data, out, model: broken, reporter: silentReporter })).rejects.toThrow();
    expect(snapshot(out)).toEqual(before);
    expect(leftovers()).toEqual([]);
  });

  it('a killed build process (SIGKILL midway): previous index intact; the next build removes the dead temporary folder', async () => {
    // Many passages so the embed stage lasts long enough to be killed in.
    const big = path.join(dir, 'big');
    mkdirSync(big);
    for (let i = 0; i < 400; i++)
      writeFileSync(
        path.join(big, `n-${i}.md`),
        Array.from({ length: 8 }, (_, j) => `## Part ${j}\n\n${sentence(rng(i * 10 + j), 60)}`).join('\n\n'),
      );
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'src/cli/main.ts'),
        'build',
        '--data',
        big,
        '--out',
        out,
        '--model',
        model,
        '--quiet',
      ],
      { cwd: ROOT, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let killed = false;
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (existsSync(path.join(dir, `index.tmp-${child.pid}`, 'model'))) {
        child.kill('SIGKILL');
        killed = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await exited;
    expect(killed, 'the build finished before it could be killed').toBe(true);
    expect(leftovers()).toEqual([`index.tmp-${child.pid}`]);
    expect(snapshot(out)).toEqual(before);
    // The next build (any process) cleans up after the dead one.
    await buildIndex({ data, out, model, reporter: silentReporter });
    expect(leftovers()).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).counts.documents).toBe(21);
  }, 300_000);
});

function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listAll(path.join(dir, e.name), rel) : [rel];
  });
}
