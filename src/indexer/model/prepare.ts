// prepareModel: distil the teacher into a static embedding table and write it
// as a Transformers.js model folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { applySif, pcaApply, pcaFit, quantizeRows } from './distill.ts';
import { pcaCacheKey, readPcaCache, writePcaCache } from './pca-cache.ts';
import { staticEmbeddingOnnx } from './onnx.ts';
import { modelConfigJson, readModelRecipe, type AdaptationRecord, type ModelRecipe } from './recipe.ts';
import { TEACHER_DIM, teacherCacheDir, teacherName, teacherVectors } from './teacher.ts';
import { SPECIAL_TOKENS, tokenizerConfigJson, tokenizerJson } from './tokenizer.ts';
import { buildVocabulary } from './vocabulary.ts';
import { adaptTable, DEFAULT_MAX_EPOCHS, type AdaptEpoch, type AdaptOptions } from './adapt.ts';
import { PreTrainedTokenizer } from '@huggingface/transformers';

export type PrepareStage = 'vocabulary' | 'teacher' | 'pca' | 'adapt' | 'write';

export interface PrepareModelOptions {
  /** Model folder, e.g. 'models/lantern-static'; replaced atomically. */
  outDir: string;
  /** Words of the corpus being indexed (any text; normalised and split like the tokenizer does). */
  corpusWords?: string[];
  /** Most frequent English words to include; default DEFAULT_GENERAL_WORDS. */
  generalWords?: number;
  /** Output dimension (PCA of the 512-d teacher); default DEFAULT_DIM. */
  dim?: number;
  /** SIF constant a in a/(a+p(w)); default 1e-4. */
  sifA?: number;
  /** Teacher vector cache; default '.cache/lantern/teacher' in the working directory (the user's folder). */
  cacheDir?: string;
  /**
   * Adapt the table to these passages (self-supervised, corpus text only; see adapt.ts) before
   * quantising. Omitted: no adaptation (the table depends on the corpus words only).
   */
  adapt?: AdaptOptions;
  /**
   * For stage 'teacher', `total` is the number of texts missing from the cache (0 on a cached rebuild).
   * For stage 'adapt', done/total count epochs (total = the maximum) and `epoch` has the losses.
   */
  onProgress?: (e: { stage: PrepareStage; done: number; total: number; epoch?: AdaptEpoch }) => void;
}

const MODEL_FILE = 'onnx/model_quantized.onnx';

// The table's size is what a first visit downloads (int8 rows compress poorly). Measured on SciFact and the
// questions file (README "Model size"): 25k words × 192 dimensions is 4.3 MB gzip for the seed corpus against
// 10.9 MB for 50k × 256, for hybrid nDCG@10 0.698 against 0.701 and the same questions-file hit@5 and MRR.
export const DEFAULT_GENERAL_WORDS = 25_000;
export const DEFAULT_DIM = 192;

function checkOptions(opts: PrepareModelOptions) {
  if (typeof opts?.outDir !== 'string' || opts.outDir === '')
    throw new Error('prepareModel: outDir must be a non-empty path');
  const generalWords = opts.generalWords ?? DEFAULT_GENERAL_WORDS;
  const dim = opts.dim ?? DEFAULT_DIM;
  const sifA = opts.sifA ?? 1e-4;
  const corpusWords = opts.corpusWords ?? [];
  if (!Number.isInteger(generalWords) || generalWords < 0)
    throw new Error(`prepareModel: generalWords must be a non-negative integer, got ${generalWords}`);
  if (!Number.isInteger(dim) || dim < 1 || dim > TEACHER_DIM)
    throw new Error(`prepareModel: dim must be an integer in 1..${TEACHER_DIM}, got ${dim}`);
  if (!(Number.isFinite(sifA) && sifA > 0))
    throw new Error(`prepareModel: sifA must be a positive number, got ${sifA}`);
  if (!Array.isArray(corpusWords)) throw new Error('prepareModel: corpusWords must be an array of strings');
  const outDir = path.resolve(opts.outDir);
  // Checked up front so a typo in outDir fails before minutes of teacher work, not after.
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0 && readModelRecipe(outDir) === null) {
    throw new Error(`prepareModel: outDir ${outDir} exists and is not a Lantern model folder; refusing to replace it`);
  }
  const cacheDir = path.resolve(opts.cacheDir ?? path.join('.cache', 'lantern', 'teacher'));
  return { outDir, generalWords, dim, sifA, corpusWords, cacheDir };
}

