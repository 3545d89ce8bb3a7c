// `lantern build`: corpus folder → index folder, written atomically, readable by the search core.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { buildIndex, type BuildReport } from '../../src/indexer/build.ts';
import { readIndexFiles } from '../../src/indexer/read-index.ts';
import type { Reporter } from '../../src/indexer/progress.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { decodeVectors } from '../../src/core/index-format/vectors.ts';
import { SearchIndex } from '../../src/core/search.ts';
import type { PassagesFile } from '../../src/core/index-format/manifest.ts';
import { openIndex } from '../../src/indexer/read-index.ts';
import { FIXTURE_CORPUS, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex, TEACHER_CACHE_DIR } from '../fixtures/seed.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function recordingReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    line: (text) => lines.push(text),
    stage: () => ({ update() {}, finish: (summary) => lines.push(summary) }),
  };
}

/** Folders next to `out` that a build leaves behind when it does not clean up. */
const leftovers = (out: string) =>
  readdirSync(path.dirname(out)).filter((name) => name.startsWith(`${path.basename(out)}.`));

describe('building the fixture corpus with the default model', () => {
  const { dir, cleanup } = tempDir('lantern-build-');
  const data = path.join(dir, 'corpus');
  const out = path.join(dir, 'out', 'index');
  const reporter = recordingReporter();
  let report: BuildReport;

  beforeAll(async () => {
    cpSync(FIXTURE_CORPUS, data, { recursive: true });
    writeFileSync(path.join(data, 'empty.md'), '');
    report = await buildIndex({ data, out, generalWords: 2000, teacherCacheDir: TEACHER_CACHE_DIR, reporter });
  });
  afterAll(cleanup);

  it('writes manifest, passages, vectors, the English word list and model, and nothing else beside them', () => {
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'model', 'passages.json', 'vectors.bin', 'words.bin']);
    expect(leftovers(out)).toEqual([]);
    expect(report.out).toBe(out);
  });

  it('counts what it indexed, in the manifest and in passages.json alike', () => {
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    const passages = JSON.parse(readFileSync(path.join(out, 'passages.json'), 'utf8')) as PassagesFile;
    expect(manifest).toEqual(report.manifest);
    expect(passages.documents.map((d) => d.id)).toEqual(['baking/sourdough.md', 'cycling.txt', 'garden/tomatoes.md']);
    expect(manifest.counts).toEqual({ documents: 3, passages: passages.passages.length });
    expect(passages.passages.length).toBeGreaterThanOrEqual(3);
  });

  it('records the size and sha256 of each file it wrote', () => {
    for (const [file, { bytes, sha256: hash }] of Object.entries(report.manifest.sizes)) {
      const content = readFileSync(path.join(out, file));
      expect(content.length).toBe(bytes);
      expect(sha256(content)).toBe(hash);
    }
    expect(Object.keys(report.manifest.sizes).sort()).toEqual(['passages.json', 'vectors.bin', 'words.bin']);
  });

  it('stores one vector per passage, of the model dimension', () => {
    const store = decodeVectors(readFileSync(path.join(out, 'vectors.bin')));
    expect(store.count).toBe(report.manifest.counts.passages);
    expect(store.dim).toBe(report.manifest.model.dim);
  });

  it('stores the default model, made for this corpus, with the hash of every model file', () => {
    const { model } = report.manifest;
    expect(model.name).toBe('lantern-static');
    expect(model.recipe).toMatchObject({ generalWords: 2000 });
    expect(Object.keys(model.files)).toEqual(
      expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']),
    );
    for (const [file, hash] of Object.entries(model.files))
      expect(sha256(readFileSync(path.join(out, model.path, file)))).toBe(hash);
  });

  it('reports the file it skipped, by name and reason', () => {
    expect(report.rejected).toEqual([{ file: 'empty.md', reason: 'empty file' }]);
    expect(reporter.lines).toContain('skipped    empty.md: empty file');
    expect(reporter.lines.some((l) => /^chunk +3 documents → \d+ passages .*\(1 files skipped\)$/.test(l))).toBe(true);
  });

  it('is searchable by keyword straight from its files', async () => {
    const index = new SearchIndex(await readIndexFiles(out));
    const { results } = await index.search('sourdough starter', { mode: 'keyword', k: 3 });
    expect(results[0].doc).toBe('baking/sourdough.md');
    expect(results[0].tags).toEqual(expect.arrayContaining(['baking', 'bread']));
    expect(
      (await index.search('tomato', { mode: 'keyword', k: 5, filters: { tags: ['gardening'] } })).results.every(
        (r) => r.doc === 'garden/tomatoes.md',
      ),
    ).toBe(true);
  });

  it('embeds queries with the model stored in the index, so meaning finds the right document', async () => {
    const opened = await openIndex(out);
    const top = async (q: string) =>
      (await opened.index.search(q, { mode: 'semantic', k: 1, queryVector: await opened.embedQuery(q) })).results[0]
        .doc;
    expect(await top('how often should I feed my starter')).toBe('baking/sourdough.md');
    expect(await top('watering plants in the sun')).toBe('garden/tomatoes.md');
  });
});

