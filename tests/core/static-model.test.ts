// Which models run without ONNX Runtime: only a graph that is a static model's table lookup (as indexer/model/onnx.ts
// writes it) is read into a table; a transformer, a changed graph or bytes that are no model at all go to
// Transformers.js. And the vector of a text: its tokens' scaled rows, averaged and normalised.
import { describe, expect, it } from 'vitest';
import { tinyBertOnnx } from '../../scripts/make-tiny-bert.ts';
import { ModelProto } from '../../src/core/onnx-format.ts';
import { embedTokens, readStaticModel } from '../../src/core/static-model.ts';
import { staticEmbeddingOnnx } from '../../src/indexer/model/onnx.ts';

// Four tokens × three dimensions; row 0 (padding) and row 1 (unknown) are zero, as in lantern-static.
const TABLE = Int8Array.from([0, 0, 0, 0, 0, 0, 10, -20, 30, 127, 0, -128]);
const SCALES = Float32Array.from([0, 0, 0.5, 0.25]);
const onnx = staticEmbeddingOnnx(TABLE, SCALES, 3);

/** The same model with its graph changed by `edit`. */
function edited(edit: (graph: { node: { op_type: string; input: string[]; output: string[] }[] }) => void) {
  const model = ModelProto.toObject(ModelProto.decode(onnx), { longs: Number, arrays: true });
  edit(model.graph);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

describe('readStaticModel', () => {
  it('reads the table and scales of a static model', () => {
    const model = readStaticModel(onnx);
    expect(model).not.toBeNull();
    expect(model!.vocabSize).toBe(4);
    expect(model!.dim).toBe(3);
    expect([...model!.table]).toEqual([...TABLE]);
    expect([...model!.scales]).toEqual([...SCALES]);
  });

  it('leaves every other graph to Transformers.js', () => {
    expect(readStaticModel(tinyBertOnnx(200)), 'a transformer').toBeNull();
    expect(readStaticModel(new TextEncoder().encode('not a model at all')), 'not ONNX').toBeNull();
    expect(
      readStaticModel(
        edited((g) => {
          g.node[3].op_type = 'Add';
        }),
      ),
      'scales added, not multiplied',
    ).toBeNull();
    expect(
      readStaticModel(
        edited((g) => {
          g.node[3].output = ['scaled'];
          g.node.push({ op_type: 'Relu', input: ['scaled'], output: ['last_hidden_state'] });
        }),
      ),
      'one more layer',
    ).toBeNull();
    expect(
      readStaticModel(
        edited((g) => {
          g.node[0].input = ['table', 'attention_mask'];
        }),
      ),
      'rows looked up by something other than the token ids',
    ).toBeNull();
  });
});

describe('embedTokens', () => {
  const model = readStaticModel(onnx)!;

  it('is the normalised mean of the tokens’ scaled rows, the unknown token counting towards the mean', () => {
    // Rows: token 2 → [5, -10, 15], token 3 → [31.75, 0, -32]; token 1 → 0. Mean over 3 tokens, then unit length.
    const sum = [5 + 31.75, -10, 15 - 32];
    const norm = Math.hypot(...sum.map((x) => x / 3));
    const vector = embedTokens(model, [2, 3, 1]);
    [...vector].forEach((x, d) => expect(x).toBeCloseTo(sum[d] / 3 / norm, 6));
    expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
  });

  it('gives a zero vector for no tokens or only unknown ones, and refuses a token outside the table', () => {
    expect([...embedTokens(model, [])]).toEqual([0, 0, 0]);
    expect([...embedTokens(model, [1, 1])]).toEqual([0, 0, 0]);
    expect(() => embedTokens(model, [4])).toThrow(/token id 4 is outside its 4 rows/);
  });
});
