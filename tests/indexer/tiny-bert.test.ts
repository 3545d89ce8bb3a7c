// Any Transformers.js model, not only Lantern's own: a BERT-architecture model laid out like
// Xenova/all-MiniLM-L6-v2 (WordPiece tokenizer.json, input_ids/attention_mask/token_type_ids, 384-d output;
// random weights, made by scripts/make-tiny-bert.ts) is fetched from the stand-in hub by `lantern build --model
// owner/name`, embeds data/, gets its own confidence floors, and `lantern search` answers with it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTinyBert, TINY_BERT_DIM } from '../../scripts/make-tiny-bert.ts';
import { MODEL_FILES } from '../../src/indexer/hub.ts';
import { openIndex } from '../../src/indexer/read-index.ts';
import { PROBES } from '../../src/indexer/probes.ts';
import { calibrate } from '../../src/core/confidence.ts';
import { decodeVectors } from '../../src/core/index-format/vectors.ts';
import type { IndexManifest } from '../../src/core/index-format/manifest.ts';
import { DATA, tempDir } from '../fixtures/helpers.ts';
import { FakeHub } from '../fixtures/hub.ts';
import { lanternWith } from '../fixtures/cli.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const MODEL = 'test-org/tiny-bert';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i], 0);

describe('a BERT-architecture hub model, end to end in Node', () => {
  const { dir, cleanup } = tempDir('lantern-tiny-bert-');
  const modelDir = path.join(dir, 'tiny-bert');
  const index = path.join(dir, 'index');
  const hub = new FakeHub({ [MODEL]: { dir: modelDir } });
  // Run from the temporary folder: the hub cache (.cache/lantern/hub) lands there, not in the checkout.
  const cli = (...args: string[]) => lanternWith({ cwd: dir, env: { HF_ENDPOINT: hub.host } }, ...args);
  let manifest: IndexManifest;
  let buildLog = '';

  beforeAll(async () => {
    makeTinyBert(modelDir);
    await hub.start();
    const built = await cli('build', '--model', MODEL, '--data', DATA, '--out', index);
    buildLog = built.stderr;
    expect(built.code, built.stderr).toBe(0);
    manifest = JSON.parse(readFileSync(path.join(index, 'manifest.json'), 'utf8')) as IndexManifest;
  });
  afterAll(async () => {
    await hub.stop();
    cleanup();
  });

  it('the script writes the same model every time, in the hub layout', () => {
    const again = path.join(dir, 'again');
    const files = makeTinyBert(again);
    expect([...files].sort()).toEqual([...MODEL_FILES, 'special_tokens_map.json'].sort());
    for (const file of files)
      expect(sha256(readFileSync(path.join(again, file))), file).toBe(sha256(readFileSync(path.join(modelDir, file))));
    const tokenizer = JSON.parse(readFileSync(path.join(modelDir, 'tokenizer.json'), 'utf8'));
    expect([
      tokenizer.model.type,
      tokenizer.normalizer.type,
      tokenizer.pre_tokenizer.type,
      tokenizer.post_processor.type,
    ]).toEqual(['WordPiece', 'BertNormalizer', 'BertPreTokenizer', 'TemplateProcessing']);
  });

  it('`lantern build --model owner/name` fetches the model from the hub and embeds with it', () => {
    expect([...hub.requests].sort()).toEqual(
      [...MODEL_FILES, 'special_tokens_map.json'].map((f) => `/${MODEL}/resolve/main/${f}`).sort(),
    );
    expect(buildLog).toMatch(/fetched onnx\/model_quantized\.onnx/);
    expect(manifest.model.name).toBe(MODEL);
    expect(manifest.model.dim).toBe(TINY_BERT_DIM);
    expect(manifest.model.recipe).toBeUndefined();
    for (const file of MODEL_FILES)
      expect(manifest.model.files[file]).toBe(sha256(readFileSync(path.join(modelDir, file))));
    expect(manifest.counts.passages).toBeGreaterThan(50);
  });

  it('the confidence floors are calibrated for this index and this model, by the same rule as any other', async () => {
    const floors = manifest.search.confidence!;
    expect(buildLog).toContain(`semantic match floor ${floors.match.toFixed(3)}`);
    expect(floors.match).toBeGreaterThanOrEqual(floors.near);
    expect(floors.match).toBeLessThan(1);
    // Recomputed from the index's own vectors and this model's embedding of the probes: nothing model-specific.
    const opened = await openIndex(index);
    const store = decodeVectors(readFileSync(path.join(index, manifest.files.vectors)));
    const probes = await Promise.all(PROBES.map((p) => opened.embedQuery(p)));
    expect(calibrate(store, probes)).toEqual(floors);
  });

  it('a text embedded alone or padded in a batch with a longer one gets the same vector (attention_mask is honoured)', async () => {
    const opened = await openIndex(index);
    const short = 'logistic regression';
    const alone = await opened.embedQuery(short);
    const [padded, long] = await opened.embedQueries([short, `${PROBES.join(' ')} ${short}`]);
    expect(alone).toHaveLength(TINY_BERT_DIM);
    expect(cosine(alone, padded)).toBeGreaterThan(0.9999);
    expect(cosine(alone, long)).toBeLessThan(0.99);
  });

  it("`lantern search` answers in hybrid and semantic mode with it: a passage's own words find it first", async () => {
    const { passages } = JSON.parse(readFileSync(path.join(index, manifest.files.passages), 'utf8')) as {
      passages: { id: string; text: string }[];
    };
    const target = passages.find((p) => p.text.includes('Counterintuitive result'))!;
    const ownWords = target.text.split(/\s+/).slice(0, 40).join(' ');
    for (const mode of ['hybrid', 'semantic']) {
      const run = await cli('search', '--index', index, '--mode', mode, '--json', ownWords);
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { mode: string; results: { id: string }[] };
      expect(out.mode).toBe(mode);
      expect(out.results[0]?.id, mode).toBe(target.id);
    }
  });
});
