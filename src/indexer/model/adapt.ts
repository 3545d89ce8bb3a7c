// Build-time adaptation of the static table to the corpus being indexed: a self-supervised
// contrastive objective (InfoNCE with in-batch negatives) over pairs made from the passages only
// (see adapt-pairs.ts), with hand-written gradients through the model's own forward pass:
//
//   text → Σ over its tokens of w_t · v_t  (mean pooling; the 1/n cancels in the normalisation)
//        → L2 normalise → dot products / τ → softmax cross-entropy (query → doc).
//
// Trained: the rows v_t (and a scalar weight w_t) of tokens that occur in the corpus; every other row
// is fixed. Adam state exists only for the trained rows and is updated lazily (rows seen in the
// batch). Stopping needs no labelled queries: 10% of the passages are held out and training stops
// when their pairs' loss stops improving; the best epoch's rows are kept.
import { rng, samplePairs, shuffle, tokenisePassages, type AdaptPassage, type Pair } from './adapt-pairs.ts';

export interface AdaptOptions {
  /** The corpus's passages: the only training data. */
  passages: AdaptPassage[];
  /** Default 1; the same seed and corpus give the same rows. */
  seed?: number;
  /** Default DEFAULT_MAX_EPOCHS. */
  maxEpochs?: number;
  /** Epochs without held-out improvement before stopping; default 1. */
  patience?: number;
  /** Adam learning rate; default 1e-3, or SMALL_CORPUS_LR below SMALL_CORPUS passages. */
  lr?: number;
  /** InfoNCE temperature; default DEFAULT_TEMPERATURE. */
  temperature?: number;
  /** Default 128. */
  batchSize?: number;
  /** Share of passages held out for the stopping rule; default 0.1. */
  heldOut?: number;
  /** At most this many training passages are sampled per epoch (large corpora); default 20000. */
  maxPassagesPerEpoch?: number;
  /** Strength of an L2 pull of each trained row towards its original value; default 0. */
  l2?: number;
  /** Also train the doc → query direction; default false. */
  symmetric?: boolean;
  /** Fewer passages than this: no adaptation (nothing reliable to learn from); default 50. */
  minPassages?: number;
  onEpoch?: (e: AdaptEpoch) => void;
}

export interface AdaptEpoch {
  epoch: number;
  maxEpochs: number;
  trainLoss: number;
  heldOutLoss: number;
  pairs: number;
  pairsPerSecond: number;
}

/** What was done, recorded in the model's config.json (lantern.adaptation). */
export interface AdaptationRecord {
  objective: string;
  seed: number;
  /** Epochs run, and the epoch whose rows were kept (0 = the original table). */
  epochs: number;
  bestEpoch: number;
  passages: number;
  heldOutPassages: number;
  /** Training pairs per epoch (resampled every epoch). */
  pairsPerEpoch: number;
  /** True when each epoch trained on a sample of the passages. */
  sampled: boolean;
  trainedRows: number;
  lr: number;
  temperature: number;
  batchSize: number;
  l2: number;
  heldOutLoss: { initial: number; best: number };
  /** Set when adaptation was skipped. */
  skipped?: string;
}

/** Gradient buffers and parameters of the trained rows, in a compact index k. */
export interface Params {
  dim: number;
  /** Row of token id, or -1 for a fixed row. */
  slot: Int32Array;
  /** Trained rows (K × dim) and their per-word weights (K). */
  rows: Float32Array;
  weights: Float32Array;
  /** The table (fixed rows are read from here). */
  table: Float32Array;
}

const EPS = 1e-8;
export const DEFAULT_MAX_EPOCHS = 12;
/**
 * InfoNCE temperature. 0.1 against 0.05 raised SciFact semantic nDCG@10 by 0.03–0.04 with each of three seeds and
 * lowered no questions set's semantic hit@5 by more than two questions (0.03 lowered SciFact, 0.15 the tldr and
 * undici sets; README "Quality").
 */
export const DEFAULT_TEMPERATURE = 0.1;
/**
 * Below this many passages the held-out set is a handful of pairs and full-rate training over-fits:
 * on the seed corpus (147 passages) lr 1e-3 raised semantic hit@5 but lowered hybrid hit@5 and
 * MRR@10 on tests/quality/questions.jsonl, while 3e-4 lowered nothing (see the adaptation report).
 */
