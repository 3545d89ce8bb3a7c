// int8 passage vectors: what the build writes is what search reads, close enough to the float vectors
// that rankings do not change, and a damaged file is refused with a clear message.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeVectors, encodeVectors, quantize, vectorAt } from '../../src/core/index-format/vectors.ts';
import { scoreAll, topK } from '../../src/core/vector-search.ts';

/** Deterministic pseudo-random unit vectors (Box–Muller over a small LCG). */
function randomUnitVectors(count: number, dim: number, seed: number): Float32Array[] {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  return Array.from({ length: count }, () => {
    const v = new Float32Array(dim);
    for (let i = 0; i < dim; i++) v[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const norm = Math.hypot(...v);
    for (let i = 0; i < dim; i++) v[i] /= norm;
    return v;
  });
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));

describe('quantize / encode / decode', () => {
  it('round-trips through the file format unchanged', () => {
    const store = quantize(randomUnitVectors(20, 64, 7), 64);
    const decoded = decodeVectors(encodeVectors(store));
    expect(decoded.count).toBe(20);
    expect(decoded.dim).toBe(64);
    expect(Array.from(decoded.scales)).toEqual(Array.from(store.scales));
    expect(Array.from(decoded.values)).toEqual(Array.from(store.values));
  });

  it('reads a file from an unaligned buffer and from an ArrayBuffer', () => {
    const bytes = encodeVectors(quantize(randomUnitVectors(3, 8, 1), 8));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const fromView = decodeVectors(shifted.subarray(1));
    const fromBuffer = decodeVectors(bytes.slice().buffer);
    expect(Array.from(fromView.values)).toEqual(Array.from(fromBuffer.values));
    expect(Array.from(fromView.scales)).toEqual(Array.from(fromBuffer.scales));
  });

  it('keeps every component within half a quantisation step: |x − q·scale| ≤ scale/2', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }).chain((dim) =>
          fc
            .array(fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: dim, maxLength: dim }), {
              minLength: 1,
              maxLength: 8,
            })
            .map((rows) => ({ dim, rows })),
        ),
        ({ dim, rows }) => {
          const store = quantize(rows, dim);
          rows.forEach((row, r) => {
            const scale = store.scales[r];
            for (let i = 0; i < dim; i++) {
              const q = store.values[r * dim + i];
              expect(Math.abs(q)).toBeLessThanOrEqual(127);
              // A tiny allowance for float32 rounding of the scale itself.
              expect(Math.abs(row[i] - q * scale)).toBeLessThanOrEqual(scale / 2 + 1e-6 * Math.abs(row[i]) + 1e-12);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps dequantised unit vectors at cosine > 0.999 to the originals', () => {
    const vectors = randomUnitVectors(200, 256, 42);
    const store = quantize(vectors, 256);
    vectors.forEach((v, row) => expect(cosine(v, vectorAt(store, row))).toBeGreaterThan(0.999));
  });

  it('scores like the float dot product and ranks the same top hits', () => {
    const vectors = randomUnitVectors(300, 128, 3);
    const store = quantize(vectors, 128);
    const [query] = randomUnitVectors(1, 128, 99);
    const scores = scoreAll(store, query);
    const exact = vectors.map((v) => dot(v, query));
    scores.forEach((s, i) => expect(Math.abs(s - exact[i])).toBeLessThan(0.01));
    const bestExact = exact.indexOf(Math.max(...exact));
    expect(topK(scores, 1)[0].index).toBe(bestExact);
  });

  it('stores an all-zero vector as zeros', () => {
    const store = quantize([new Float32Array(4)], 4);
    expect(store.scales[0]).toBe(0);
    expect(Array.from(vectorAt(store, 0))).toEqual([0, 0, 0, 0]);
  });

  it('refuses a vector of the wrong dimension', () => {
    expect(() => quantize([[1, 2, 3]], 4)).toThrow(/vector 0 has dimension 3, expected 4/);
    expect(() => scoreAll(quantize([[1, 0]], 2), [1, 0, 0])).toThrow(/query vector has dimension 3, the index has 2/);
  });
});

describe('damaged vectors files', () => {
  const good = encodeVectors(quantize(randomUnitVectors(5, 16, 5), 16));

  it('refuses a file without a header', () => {
    expect(() => decodeVectors(new Uint8Array(0))).toThrow(/truncated \(no header\)/);
    expect(() => decodeVectors(good.subarray(0, 10))).toThrow(/truncated/);
  });

  it('refuses a truncated or padded file, naming the expected size', () => {
    expect(() => decodeVectors(good.subarray(0, good.length - 1))).toThrow(
      new RegExp(`is ${good.length - 1} bytes, expected ${good.length} for 5 × 16`),
    );
    const padded = new Uint8Array(good.length + 3);
    padded.set(good);
    expect(() => decodeVectors(padded)).toThrow(/expected/);
  });

  it('refuses a file that is not a Lantern vectors file', () => {
    const garbled = good.slice();
    garbled[0] ^= 0xff;
    expect(() => decodeVectors(garbled)).toThrow(/wrong magic number/);
    expect(() => decodeVectors(new TextEncoder().encode('{"not": "vectors", "padding": true}'))).toThrow(/magic/);
  });

  it('refuses another format version', () => {
    const future = good.slice();
    new DataView(future.buffer).setUint32(4, 2, true);
    expect(() => decodeVectors(future)).toThrow(/format version 2/);
  });

  it('refuses a header whose count does not match the data', () => {
    const lying = good.slice();
    new DataView(lying.buffer).setUint32(8, 6, true);
    expect(() => decodeVectors(lying)).toThrow(/expected .* for 6 × 16/);
  });
});

describe('topK', () => {
  it('returns the k best rows, best first, among the allowed ones', () => {
    const scores = new Float32Array([0.1, 0.9, 0.5, 0.7, 0.3, 0.8]);
    expect(topK(scores, 3).map((h) => h.index)).toEqual([1, 5, 3]);
    expect(topK(scores, 2, (row) => row % 2 === 0).map((h) => h.index)).toEqual([2, 4]);
    expect(topK(scores, 10).map((h) => h.index)).toEqual([1, 5, 3, 2, 4, 0]);
  });

  it('agrees with a full sort for any scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, min: -1, max: 1 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (values, k) => {
          const scores = new Float32Array(values);
          // (+ 0 turns -0 into 0: the two tie, in either order.)
          const got = topK(scores, k).map((h) => h.score + 0);
          const expected = Array.from(scores, (s) => s + 0)
            .sort((a, b) => b - a)
            .slice(0, k);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
