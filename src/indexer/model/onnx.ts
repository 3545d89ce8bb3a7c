// ONNX graph of the static model, serialised with the onnx.proto subset of core/onnx-format.ts (also used by
// scripts/make-tiny-bert.ts for its test model: encodeOnnx and the helpers below are shared). The app reads the
// same graph back (core/static-model.ts) to run it without ONNX Runtime.
//
//   input_ids ─┬─ Gather(table int8 [V,D]) ─ Cast(float) ─┐
//              └─ Gather(scales f32 [V,1]) ───────────────┴─ Mul ─ last_hidden_state [B,S,D]
//
// attention_mask is accepted but unused: [PAD] rows are zero, and mean pooling
// in Transformers.js applies the mask itself.
import { ATTRIBUTE_INT, FLOAT, INT8, INT64, ModelProto } from '../../core/onnx-format.ts';

const IR_VERSION = 8;
const OPSET = 17;

export function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })) },
      },
    },
  };
}

export function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * Serialised ONNX model for a static embedding table: `table` holds
 * vocabSize×dim int8 values, `scales` one float per row. Raw tensor data is
 * little-endian, as ONNX requires (typed arrays are little-endian on every
 * platform Node and browsers run on).
 */
export function staticEmbeddingOnnx(table: Int8Array, scales: Float32Array, dim: number): Uint8Array {
  const vocabSize = scales.length;
  if (table.length !== vocabSize * dim)
    throw new Error(`onnx: table has ${table.length} values, expected ${vocabSize}×${dim}`);
  return encodeOnnx('Static token embeddings: int8 table with per-row scales.', {
    name: 'lantern_static_embedding',
    initializer: [
      { name: 'table', data_type: INT8, dims: [vocabSize, dim], raw_data: bytesOf(table) },
      { name: 'scales', data_type: FLOAT, dims: [vocabSize, 1], raw_data: bytesOf(scales) },
    ],
    input: [
      valueInfo('input_ids', INT64, ['batch', 'sequence']),
      valueInfo('attention_mask', INT64, ['batch', 'sequence']),
    ],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', dim])],
    node: [
      {
        name: 'gather_rows',
        op_type: 'Gather',
        input: ['table', 'input_ids'],
        output: ['rows_int8'],
        attribute: [{ name: 'axis', i: 0, type: ATTRIBUTE_INT }],
      },
      {
        name: 'cast_rows',
        op_type: 'Cast',
        input: ['rows_int8'],
        output: ['rows'],
        attribute: [{ name: 'to', i: FLOAT, type: ATTRIBUTE_INT }],
      },
      {
        name: 'gather_scales',
        op_type: 'Gather',
        input: ['scales', 'input_ids'],
        output: ['row_scales'],
        attribute: [{ name: 'axis', i: 0, type: ATTRIBUTE_INT }],
      },
      { name: 'scale_rows', op_type: 'Mul', input: ['rows', 'row_scales'], output: ['last_hidden_state'] },
    ],
  });
}

/** Serialises a graph (GraphProto fields: name, node, initializer, input, output) as an opset-17 model. */
export function encodeOnnx(doc: string, graph: object): Uint8Array {
  const model = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET }],
    producer_name: 'lantern',
    doc_string: doc,
    graph,
  };
  const error = ModelProto.verify(model);
  if (error) throw new Error(`onnx: invalid model: ${error}`);
  return ModelProto.encode(ModelProto.create(model)).finish();
}
