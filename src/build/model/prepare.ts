// prepareModel: distil the teacher into a static embedding table and write it
// as a Transformers.js model folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applySif, pcaProject, quantizeRows } from './distill.ts';
import { staticEmbeddingOnnx } from './onnx.ts';
import { modelConfigJson, readModelRecipe, type ModelRecipe } from './recipe.ts';
import { TEACHER_DIM, teacherName, teacherVectors } from './teacher.ts';
import { SPECIAL_TOKENS, tokenizerConfigJson, tokenizerJson } from './tokenizer.ts';
import { buildVocabulary } from './vocabulary.ts';

export type PrepareStage = 'vocabulary' | 'teacher' | 'pca' | 'write';

export interface PrepareModelOptions {
  /** Model folder, e.g. 'models/lantern-static'; replaced atomically. */
  outDir: string;
  /** Words of the corpus being indexed (any text; normalised and split like the tokenizer does). */
  corpusWords?: string[];
  /** Most frequent English words to include; default 50000. */
  generalWords?: number;
  /** Output dimension (PCA of the 512-d teacher); default 256. */
  dim?: number;
  /** SIF constant a in a/(a+p(w)); default 1e-4. */
  sifA?: number;
  /** Teacher vector cache; default '<repo>/.cache/lantern/teacher'. */
  cacheDir?: string;
  /** For stage 'teacher', `total` is the number of texts missing from the cache (0 on a cached rebuild). */
  onProgress?: (e: { stage: PrepareStage; done: number; total: number }) => void;
}

const MODEL_FILE = 'onnx/model_quantized.onnx';

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`prepareModel: no package.json above ${fileURLToPath(import.meta.url)}; pass cacheDir`);
    dir = parent;
  }
  return dir;
}

function checkOptions(opts: PrepareModelOptions) {
  if (typeof opts?.outDir !== 'string' || opts.outDir === '') throw new Error('prepareModel: outDir must be a non-empty path');
  const generalWords = opts.generalWords ?? 50000;
  const dim = opts.dim ?? 256;
  const sifA = opts.sifA ?? 1e-4;
  const corpusWords = opts.corpusWords ?? [];
  if (!Number.isInteger(generalWords) || generalWords < 0) throw new Error(`prepareModel: generalWords must be a non-negative integer, got ${generalWords}`);
  if (!Number.isInteger(dim) || dim < 1 || dim > TEACHER_DIM) throw new Error(`prepareModel: dim must be an integer in 1..${TEACHER_DIM}, got ${dim}`);
  if (!(Number.isFinite(sifA) && sifA > 0)) throw new Error(`prepareModel: sifA must be a positive number, got ${sifA}`);
  if (!Array.isArray(corpusWords)) throw new Error('prepareModel: corpusWords must be an array of strings');
  const outDir = path.resolve(opts.outDir);
  // Checked up front so a typo in outDir fails before minutes of teacher work, not after.
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0 && readModelRecipe(outDir) === null) {
    throw new Error(`prepareModel: outDir ${outDir} exists and is not a Lantern model folder; refusing to replace it`);
  }
  const cacheDir = path.resolve(opts.cacheDir ?? path.join(repoRoot(), '.cache', 'lantern', 'teacher'));
  return { outDir, generalWords, dim, sifA, corpusWords, cacheDir };
}

function sha256(...parts: (string | ArrayBufferView)[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(typeof p === 'string' ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return hash.digest('hex');
}

/** Writes `files` into a fresh folder beside `outDir`, then swaps it in. */
function writeFolderAtomically(outDir: string, files: Record<string, Uint8Array>, onFile: (done: number) => void): void {
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

export async function prepareModel(
  opts: PrepareModelOptions,
): Promise<{ dir: string; recipe: ModelRecipe; files: Record<string, string> }> {
  const { outDir, generalWords, dim, sifA, corpusWords, cacheDir } = checkOptions(opts);
  const progress = opts.onProgress ?? (() => {});

  const vocab = buildVocabulary({ generalWords, corpusWords });
  const vocabSize = vocab.tokens.length;
  progress({ stage: 'vocabulary', done: vocabSize, total: vocabSize });

  // Special tokens keep zero rows and stay out of the PCA fit.
  const specials = SPECIAL_TOKENS.length;
  const teacherRows = await teacherVectors(vocab.teacherTexts.slice(specials), cacheDir, (e) =>
    progress({ stage: 'teacher', ...e }),
  );
  const n = vocabSize - specials;
  const projected = pcaProject(teacherRows, n, TEACHER_DIM, dim, (done, total) => progress({ stage: 'pca', done, total }));
  applySif(projected, dim, vocab.probabilities.subarray(specials), sifA);
  const rows = new Float32Array(vocabSize * dim);
  rows.set(projected, specials * dim);
  const { table, scales } = quantizeRows(rows, dim);

  const recipe: ModelRecipe = {
    teacher: teacherName(),
    generalWords,
    dim,
    sifA,
    corpusWordsHash: vocab.corpusWordsHash,
    vocabSize,
    tableHash: sha256(vocab.tokens.join('\n'), '\0', table, scales),
  };
  const json = (value: object, indent?: number) => new TextEncoder().encode(JSON.stringify(value, null, indent) + '\n');
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