export const SMALL_CORPUS = 1000;
export const SMALL_CORPUS_LR = 3e-4;

/** Sum of w·v over the text's tokens into `out` (dim). */
function pool(p: Params, segments: Int32Array[], out: Float64Array): void {
  const { dim, slot, rows, weights, table } = p;
  out.fill(0);
  for (const seg of segments) {
    for (let t = 0; t < seg.length; t++) {
      const id = seg[t];
      const k = slot[id];
      if (k >= 0) {
        const w = weights[k];
        const base = k * dim;
        for (let j = 0; j < dim; j++) out[j] += w * rows[base + j];
      } else {
        const base = id * dim;
        for (let j = 0; j < dim; j++) out[j] += table[base + j];
      }
    }
  }
}

/** Forward (and optionally backward) of one batch; returns the mean loss. Gradients are added into gRows/gWeights. */
export function batchLoss(
  p: Params,
  batch: readonly Pair[],
  temperature: number,
  symmetric: boolean,
  grad?: { rows: Float32Array; weights: Float32Array; touched: Set<number> },
): number {
  const { dim } = p;
  const n = batch.length;
  const sums = [new Float64Array(n * dim), new Float64Array(n * dim)]; // queries, docs
  const norms = [new Float64Array(n), new Float64Array(n)];
  const units = [new Float64Array(n * dim), new Float64Array(n * dim)];
  const tmp = new Float64Array(dim);
  for (let side = 0; side < 2; side++) {
    for (let i = 0; i < n; i++) {
      pool(p, side === 0 ? batch[i].query : batch[i].doc, tmp);
      let sq = 0;
      for (let j = 0; j < dim; j++) sq += tmp[j] * tmp[j];
      const norm = Math.sqrt(sq) + EPS;
      norms[side][i] = norm;
      sums[side].set(tmp, i * dim);
      for (let j = 0; j < dim; j++) units[side][i * dim + j] = tmp[j] / norm;
    }
  }
  const [eq, ed] = units;
  // logits[i][k] = eq_i · ed_k / τ; pairs from the same passage (other than the positive) are masked.
  const logits = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += eq[i * dim + j] * ed[k * dim + j];
      logits[i * n + k] = s / temperature;
    }
  }
  const masked = (i: number, k: number) => i !== k && batch[i].source === batch[k].source;
  // dL/dlogits, for both directions.
  const gLogits = new Float64Array(n * n);
  let loss = 0;
  const directions = symmetric ? 2 : 1;
  for (let dir = 0; dir < directions; dir++) {
    for (let i = 0; i < n; i++) {
      const at = (k: number) => (dir === 0 ? i * n + k : k * n + i);
      let max = -Infinity;
      for (let k = 0; k < n; k++) if (!masked(dir === 0 ? i : k, dir === 0 ? k : i)) max = Math.max(max, logits[at(k)]);
      let z = 0;
      for (let k = 0; k < n; k++) if (!masked(dir === 0 ? i : k, dir === 0 ? k : i)) z += Math.exp(logits[at(k)] - max);
      const logZ = max + Math.log(z);
      loss += logZ - logits[at(i)];
      if (grad) {
        for (let k = 0; k < n; k++) {
          if (masked(dir === 0 ? i : k, dir === 0 ? k : i)) continue;
          gLogits[at(k)] += Math.exp(logits[at(k)] - logZ) / (n * directions);
        }
        gLogits[at(i)] -= 1 / (n * directions);
      }
    }
  }
  loss /= n * directions;
  if (!grad) return loss;

  // dL/de for queries and docs, then through the normalisation to dL/ds, then to the rows.
  const gUnit = [new Float64Array(n * dim), new Float64Array(n * dim)];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const g = gLogits[i * n + k] / temperature;
      if (g === 0) continue;
      for (let j = 0; j < dim; j++) {
        gUnit[0][i * dim + j] += g * ed[k * dim + j];
        gUnit[1][k * dim + j] += g * eq[i * dim + j];
      }
    }
  }
  const gs = new Float64Array(dim);
  const { slot, rows, weights } = p;
  for (let side = 0; side < 2; side++) {
    for (let i = 0; i < n; i++) {
      const e = units[side].subarray(i * dim, (i + 1) * dim);
      const ge = gUnit[side].subarray(i * dim, (i + 1) * dim);
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += e[j] * ge[j];
      const inv = 1 / norms[side][i];
      for (let j = 0; j < dim; j++) gs[j] = (ge[j] - e[j] * dot) * inv;
      for (const seg of side === 0 ? batch[i].query : batch[i].doc) {
        for (let t = 0; t < seg.length; t++) {
          const k = slot[seg[t]];
          if (k < 0) continue;
          grad.touched.add(k);
          const w = weights[k];
          const base = k * dim;
          let gw = 0;
          for (let j = 0; j < dim; j++) {
            grad.rows[base + j] += w * gs[j];
            gw += rows[base + j] * gs[j];
          }
          grad.weights[k] += gw;
        }
      }
    }
  }
  return loss;
}