describe('building with a local model folder', () => {
  const { dir, cleanup } = tempDir('lantern-build-local-');
  let model: string;
  beforeAll(async () => {
    model = path.join(await ensureSeedIndex(), 'model');
  });
  afterAll(cleanup);
  const build = (data: string, out: string, reporter: Reporter = silentReporter) =>
    buildIndex({ data, out, model, reporter });

  it('builds, and a rebuild of the same corpus replaces the index with identical content', async () => {
    const out = path.join(dir, 'same');
    const first = await build(FIXTURE_CORPUS, out);
    const firstPassages = readFileSync(path.join(out, 'passages.json'), 'utf8');
    const second = await build(FIXTURE_CORPUS, out);
    expect(second.manifest.version).toBe(first.manifest.version);
    expect(readFileSync(path.join(out, 'passages.json'), 'utf8')).toBe(firstPassages);
    expect(second.manifest.model.name).toBe(model);
    expect(leftovers(out)).toEqual([]);
  });

  it('does not overwrite an existing folder that is not an index', async () => {
    const out = path.join(dir, 'precious');
    mkdirSync(out);
    writeFileSync(path.join(out, 'thesis.md'), 'Years of work.');
    await expect(build(FIXTURE_CORPUS, out)).rejects.toThrow(
      /--out .*precious exists and is not a Lantern index; refusing to replace it/,
    );
    expect(readdirSync(out)).toEqual(['thesis.md']);
    expect(readFileSync(path.join(out, 'thesis.md'), 'utf8')).toBe('Years of work.');
    expect(leftovers(out)).toEqual([]);
  });

  it('builds into an existing empty folder', async () => {
    const out = path.join(dir, 'empty-target');
    mkdirSync(out);
    await build(FIXTURE_CORPUS, out);
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
  });

  it('fails, naming the folder, when nothing in the corpus can be indexed', async () => {
    const data = path.join(dir, 'nothing');
    mkdirSync(data);
    writeFileSync(path.join(data, 'empty.md'), '');
    writeFileSync(path.join(data, 'photo.jpg'), 'jpeg');
    const out = path.join(dir, 'nothing-index');
    const reporter = recordingReporter();
    await expect(build(data, out, reporter)).rejects.toThrow(`nothing could be indexed in ${data}: 1 file(s) skipped`);
    expect(reporter.lines).toContain('skipped    empty.md: empty file');
    expect(existsSync(out)).toBe(false);
    expect(leftovers(out)).toEqual([]);

    const none = path.join(dir, 'no-documents');
    mkdirSync(none);
    await expect(build(none, out)).rejects.toThrow(
      `nothing could be indexed in ${none}: 0 file(s) skipped (no .md, .markdown or .txt files found)`,
    );
  });

  it('fails clearly on a missing corpus folder or a model that is not a model folder', async () => {
    await expect(build(path.join(dir, 'does-not-exist'), path.join(dir, 'x'))).rejects.toThrow(
      /--data .*does-not-exist: no such folder/,
    );
    const file = path.join(dir, 'model.onnx');
    writeFileSync(file, 'not a folder');
    await expect(
      buildIndex({ data: FIXTURE_CORPUS, out: path.join(dir, 'y'), model: file, reporter: silentReporter }),
    ).rejects.toThrow(/is a file; give a model folder/);
    const incomplete = path.join(dir, 'incomplete-model');
    mkdirSync(incomplete);
    writeFileSync(path.join(incomplete, 'config.json'), '{}');
    await expect(
      buildIndex({ data: FIXTURE_CORPUS, out: path.join(dir, 'z'), model: incomplete, reporter: silentReporter }),
    ).rejects.toThrow(/lacks tokenizer\.json, tokenizer_config\.json, onnx\/model_quantized\.onnx/);
    for (const name of ['x', 'y', 'z']) expect(existsSync(path.join(dir, name))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('refuses to read a folder that holds no index', async () => {
    await expect(readIndexFiles(path.join(dir, 'nowhere'))).rejects.toThrow(
      /no index at .*nowhere \(no manifest\.json\): run `lantern build` first/,
    );
  });
});
