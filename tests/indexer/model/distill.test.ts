import { describe, expect, it } from 'vitest';
import { applySif, pcaProject, quantizeRows } from '../../../src/indexer/model/distill.ts';

/** Deterministic uniform [-0.5, 0.5) values (Park–Miller). */
function noise(count: number, seed = 7): Float32Array {
  const out = new Float32Array(count);
  let s = seed;
  for (let i = 0; i < count; i++) {
    s = (s * 16807) % 2147483647;
    out[i] = s / 2147483647 - 0.5;
  }
  return out;
}

describe('quantizeRows', () => {
  it('keeps every value within half a step of its row scale', () => {
    const dim = 64;
    const rows = noise(50 * dim);
    for (let i = 0; i < dim; i++) rows[3 * dim + i] *= 1000; // rows of very different magnitude
    rows.fill(0, 7 * dim, 8 * dim); // an all-zero row
    const { table, scales } = quantizeRows(rows, dim);
    expect(scales.length).toBe(50);
    for (let r = 0; r < 50; r++) {
      const row = rows.subarray(r * dim, (r + 1) * dim);
      const maxAbs = Math.max(...row.map(Math.abs));
      expect(scales[r]).toBeCloseTo(maxAbs / 127, 6);
      let maxQ = 0;
      for (let i = 0; i < dim; i++) {
        const q = table[r * dim + i];
        maxQ = Math.max(maxQ, Math.abs(q));
        expect(Math.abs(q * scales[r] - row[i])).toBeLessThanOrEqual(scales[r] / 2 + 1e-6 * maxAbs);
      }
      expect(maxQ).toBe(r === 7 ? 0 : 127);
    }
    expect(scales[7]).toBe(0);
  });
});

describe('applySif', () => {
  it('scales each row by a / (a + p)', () => {
    const rows = new Float32Array([1, 2, 1, 2, 1, 2]);
    applySif(rows, 2, new Float64Array([0, 1e-4, 9e-4]), 1e-4);
    expect([...rows]).toEqual([1, 2, 0.5, 1, 0.1, 0.2].map(Math.fround));
  });
});

describe('pcaProject', () => {
  it('recovers the dominant directions of the data, centred and with a fixed sign', () => {
    const n = 2000;
    const inDim = 6;
    const coords = noise(n * 2, 11);
    const jitter = noise(n * inDim, 13);
    const axisA = [1, 1, 0, 0, 0, 0].map((x) => x / Math.SQRT2);
    const axisB = [0, 0, 2, -1, 0, 0].map((x) => x / Math.sqrt(5));
    const rows = new Float32Array(n * inDim);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < inDim; i++) {
        rows[r * inDim + i] =
          5 + 10 * coords[2 * r] * axisA[i] + 3 * coords[2 * r + 1] * axisB[i] + 0.01 * jitter[r * inDim + i];
      }
    }
    const out = pcaProject(rows, n, inDim, 2);
    let meanA = 0;
    let meanB = 0;
    for (let r = 0; r < n; r++) {
      meanA += (10 * coords[2 * r]) / n;
      meanB += (3 * coords[2 * r + 1]) / n;
    }
    for (let r = 0; r < n; r++) {
      const a = 10 * coords[2 * r] - meanA;
      const b = 3 * coords[2 * r + 1] - meanB;
      // Sign rule: each axis's largest |coefficient| is positive, as in axisA and axisB.
      expect(Math.abs(out[r * 2] - a) + Math.abs(out[r * 2 + 1] - b)).toBeLessThan(0.1);
    }
    expect(pcaProject(rows, n, inDim, 2)).toEqual(out);
  });

  it("rejects a dim larger than the teacher's", () => {
    expect(() => pcaProject(new Float32Array(40), 10, 4, 5)).toThrow(/dim/);
  });
});
