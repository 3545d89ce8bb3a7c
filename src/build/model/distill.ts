// Turning teacher vectors into the static table: PCA, SIF weighting, int8.
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

const BLOCK = 256;

/** Dot product of a[ai..ai+len) and b[bi..bi+len); four accumulators break the add dependency chain (~3× faster). */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, len: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[ai + k] * b[bi + k];
    s1 += a[ai + k + 1] * b[bi + k + 1];
    s2 += a[ai + k + 2] * b[bi + k + 2];
    s3 += a[ai + k + 3] * b[bi + k + 3];
  }
  for (; k < len; k++) s0 += a[ai + k] * b[bi + k];
  return s0 + s1 + (s2 + s3);
}

/**
 * Mean-centres `n` rows of `inDim` floats and projects them onto the top
 * `outDim` principal components. Each component's sign is fixed (largest
 * |coefficient| positive) so the output does not depend on solver quirks.
 */
export function pcaProject(
  rows: Float32Array,
  n: number,
  inDim: number,
  outDim: number,
  onProgress?: (done: number, total: number) => void,
): Float32Array {
  if (rows.length !== n * inDim) throw new Error(`pca: expected ${n}×${inDim} values, got ${rows.length}`);
  if (!Number.isInteger(outDim) || outDim < 1 || outDim > inDim || outDim > n) {
    throw new Error(`dim must be an integer in 1..${Math.min(inDim, n)} (teacher dim ${inDim}, ${n} rows), got ${outDim}`);
  }
  const mean = new Float64Array(inDim);
  for (let r = 0; r < n; r++) for (let i = 0; i < inDim; i++) mean[i] += rows[r * inDim + i];
  for (let i = 0; i < inDim; i++) mean[i] /= n;

  // Covariance (upper triangle) over blocks of rows held column-major, so
  // each entry is a contiguous dot product instead of an n-fold rank-1 update.
  const cov = new Float64Array(inDim * inDim);
  const block = new Float64Array(inDim * BLOCK);
  for (let start = 0; start < n; start += BLOCK) {
    const len = Math.min(BLOCK, n - start);
    for (let r = 0; r < len; r++) {
      const base = (start + r) * inDim;
      for (let i = 0; i < inDim; i++) block[i * BLOCK + r] = rows[base + i] - mean[i];
    }
    for (let i = 0; i < inDim; i++) {
      const bi = i * BLOCK;
      for (let j = i; j < inDim; j++) cov[i * inDim + j] += dot(block, bi, block, j * BLOCK, len);
    }
    onProgress?.(start + len, 2 * n);
  }
  const covariance = new Matrix(inDim, inDim);
  for (let i = 0; i < inDim; i++) {
    for (let j = i; j < inDim; j++) {
      const v = cov[i * inDim + j] / n;
      covariance.set(i, j, v);
      covariance.set(j, i, v);
    }
  }

  const eig = new EigenvalueDecomposition(covariance, { assumeSymmetric: true });
  const vectors = eig.eigenvectorMatrix;
  const order = eig.realEigenvalues.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value || a.index - b.index);
  // components[k*inDim + i]: coefficient i of component k.
  const components = new Float64Array(outDim * inDim);
  for (let k = 0; k < outDim; k++) {
    const col = order[k].index;
    let pivot = 0;
    for (let i = 0; i < inDim; i++) if (Math.abs(vectors.get(i, col)) > Math.abs(vectors.get(pivot, col))) pivot = i;
    const sign = vectors.get(pivot, col) < 0 ? -1 : 1;
    for (let i = 0; i < inDim; i++) components[k * inDim + i] = sign * vectors.get(i, col);
  }

  const out = new Float32Array(n * outDim);
  const centred = new Float64Array(inDim);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < inDim; i++) centred[i] = rows[r * inDim + i] - mean[i];
    for (let k = 0; k < outDim; k++) out[r * outDim + k] = dot(centred, 0, components, k * inDim, inDim);
    if ((r + 1) % 4096 === 0 || r === n - 1) onProgress?.(n + r + 1, 2 * n);
  }
  return out;
}

/** SIF: scales row r by a / (a + p[r]) in place, so frequent words weigh little in a mean. */
export function applySif(rows: Float32Array, dim: number, probabilities: Float64Array, a: number): void {
  const n = rows.length / dim;
  if (probabilities.length !== n) throw new Error(`sif: ${probabilities.length} probabilities for ${n} rows`);
  for (let r = 0; r < n; r++) {
    const w = a / (a + probabilities[r]);
    for (let i = r * dim; i < (r + 1) * dim; i++) rows[i] *= w;
  }
}

/** Symmetric per-row int8: row ≈ q * scale with scale = max|row| / 127 (|error| ≤ scale / 2). */
export function quantizeRows(rows: Float32Array, dim: number): { table: Int8Array; scales: Float32Array } {
  const n = rows.length / dim;
  const table = new Int8Array(rows.length);
  const scales = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let maxAbs = 0;
    for (let i = r * dim; i < (r + 1) * dim; i++) maxAbs = Math.max(maxAbs, Math.abs(rows[i]));
    if (maxAbs === 0) continue;
    const scale = Math.fround(maxAbs / 127);
    scales[r] = scale;
    for (let i = r * dim; i < (r + 1) * dim; i++) table[i] = Math.max(-127, Math.min(127, Math.round(rows[i] / scale)));
  }
  return { table, scales };
}
