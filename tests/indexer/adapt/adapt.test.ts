// Build-time adaptation of the static table: corpus-only pairs, exact gradients, determinism, and
// rows outside the corpus left alone; end to end through prepareModel and Transformers.js.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { adaptTable, batchLoss, type Params } from '../../../src/indexer/model/adapt.ts';
import { rng, samplePairs, tokenisePassages, type AdaptPassage } from '../../../src/indexer/model/adapt-pairs.ts';
import { prepareModel, readModelRecipe } from '../../../src/indexer/model/index.ts';
import { passageInput, useLocalModels } from '../../../src/core/embedding.ts';
import { sentences } from '../../../src/core/sentences.ts';

const SRC = path.resolve(__dirname, '../../../src/indexer/model');

/** Toy tokenizer: one id per distinct lower-case word, from a fixed list (ids 0, 1 special). */
function toyTokenizer(words: string[]) {
  const ids = new Map(words.map((w, i) => [w, i + 2]));
  return (text: string) =>
    Int32Array.from(
      text
        .toLowerCase()
        .match(/[a-z]+/g)
        ?.map((w) => ids.get(w) ?? 1) ?? [],
    );
}

const WORDS =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon'.split(
    ' ',
  );
const OUTSIDE = new Set(['omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon']); // never in the corpus

function corpus(count: number): AdaptPassage[] {
  const random = rng(99);
  const inside = WORDS.filter((w) => !OUTSIDE.has(w));
  const sentence = () =>
    `${Array.from({ length: 3 + Math.floor(random() * 4) }, () => inside[Math.floor(random() * inside.length)]).join(' ')}.`;
  return Array.from({ length: count }, (_, i) => ({
    title: `${inside[i % inside.length]} ${inside[(i * 3) % inside.length]}`,
    headings: i % 2 ? [inside[(i * 5) % inside.length]] : [],
    // One sentence a line: the toy words are lowercase, and a full stop before a lowercase word ends no sentence.
    text: Array.from({ length: 2 + (i % 3) }, sentence).join('\n'),
  }));
}

function table(vocab: number, dim: number, seed = 5): Float32Array {
  const random = rng(seed);
  const t = Float32Array.from({ length: vocab * dim }, () => random() - 0.5);
  t.fill(0, 0, 2 * dim); // special rows
  return t;
}

const hash = (a: Float32Array) =>
  createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');