/** Mean loss over `pairs` in fixed batches (no gradients). */
function evalLoss(
  p: Params,
  pairs: readonly Pair[],
  batchSize: number,
  temperature: number,
  symmetric: boolean,
): number {
  if (pairs.length < 2) return NaN;
  let total = 0;
  let count = 0;
  for (let start = 0; start < pairs.length; start += batchSize) {
    const batch = pairs.slice(start, start + batchSize);
    if (batch.length < 2) continue;
    total += batchLoss(p, batch, temperature, symmetric) * batch.length;
    count += batch.length;
  }
  return total / count;
}

/**
 * Adapts `table` (vocab × dim float rows, SIF weights baked in) to the passages, in place.
 * `tokenize` must be the model's own tokenizer (token ids as the ONNX model sees them).
 * `fixed` ids (the special tokens) are never trained.
 */
export function adaptTable(
  table: Float32Array,
  dim: number,
  tokenize: (text: string) => Int32Array,
  fixed: ReadonlySet<number>,
  options: AdaptOptions,
): AdaptationRecord {
  const seed = options.seed ?? 1;
  const maxEpochs = options.maxEpochs ?? DEFAULT_MAX_EPOCHS;
  const patience = options.patience ?? 1;
  const temperature = options.temperature ?? DEFAULT_TEMPERATURE;
  const batchSize = options.batchSize ?? 128;
  const heldOutShare = options.heldOut ?? 0.1;
  const maxPerEpoch = options.maxPassagesPerEpoch ?? 20000;
  const l2 = options.l2 ?? 0;
  const symmetric = options.symmetric ?? false;
  const minPassages = options.minPassages ?? 50;
  const vocabSize = table.length / dim;

  const passages = tokenisePassages(options.passages, tokenize);
  const lr = options.lr ?? (passages.length < SMALL_CORPUS ? SMALL_CORPUS_LR : 1e-3);
  const random = rng(seed);
  const order = shuffle(
    passages.map((_, i) => i),
    random,
  );
  const heldOutCount = Math.max(1, Math.round(order.length * heldOutShare));
  const heldOutIdx = order.slice(0, heldOutCount).sort((a, b) => a - b);
  const trainIdx = order.slice(heldOutCount).sort((a, b) => a - b);

  // Trained rows: every token of every passage (held-out ones too: their words are corpus words).
  const slot = new Int32Array(vocabSize).fill(-1);
  let trained = 0;
  for (const p of passages) {
    for (const seg of [p.head, ...p.sentences]) {
      for (const id of seg) {
        if (id < 0 || id >= vocabSize) throw new Error(`adapt: token id ${id} outside the table (${vocabSize} rows)`);
        if (slot[id] < 0 && !fixed.has(id)) slot[id] = trained++;
      }
    }
  }
  const record: AdaptationRecord = {
    objective: 'infonce(inverse-cloze + heading→body, in-batch negatives)',
    seed,
    epochs: 0,
    bestEpoch: 0,
    passages: passages.length,
    heldOutPassages: heldOutCount,
    pairsPerEpoch: 0,
    sampled: trainIdx.length > maxPerEpoch,
    trainedRows: trained,
    lr,
    temperature,
    batchSize,
    l2,
    heldOutLoss: { initial: NaN, best: NaN },
  };
  if (passages.length < minPassages) {
    record.skipped = `${passages.length} passages (< ${minPassages})`;
    return record;
  }

  const rows = new Float32Array(trained * dim);
  for (let id = 0; id < vocabSize; id++) {
    const k = slot[id];
    if (k >= 0) rows.set(table.subarray(id * dim, (id + 1) * dim), k * dim);
  }
  const original = rows.slice();
  const weights = new Float32Array(trained).fill(1);
  const params: Params = { dim, slot, rows, weights, table };
  const adam = {
    m: new Float32Array(trained * dim),
    v: new Float32Array(trained * dim),
    mw: new Float32Array(trained),
    vw: new Float32Array(trained),
    step: 0,
  };
  const grad = {
    rows: new Float32Array(trained * dim),
    weights: new Float32Array(trained),
    touched: new Set<number>(),
  };
  const heldOutPairs = samplePairs(passages, heldOutIdx, rng(seed ^ 0x5eed));
  let best = evalLoss(params, heldOutPairs, batchSize, temperature, symmetric);
  record.heldOutLoss = { initial: best, best };
  let bestRows = rows.slice();
  let bestWeights = weights.slice();
  let sinceBest = 0;
  const b1 = 0.9,
    b2 = 0.999,
    eps = 1e-8;

  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    const epochStarted = performance.now();
    const chosen =
      trainIdx.length > maxPerEpoch
        ? shuffle(trainIdx.slice(), random)
            .slice(0, maxPerEpoch)
            .sort((a, b) => a - b)
        : trainIdx;
    const pairs = shuffle(samplePairs(passages, chosen, random), random);
    record.pairsPerEpoch = pairs.length;
    let lossSum = 0;
    for (let start = 0; start < pairs.length; start += batchSize) {
      const batch = pairs.slice(start, start + batchSize);
      if (batch.length < 2) continue;
      lossSum += batchLoss(params, batch, temperature, symmetric, grad) * batch.length;
      adam.step++;
      const c1 = 1 - b1 ** adam.step;
      const c2 = 1 - b2 ** adam.step;
      const touched = [...grad.touched].sort((a, b) => a - b);
      for (const k of touched) {
        for (let j = k * dim; j < (k + 1) * dim; j++) {
          const g = grad.rows[j] + l2 * (rows[j] - original[j]);
          const m = (adam.m[j] = b1 * adam.m[j] + (1 - b1) * g);
          const v = (adam.v[j] = b2 * adam.v[j] + (1 - b2) * g * g);
          rows[j] -= (lr * (m / c1)) / (Math.sqrt(v / c2) + eps);
          grad.rows[j] = 0;
        }
        const g = grad.weights[k];
        const m = (adam.mw[k] = b1 * adam.mw[k] + (1 - b1) * g);
        const v = (adam.vw[k] = b2 * adam.vw[k] + (1 - b2) * g * g);
        weights[k] -= (lr * (m / c1)) / (Math.sqrt(v / c2) + eps);
        grad.weights[k] = 0;
      }
      grad.touched.clear();
    }
    const heldOutLoss = evalLoss(params, heldOutPairs, batchSize, temperature, symmetric);
    record.epochs = epoch;
    const seconds = (performance.now() - epochStarted) / 1000;
    options.onEpoch?.({
      epoch,
      maxEpochs,
      trainLoss: lossSum / pairs.length,
      heldOutLoss,
      pairs: pairs.length,
      pairsPerSecond: pairs.length / Math.max(seconds, 1e-6),
    });
    if (heldOutLoss < best) {
      best = heldOutLoss;
      record.bestEpoch = epoch;
      bestRows = rows.slice();
      bestWeights = weights.slice();
      sinceBest = 0;
    } else if (++sinceBest >= patience) {
      break;
    }
  }
  record.heldOutLoss.best = best;

  for (let id = 0; id < vocabSize; id++) {
    const k = slot[id];
    if (k < 0) continue;
    const w = bestWeights[k];
    for (let j = 0; j < dim; j++) table[id * dim + j] = w * bestRows[k * dim + j];
  }
  return record;
}

export type { AdaptPassage } from './adapt-pairs.ts';
