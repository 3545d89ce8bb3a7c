// vectors.bin: passage vectors stored as int8 with one float32 scale per vector (searched in ../vector-search.ts).
//
// vectors.bin layout (little-endian):
//   bytes 0..3   magic "LVEC"
//   bytes 4..7   format version (uint32) = 1
//   bytes 8..11  count (uint32)
//   bytes 12..15 dimension (uint32)
//   then count float32 scales, then count × dimension int8 values (row-major).

const MAGIC = 0x4345564c; // "LVEC" read as little-endian uint32
const HEADER_BYTES = 16;

export interface VectorStore {
  count: number;
  dim: number;
  scales: Float32Array;
  values: Int8Array;
}

/** Quantises each vector to int8 with scale = max |x| / 127, so x ≈ value × scale. */
export function quantize(vectors: ArrayLike<number>[], dim: number): VectorStore {
  const count = vectors.length;
  const scales = new Float32Array(count);
  const values = new Int8Array(count * dim);
  vectors.forEach((vector, row) => {
    if (vector.length !== dim) throw new Error(`vector ${row} has dimension ${vector.length}, expected ${dim}`);
    let max = 0;
    for (let i = 0; i < dim; i++) max = Math.max(max, Math.abs(vector[i]));
    const scale = max / 127;
    scales[row] = scale;
    if (scale === 0) return;
    for (let i = 0; i < dim; i++) values[row * dim + i] = Math.round(vector[i] / scale);
  });
  return { count, dim, scales, values };
}

export function encodeVectors(store: VectorStore): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + store.count * 4 + store.count * store.dim);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, 1, true);
  view.setUint32(8, store.count, true);
  view.setUint32(12, store.dim, true);
  new Float32Array(bytes.buffer, HEADER_BYTES, store.count).set(store.scales);
  new Int8Array(bytes.buffer, HEADER_BYTES + store.count * 4).set(store.values);
  return bytes;
}

export function decodeVectors(buffer: ArrayBuffer | Uint8Array): VectorStore {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.byteLength < HEADER_BYTES) throw new Error('vectors file is truncated (no header)');
  // Copy so the float view is aligned whatever the source offset.
  const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new DataView(own.buffer, own.byteOffset, own.byteLength);
  if (view.getUint32(0, true) !== MAGIC)
    throw new Error('vectors file has the wrong magic number (not a Lantern vectors file)');
  const version = view.getUint32(4, true);
  if (version !== 1) throw new Error(`vectors file has format version ${version}; this Lantern reads version 1`);
  const count = view.getUint32(8, true);
  const dim = view.getUint32(12, true);
  const expected = HEADER_BYTES + count * 4 + count * dim;
  if (own.byteLength !== expected)
    throw new Error(`vectors file is ${own.byteLength} bytes, expected ${expected} for ${count} × ${dim}`);
  return {
    count,
    dim,
    scales: new Float32Array(own.buffer, own.byteOffset + HEADER_BYTES, count),
    values: new Int8Array(own.buffer, own.byteOffset + HEADER_BYTES + count * 4, count * dim),
  };
}

/** The vector of one stored passage, dequantised. */
export function vectorAt(store: VectorStore, row: number): Float32Array {
  const out = new Float32Array(store.dim);
  const scale = store.scales[row];
  for (let i = 0; i < store.dim; i++) out[i] = store.values[row * store.dim + i] * scale;
  return out;
}