describe('adaptation training pairs', () => {
  it('splits sentences at whitespace only, keeping every other character', () => {
    const text = 'First one. Second? Third!\nA list item\n\nLast (e.g. this) one.';
    const parts = sentences(text);
    // "e.g." ends no sentence (core/sentences.ts splits as Intl.Segmenter does).
    expect(parts).toEqual(['First one.', 'Second?', 'Third!', 'A list item', 'Last (e.g. this) one.']);
    expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it("come from the passages only: every query and positive is made of its own passage's tokens", () => {
    const passages = corpus(30);
    const tokenize = toyTokenizer(WORDS);
    const tokenised = tokenisePassages(passages, tokenize);
    const pairs = samplePairs(
      tokenised,
      passages.map((_, i) => i),
      rng(3),
    );
    expect(pairs.length).toBeGreaterThan(30);
    const count = (ids: Iterable<number>) => {
      const m = new Map<number, number>();
      for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
      return m;
    };
    for (const pair of pairs) {
      const p = passages[pair.source];
      const own = count(tokenize(passageInput(p.title, p.headings, p.text)));
      const used = count([...pair.query.flatMap((s) => [...s]), ...pair.doc.flatMap((s) => [...s])]);
      // Query + positive together are exactly (ICT) or within (heading → body) the passage's bag of tokens.
      for (const [id, n] of used) expect(n).toBeLessThanOrEqual(own.get(id) ?? 0);
      // The pseudo-query is not inside its positive (inverse cloze removes the sentence).
      expect(pair.doc).not.toContain(pair.query[0]);
    }
  });

  it('read no files: the adaptation modules do not touch the file system (queries and qrels cannot leak in)', () => {
    for (const file of ['adapt.ts', 'adapt-pairs.ts']) {
      const source = fs.readFileSync(path.join(SRC, file), 'utf8');
      const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      // Their own modules and the pure core (the sentence splitter), which reads nothing either.
      expect(imports.every((m) => m.startsWith('./adapt') || m.startsWith('../../core/'))).toBe(true);
      expect(source).not.toMatch(/qrels|queries\.jsonl|readFile|require\(/);
    }
  });
});

describe('adaptTable', () => {
  it('has exact gradients (finite differences on a tiny table, both directions)', () => {
    const dim = 4;
    const vocab = WORDS.length + 2;
    const tokenize = toyTokenizer(WORDS);
    const tokenised = tokenisePassages(corpus(6), tokenize);
    const pairs = samplePairs(tokenised, [0, 1, 2, 3, 4, 5], rng(1));
    for (const symmetric of [false, true]) {
      const slot = Int32Array.from({ length: vocab }, (_, id) => (id >= 2 && id < 8 ? id - 2 : -1));
      const base = table(vocab, dim);
      const rows = Float32Array.from({ length: 6 * dim }, (_, i) => base[2 * dim + i]);
      const weights = Float32Array.from({ length: 6 }, (_, k) => 0.8 + 0.1 * k);
      const p: Params = { dim, slot, rows, weights, table: base };
      const grad = { rows: new Float32Array(rows.length), weights: new Float32Array(6), touched: new Set<number>() };
      batchLoss(p, pairs, 0.5, symmetric, grad);
      const h = 1e-3;
      const numeric = (arr: Float32Array, i: number) => {
        const keep = arr[i];
        arr[i] = keep + h;
        const up = batchLoss(p, pairs, 0.5, symmetric);
        arr[i] = keep - h;
        const down = batchLoss(p, pairs, 0.5, symmetric);
        arr[i] = keep;
        return (up - down) / (2 * h);
      };
      for (let i = 0; i < rows.length; i++) expect(grad.rows[i]).toBeCloseTo(numeric(rows, i), 3);
      for (let k = 0; k < 6; k++) expect(grad.weights[k]).toBeCloseTo(numeric(weights, k), 3);
      expect(grad.touched.size).toBeGreaterThan(0);
    }
  });

  it('is deterministic, changes only corpus rows, and lowers the held-out loss', () => {
    const dim = 8;
    const vocab = WORDS.length + 2;
    const passages = corpus(120);
    const tokenize = toyTokenizer(WORDS);
    const run = (seed: number) => {
      const t = table(vocab, dim);
      const record = adaptTable(t, dim, tokenize, new Set([0, 1]), {
        passages,
        seed,
        maxEpochs: 4,
        batchSize: 16,
        lr: 1e-2,
        minPassages: 10,
      });
      return { t, record };
    };
    const a = run(7);
    const b = run(7);
    const c = run(8);
    expect(hash(a.t)).toBe(hash(b.t));
    expect(hash(a.t)).not.toBe(hash(c.t));
    expect(a.record).toMatchObject({ seed: 7, passages: 120, heldOutPassages: 12 });
    expect(a.record.bestEpoch).toBeGreaterThan(0);
    expect(a.record.heldOutLoss.best).toBeLessThan(a.record.heldOutLoss.initial);

    const original = table(vocab, dim);
    const rowOf = (t: Float32Array, id: number) => [...t.subarray(id * dim, (id + 1) * dim)];
    for (let id = 0; id < vocab; id++) {
      const word = WORDS[id - 2];
      if (id < 2 || OUTSIDE.has(word)) expect(rowOf(a.t, id)).toEqual(rowOf(original, id));
      else expect(rowOf(a.t, id)).not.toEqual(rowOf(original, id));
    }
  });

  it('skips corpora too small to learn from', () => {
    const t = table(WORDS.length + 2, 4);
    const before = hash(t);
    const record = adaptTable(t, 4, toyTokenizer(WORDS), new Set([0, 1]), { passages: corpus(10) });
    expect(record.skipped).toMatch(/10 passages/);
    expect(hash(t)).toBe(before);
  });
});

describe('prepareModel with adaptation', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-adapt-test-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const passages: AdaptPassage[] = Array.from({ length: 60 }, (_, i) => ({
    title: ['Notes on gardening', 'Cooking at home', 'Travel by train'][i % 3],
    headings: [`Part ${i % 5}`],
    text: `The tomato plants need water every day. Soil with compost keeps roots healthy number ${i}. Trains leave the station at noon and pasta cooks in ten minutes.`,
  }));
  const build = (name: string) =>
    prepareModel({
      outDir: path.join(root, name),
      corpusWords: passages.flatMap((p) => [p.title, ...p.headings, p.text]),
      generalWords: 300,
      dim: 32,
      cacheDir: path.join(root, 'cache'),
      adapt: { passages, seed: 3, maxEpochs: 3, minPassages: 10 },
    });

  it('writes the same bytes for the same corpus and seed, records the adaptation, and tokenises as Transformers.js does', async () => {
    const first = await build('a');
    const second = await build('b');
    expect(second.files).toEqual(first.files);
    const recipe = readModelRecipe(path.join(root, 'a'));
    expect(recipe?.adaptation).toMatchObject({ seed: 3, passages: 60, heldOutPassages: 6 });
    expect(recipe?.adaptation?.epochs).toBeGreaterThan(0);
    expect(fs.statSync(path.join(root, 'a', 'onnx/model_quantized.onnx')).size).toBeLessThan(15e6);

    // The segments the trainer tokenises add up to the tokens of the embedded passage input.
    useLocalModels(root);
    const tokenizer = await AutoTokenizer.from_pretrained('a');
    const tokenize = (text: string) => Int32Array.from(tokenizer.encode(text, { add_special_tokens: false }));
    const tokenised = tokenisePassages(passages.slice(0, 5), tokenize);
    passages.slice(0, 5).forEach((p, i) => {
      const whole = [...tokenize(passageInput(p.title, p.headings, p.text))].sort((x, y) => x - y);
      const parts = [...tokenised[i].head, ...tokenised[i].sentences.flatMap((s) => [...s])].sort((x, y) => x - y);
      expect(parts).toEqual(whole);
    });
  }, 300_000);
});