function sha256(...parts: (string | ArrayBufferView)[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(typeof p === 'string' ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return hash.digest('hex');
}

/** Writes `files` into a fresh folder beside `outDir`, then swaps it in. */
function writeFolderAtomically(
  outDir: string,
  files: Record<string, Uint8Array>,
  onFile: (done: number) => void,
): void {
  const suffix = `${process.pid}-${Date.now()}`;
  const tmp = `${outDir}.tmp-${suffix}`;
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  try {
    Object.entries(files).forEach(([name, bytes], i) => {
      fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
      fs.writeFileSync(path.join(tmp, name), bytes);
      onFile(i + 1);
    });
    // A directory cannot be renamed over a non-empty one: move the old one aside first.
    const old = `${outDir}.old-${suffix}`;
    const replacing = fs.existsSync(outDir);
    if (replacing) fs.renameSync(outDir, old);
    fs.renameSync(tmp, outDir);
    if (replacing) fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Teacher vectors of every non-special token projected to `dim`. The PCA is
 * fitted to the general words only (the same for every corpus) and cached with
 * their projected rows, so a warm rebuild projects just the corpus words,
 * punctuation and pieces. Special tokens keep zero rows.
 */
async function projectedRows(
  vocab: ReturnType<typeof buildVocabulary>,
  dim: number,
  cacheDir: string,
  progress: NonNullable<PrepareModelOptions['onProgress']>,
): Promise<Float32Array> {
  const specials = SPECIAL_TOKENS.length;
  const n = vocab.tokens.length - specials;
  const general = vocab.generalCount;
  const texts = vocab.teacherTexts.slice(specials);
  const teacherProgress = (e: { done: number; total: number }) => progress({ stage: 'teacher', ...e });
  const pcaProgress = (done: number, total: number) => progress({ stage: 'pca', done, total });
  if (general < dim) {
    // Too few general words to fit a basis on: fit to every row, uncached.
    const rows = await teacherVectors(texts, cacheDir, teacherProgress);
    const basis = pcaFit(rows, n, TEACHER_DIM, dim, (d) => pcaProgress(d, 2 * n));
    return pcaApply(basis, rows, n, (d) => pcaProgress(n + d, 2 * n));
  }
  const pcaDir = path.join(teacherCacheDir(cacheDir), 'pca');
  const key = pcaCacheKey(teacherName(), vocab.tokens.slice(specials, specials + general), TEACHER_DIM, dim);
  const cached = readPcaCache(pcaDir, key, general, TEACHER_DIM, dim);
  const out = new Float32Array(n * dim);
  if (cached) {
    const rest = await teacherVectors(texts.slice(general), cacheDir, teacherProgress);
    out.set(cached.projected);
    out.set(
      pcaApply(cached.basis, rest, n - general, (d) => pcaProgress(d, n - general)),
      general * dim,
    );
    return out;
  }
  const rows = await teacherVectors(texts, cacheDir, teacherProgress);
  const basis = pcaFit(rows.subarray(0, general * TEACHER_DIM), general, TEACHER_DIM, dim, (d) =>
    pcaProgress(d, general + n),
  );
  const all = pcaApply(basis, rows, n, (d) => pcaProgress(general + d, general + n));
  writePcaCache(pcaDir, key, { basis, projected: all.subarray(0, general * dim) });
  return all;
}

export async function prepareModel(
  opts: PrepareModelOptions,
): Promise<{ dir: string; recipe: ModelRecipe; files: Record<string, string> }> {
  const { outDir, generalWords, dim, sifA, corpusWords, cacheDir } = checkOptions(opts);
  const progress = opts.onProgress ?? (() => {});

  const vocab = buildVocabulary({ generalWords, corpusWords });
  const vocabSize = vocab.tokens.length;
  progress({ stage: 'vocabulary', done: vocabSize, total: vocabSize });

  const projected = await projectedRows(vocab, dim, cacheDir, progress);
  const specials = SPECIAL_TOKENS.length;
  applySif(projected, dim, vocab.probabilities.subarray(specials), sifA);
  const rows = new Float32Array(vocabSize * dim);
  rows.set(projected, specials * dim);
  let adaptation: AdaptationRecord | undefined;
  if (opts.adapt) {
    // Exactly the tokenizer the model folder will carry: Transformers.js's own, from the same JSON.
    const tokenizer = new PreTrainedTokenizer(tokenizerJson(vocab.tokens), tokenizerConfigJson());
    const tokenize = (text: string) => Int32Array.from(tokenizer.encode(text, { add_special_tokens: false }));
    const userEpoch = opts.adapt.onEpoch;
    progress({ stage: 'adapt', done: 0, total: opts.adapt.maxEpochs ?? DEFAULT_MAX_EPOCHS });
    adaptation = adaptTable(rows, dim, tokenize, new Set(SPECIAL_TOKENS.map((_, id) => id)), {
      ...opts.adapt,
      onEpoch(e) {
        progress({ stage: 'adapt', done: e.epoch, total: e.maxEpochs, epoch: e });
        userEpoch?.(e);
      },
    });
  }
  const { table, scales } = quantizeRows(rows, dim);

  const recipe: ModelRecipe = {
    teacher: teacherName(),
    generalWords,
    dim,
    sifA,
    corpusWordsHash: vocab.corpusWordsHash,
    vocabSize,
    tableHash: sha256(vocab.tokens.join('\n'), '\0', table, scales),
    ...(adaptation ? { adaptation } : {}),
  };
  const json = (value: object, indent?: number) => new TextEncoder().encode(`${JSON.stringify(value, null, indent)}\n`);
  const files: Record<string, Uint8Array> = {
    'config.json': json(modelConfigJson(recipe), 2),
    'tokenizer_config.json': json(tokenizerConfigJson(), 2),
    'tokenizer.json': json(tokenizerJson(vocab.tokens)),
    [MODEL_FILE]: staticEmbeddingOnnx(table, scales, dim),
  };
  const total = Object.keys(files).length;
  writeFolderAtomically(outDir, files, (done) => progress({ stage: 'write', done, total }));
  return {
    dir: outDir,
    recipe,
    files: Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, sha256(bytes)])),
  };
}
