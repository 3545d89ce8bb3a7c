// On-disk cache of the PCA fitted to the general vocabulary's teacher vectors, beside the teacher
// cache. The general vocabulary is the same for every corpus, so a warm rebuild reads the basis and
// the general words' projected rows instead of re-running the pure-JS PCA (tens of seconds), and
// projects only the corpus words, punctuation and pieces.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PcaBasis } from './distill.ts';

const MAGIC = 'lantern-pca/1\n';

export interface CachedPca {
  basis: PcaBasis;
  /** Projected rows of the general words (count × outDim), in vocabulary order. */
  projected: Float32Array;
}

/** Cache key: teacher, number of general words, output dim and a hash of the general words themselves. */
export function pcaCacheKey(teacher: string, generalWords: readonly string[], inDim: number, outDim: number): string {
  const words = createHash('sha256').update(generalWords.join('\n')).digest('hex');
  return createHash('sha256')
    .update(JSON.stringify([MAGIC, teacher, generalWords.length, inDim, outDim, words]))
    .digest('hex')
    .slice(0, 32);
}

function file(dir: string, key: string): string {
  return path.join(dir, `pca-${key}.bin`);
}

function expectedBytes(count: number, inDim: number, outDim: number): number {
  return MAGIC.length + 8 * inDim + 8 * outDim * inDim + 4 * count * outDim;
}

/** The cached PCA for `key`, or null if absent or malformed (a torn file is ignored and rewritten). */
export function readPcaCache(dir: string, key: string, count: number, inDim: number, outDim: number): CachedPca | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file(dir, key));
  } catch {
    return null;
  }
  if (
    bytes.length !== expectedBytes(count, inDim, outDim) ||
    bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC
  )
    return null;
  // Copy into aligned buffers (a Buffer's byteOffset need not be a multiple of 8).
  const body = new Uint8Array(bytes.subarray(MAGIC.length));
  let at = 0;
  const take = (n: number) => body.buffer.slice(at, (at += n));
  const mean = new Float64Array(take(8 * inDim));
  const components = new Float64Array(take(8 * outDim * inDim));
  const projected = new Float32Array(take(4 * count * outDim));
  return { basis: { inDim, outDim, mean, components }, projected };
}

/** Writes the cache entry atomically (temporary file, then rename), so concurrent builds never see a torn file. */
export function writePcaCache(dir: string, key: string, entry: CachedPca): void {
  fs.mkdirSync(dir, { recursive: true });
  const target = file(dir, key);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  const view = (a: Float64Array | Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  try {
    fs.writeFileSync(
      tmp,
      Buffer.concat([
        Buffer.from(MAGIC, 'latin1'),
        view(entry.basis.mean),
        view(entry.basis.components),
        view(entry.projected),
      ]),
    );
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
