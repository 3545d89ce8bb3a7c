// The subset of onnx.proto Lantern writes (indexer/model/onnx.ts: the static model, the tiny BERT test model) and
// reads back (static-model.ts: the app runs the static model's graph without ONNX Runtime). protobufjs's light
// build: reflection from this JSON schema, without the .proto parser the browser bundle would not use.
// The file name, not the bare subpath: protobufjs declares no exports map, and Node's ESM resolver needs it.
import protobuf from 'protobufjs/light.js';

/** TensorProto element types. */
export const FLOAT = 1;
export const INT8 = 3;
export const INT64 = 7;
/** AttributeProto types. */
export const ATTRIBUTE_FLOAT = 1;
export const ATTRIBUTE_INT = 2;
export const ATTRIBUTE_INTS = 7;
/** TensorProto.data_location: the tensor's bytes live in a file beside the model. */
export const EXTERNAL = 1;

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
            domain: { id: 7, type: 'string' },
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
            data_location: { id: 14, type: 'int32' },
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
export const ModelProto = schema.lookupType('onnx.ModelProto');

export interface OnnxTensor {
  name: string;
  dims: number[];
  data_type: number;
  raw_data?: Uint8Array;
  data_location?: number;
}

export interface OnnxNode {
  op_type: string;
  domain?: string;
  input: string[];
  output: string[];
  attribute: { name: string; i?: number }[];
}

export interface OnnxGraph {
  node: OnnxNode[];
  initializer: OnnxTensor[];
  input: { name: string }[];
  output: { name: string }[];
}

/** The graph of a serialised model, with 64-bit integers as numbers; throws on bytes that are not a model. */
export function decodeGraph(bytes: Uint8Array): OnnxGraph {
  const model = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, arrays: true }) as { graph?: OnnxGraph };
  if (!model.graph) throw new Error('onnx: the model has no graph');
  return model.graph;
}
