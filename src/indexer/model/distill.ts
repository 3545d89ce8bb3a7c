// Turning teacher vectors into the static table: PCA, SIF weighting, int8.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

const BLOCK = 256;

/**
 * out[r*ldOut + k] += a_r · b_k for r in [r0, r1) and k in [k0, k1), where
 * a_r and b_k are rows of `len` values in row-major `a` and `b`. Rows of `a`
 * go four at a time so each row of `b` is loaded once per four dot products
 * (about twice as fast as one dot product at a time in V8).
 */
function addDots(
  a: Float64Array,
  r0: number,
  r1: number,
  b: Float64Array,
  k0: number,
  k1: number,
  len: number,
  out: Float64Array,
  ldOut: number,
): void {
  let r = r0;
  for (; r + 4 <= r1; r += 4) {
    const a0 = r * len,
      a1 = a0 + len,
      a2 = a1 + len,
      a3 = a2 + len;
    for (let k = k0; k < k1; k++) {
      const bk = k * len;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let i = 0; i < len; i++) {
        const w = b[bk + i];
        s0 += a[a0 + i] * w;
        s1 += a[a1 + i] * w;
        s2 += a[a2 + i] * w;
        s3 += a[a3 + i] * w;
      }
      out[r * ldOut + k] += s0;
      out[(r + 1) * ldOut + k] += s1;
      out[(r + 2) * ldOut + k] += s2;
      out[(r + 3) * ldOut + k] += s3;
    }
  }
  for (; r < r1; r++) {
    for (let k = k0; k < k1; k++) {
      let s = 0;
      for (let i = 0; i < len; i++) s += a[r * len + i] * b[k * len + i];
      out[r * ldOut + k] += s;
    }
  }
}

/** Mean and top principal components of some rows: enough to project any other row the same way. */
export interface PcaBasis {
  inDim: number;
  outDim: number;
  /** Mean of the fitted rows (inDim values). */
  mean: Float64Array;
  /** components[k*inDim + i]: coefficient i of component k. */
  components: Float64Array;
}

/**
 * Fits a PCA basis to `n` rows of `inDim` floats: their mean and top `outDim`
 * principal components. Each component's sign is fixed (largest
 * |coefficient| positive) so the output does not depend on solver quirks.
 * Plain float64 JS arithmetic in a fixed order (no native BLAS, whose
 * kernels vary by CPU): the same teacher vectors give bit-identical output on
 * every machine, which keeps model files reproducible.
 */
export function pcaFit(
  rows: Float32Array,
  n: number,
  inDim: number,
  outDim: number,
  onProgress?: (done: number, total: number) => void,
): PcaBasis {
  if (rows.length !== n * inDim) throw new Error(`pca: expected ${n}×${inDim} values, got ${rows.length}`);
  if (!Number.isInteger(outDim) || outDim < 1 || outDim > inDim || outDim > n) {
    throw new Error(
      `dim must be an integer in 1..${Math.min(inDim, n)} (teacher dim ${inDim}, ${n} rows), got ${outDim}`,
    );
  }
  const mean = new Float64Array(inDim);
  for (let r = 0; r < n; r++) for (let i = 0; i < inDim; i++) mean[i] += rows[r * inDim + i];
  for (let i = 0; i < inDim; i++) mean[i] /= n;

  // Covariance over blocks of centred rows held transposed (one row per
  // dimension); only entries j >= i are used.
  const cov = new Float64Array(inDim * inDim);
  const blockT = new Float64Array(inDim * BLOCK);
  for (let start = 0; start < n; start += BLOCK) {
    const len = Math.min(BLOCK, n - start);
    for (let r = 0; r < len; r++) {
      const base = (start + r) * inDim;
      for (let i = 0; i < inDim; i++) blockT[i * len + r] = rows[base + i] - mean[i];
    }
    for (let i = 0; i < inDim; i += 4) addDots(blockT, i, Math.min(i + 4, inDim), blockT, i, inDim, len, cov, inDim);
    onProgress?.(start + len, n);
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
  const order = eig.realEigenvalues
    .map((value, index) => ({ value, index }))
    .sort((a, b) => b.value - a.value || a.index - b.index);
  const components = new Float64Array(outDim * inDim);
  for (let k = 0; k < outDim; k++) {
    const col = order[k].index;
    let pivot = 0;
    for (let i = 0; i < inDim; i++) if (Math.abs(vectors.get(i, col)) > Math.abs(vectors.get(pivot, col))) pivot = i;
    const sign = vectors.get(pivot, col) < 0 ? -1 : 1;
    for (let i = 0; i < inDim; i++) components[k * inDim + i] = sign * vectors.get(i, col);
  }
  return { inDim, outDim, mean, components };
}

/** Centres `n` rows with the basis mean and projects them onto its components. */
export function pcaApply(
  basis: PcaBasis,
  rows: Float32Array,
  n: number,
  onProgress?: (done: number, total: number) => void,
): Float32Array {
  const { inDim, outDim, mean, components } = basis;
  if (rows.length !== n * inDim) throw new Error(`pca: expected ${n}×${inDim} values, got ${rows.length}`);
  const out = new Float32Array(n * outDim);
  const centred = new Float64Array(BLOCK * inDim);
  const projected = new Float64Array(BLOCK * outDim);
  for (let start = 0; start < n; start += BLOCK) {
    const len = Math.min(BLOCK, n - start);
    for (let r = 0; r < len; r++) {
      for (let i = 0; i < inDim; i++) centred[r * inDim + i] = rows[(start + r) * inDim + i] - mean[i];
    }
    projected.fill(0);
    addDots(centred, 0, len, components, 0, outDim, inDim, projected, outDim);
    out.set(projected.subarray(0, len * outDim), start * outDim);
    onProgress?.(start + len, n);
  }
  return out;
}

/** Mean-centres `n` rows and projects them onto their own top `outDim` principal components (pcaFit + pcaApply). */
export function pcaProject(
  rows: Float32Array,
  n: number,
  inDim: number,
  outDim: number,
  onProgress?: (done: number, total: number) => void,
): Float32Array {
  const basis = pcaFit(rows, n, inDim, outDim, (done) => onProgress?.(done, 2 * n));
  return pcaApply(basis, rows, n, (done) => onProgress?.(n + done, 2 * n));
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
