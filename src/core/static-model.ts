// A static embedding model run without ONNX Runtime. When a model's ONNX graph only looks up each token's row of an
// int8 table and multiplies it by the row's scale (the graph indexer/model/onnx.ts writes for lantern-static),
// a passage's vector is the mean of its tokens' rows, L2-normalised: a few lines of TypeScript, where ONNX Runtime
// would cost a 14 MB wasm download and its start-up. Which path runs is decided from the graph, never the model's
// name; a graph of any other shape (a transformer, or anything this file does not recognise) returns null and
// runs through Transformers.js as before.
import { decodeGraph, EXTERNAL, FLOAT, INT8, type OnnxGraph, type OnnxNode, type OnnxTensor } from './onnx-format.ts';

export interface StaticModel {
  vocabSize: number;
  dim: number;
  /** vocabSize × dim, row-major. */
  table: Int8Array;
  /** One scale per row. */
  scales: Float32Array;
}

/** The output Transformers.js pools, and the input it feeds the token ids to. */
const OUTPUT = 'last_hidden_state';
const IDS = 'input_ids';

/** The tensor's bytes, when the file holds them (not in an external data file) and there are `count` × `width` of them. */
function rawData(tensor: OnnxTensor, count: number, width: number): Uint8Array | null {
  const raw = tensor.raw_data;
  if (tensor.data_location === EXTERNAL || !raw || raw.byteLength !== count * width) return null;
  return raw;
}

/** A Gather of rows (axis 0) of an initializer, indexed by the token ids. */
function gatheredTable(node: OnnxNode | undefined, tensors: Map<string, OnnxTensor>): OnnxTensor | null {
  if (node?.op_type !== 'Gather' || node.input.length !== 2 || node.input[1] !== IDS) return null;
  const axis = node.attribute.find((a) => a.name === 'axis')?.i ?? 0;
  return axis === 0 ? (tensors.get(node.input[0]) ?? null) : null;
}

/**
 * The table and scales of a graph computing last_hidden_state = Cast<float>(Gather(table, input_ids)) ×
 * Gather(scales, input_ids), with an int8 [V, D] table and float [V, 1] scales; null for any other graph.
 */
function staticTables(graph: OnnxGraph): StaticModel | null {
  if (graph.node.length !== 4 || graph.node.some((n) => n.domain && n.domain !== 'ai.onnx')) return null;
  if (graph.output.length !== 1 || graph.output[0].name !== OUTPUT) return null;
  if (!graph.input.some((i) => i.name === IDS)) return null;
  const producer = new Map(graph.node.flatMap((n) => n.output.map((o) => [o, n] as const)));
  const tensors = new Map(graph.initializer.map((t) => [t.name, t] as const));
  const mul = producer.get(OUTPUT);
  if (mul?.op_type !== 'Mul' || mul.input.length !== 2) return null;
  for (const [rowsName, scalesName] of [mul.input, [...mul.input].reverse()]) {
    const cast = producer.get(rowsName);
    if (cast?.op_type !== 'Cast' || cast.input.length !== 1) continue;
    if (cast.attribute.find((a) => a.name === 'to')?.i !== FLOAT) continue;
    const table = gatheredTable(producer.get(cast.input[0]), tensors);
    const scales = gatheredTable(producer.get(scalesName), tensors);
    if (!table || !scales || table.data_type !== INT8 || scales.data_type !== FLOAT) continue;
    if (table.dims.length !== 2 || !(scales.dims.length === 1 || (scales.dims.length === 2 && scales.dims[1] === 1)))
      continue;
    const [vocabSize, dim] = table.dims;
    if (scales.dims[0] !== vocabSize || vocabSize < 1 || dim < 1) continue;
    const tableBytes = rawData(table, vocabSize * dim, 1);
    const scaleBytes = rawData(scales, vocabSize, 4);
    if (!tableBytes || !scaleBytes) continue;
    return {
      vocabSize,
      dim,
      table: new Int8Array(tableBytes.buffer, tableBytes.byteOffset, tableBytes.byteLength),
      // Copied: a float array needs 4-byte alignment, which the bytes inside the file need not have. ONNX stores
      // tensors little-endian, as typed arrays are on every platform Node and browsers run on.
      scales: new Float32Array(new Uint8Array(scaleBytes).buffer),
    };
  }
  return null;
}

/** The static model in a serialised ONNX model, or null when its graph is anything else (or not a model at all). */
export function readStaticModel(onnx: Uint8Array): StaticModel | null {
  let graph: OnnxGraph;
  try {
    graph = decodeGraph(onnx);
  } catch {
    return null; // not for this path to judge: the Transformers.js path reports a broken model in its own words
  }
  return staticTables(graph);
}

/**
 * The vector of one text's token ids: each token's row times its scale (in float32, as the graph computes it), the
 * mean over the tokens, L2-normalised, with the same float32 steps as Transformers.js's mean pooling and
 * normalisation, so both paths give the same vector. No tokens (an empty text) gives a zero vector.
 */
export function embedTokens(model: StaticModel, ids: ArrayLike<number>): Float32Array {
  const { dim, table, scales, vocabSize } = model;
  const sums = new Float64Array(dim);
  for (let t = 0; t < ids.length; t++) {
    const id = ids[t];
    if (!(id >= 0 && id < vocabSize)) throw new Error(`static model: token id ${id} is outside its ${vocabSize} rows`);
    const scale = scales[id];
    const row = id * dim;
    for (let d = 0; d < dim; d++) sums[d] += Math.fround(table[row + d] * scale);
  }
  const vector = new Float32Array(dim);
  if (ids.length === 0) return vector;
  // The sum of squares is kept in float32 at every step, as Transformers.js's norm does.
  let squares = 0;
  for (let d = 0; d < dim; d++) {
    vector[d] = sums[d] / ids.length;
    squares = Math.fround(squares + vector[d] ** 2);
  }
  const norm = Math.fround(squares ** 0.5);
  // Every token unknown ([UNK]'s row is zero): a zero vector, which matches nothing.
  if (norm === 0) return vector;
  for (let d = 0; d < dim; d++) vector[d] /= norm;
  return vector;
}
