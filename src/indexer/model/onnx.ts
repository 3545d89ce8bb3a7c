// ONNX graph of the static model, serialised with a minimal onnx.proto subset (also used by
// scripts/make-tiny-bert.ts for its test model: encodeOnnx and the helpers below are shared).
//
//   input_ids ─┬─ Gather(table int8 [V,D]) ─ Cast(float) ─┐
//              └─ Gather(scales f32 [V,1]) ───────────────┴─ Mul ─ last_hidden_state [B,S,D]
//
// attention_mask is accepted but unused: [PAD] rows are zero, and mean pooling
// in Transformers.js applies the mask itself.
import protobuf from 'protobufjs';

const IR_VERSION = 8;
const OPSET = 17;
/** TensorProto element types. */
export const FLOAT = 1;
export const INT8 = 3;
export const INT64 = 7;
/** AttributeProto types. */
export const ATTRIBUTE_FLOAT = 1;
export const ATTRIBUTE_INT = 2;
export const ATTRIBUTE_INTS = 7;

const schema = protobuf.Root.fromJSON({
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: { id: 1, type: 'int64' },
            opset_import: { id: 8, type: 'OperatorSetIdProto', rule: 'repeated' },
            producer_name: { id: 2, type: 'string' },
            doc_string: { id: 6, type: 'string' },
            graph: { id: 7, type: 'GraphProto' },
          },
        },
        OperatorSetIdProto: { fields: { domain: { id: 1, type: 'string' }, version: { id: 2, type: 'int64' } } },
        GraphProto: {
          fields: {
            node: { id: 1, type: 'NodeProto', rule: 'repeated' },
            name: { id: 2, type: 'string' },
            initializer: { id: 5, type: 'TensorProto', rule: 'repeated' },
            input: { id: 11, type: 'ValueInfoProto', rule: 'repeated' },
            output: { id: 12, type: 'ValueInfoProto', rule: 'repeated' },
          },
        },
        NodeProto: {
          fields: {
            input: { id: 1, type: 'string', rule: 'repeated' },
            output: { id: 2, type: 'string', rule: 'repeated' },
            name: { id: 3, type: 'string' },
            op_type: { id: 4, type: 'string' },
            attribute: { id: 5, type: 'AttributeProto', rule: 'repeated' },
          },
        },
        AttributeProto: {
          fields: {
            name: { id: 1, type: 'string' },
            f: { id: 2, type: 'float' },
            i: { id: 3, type: 'int64' },
            ints: { id: 8, type: 'int64', rule: 'repeated' },
            type: { id: 20, type: 'int32' },
          },
        },
        TensorProto: {
          fields: {
            dims: { id: 1, type: 'int64', rule: 'repeated' },
            data_type: { id: 2, type: 'int32' },
            name: { id: 8, type: 'string' },
            raw_data: { id: 9, type: 'bytes' },
          },
        },
        ValueInfoProto: { fields: { name: { id: 1, type: 'string' }, type: { id: 2, type: 'TypeProto' } } },
        TypeProto: {
          fields: { tensor_type: { id: 1, type: 'Tensor' } },
          nested: {
            Tensor: { fields: { elem_type: { id: 1, type: 'int32' }, shape: { id: 2, type: 'TensorShapeProto' } } },
          },
        },
        TensorShapeProto: {
          fields: { dim: { id: 1, type: 'Dimension', rule: 'repeated' } },
          nested: {
            Dimension: { fields: { dim_value: { id: 1, type: 'int64' }, dim_param: { id: 2, type: 'string' } } },
          },
        },
      },
    },
  },
});
const ModelProto = schema.lookupType('onnx.ModelProto');

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
