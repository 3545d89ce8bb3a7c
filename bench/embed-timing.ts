// The query embedding alone, timed on two embedders of one model: each query embedded by both, one after the other,
// after one untimed query each. Runs in Node (embedding.ts) and in the bench worker (bench/browser/worker.ts): no
// Node API here.
import type { Embedder } from '../src/core/embedding.ts';
import type { ModelInfo } from '../src/core/index-format/manifest.ts';
import { withinBudget } from './stats.ts';

/** ms per query of each embedder. */
export async function timeEmbedders(
  embedders: { typescript: Embedder; onnx: Embedder },
  model: Pick<ModelInfo, 'name' | 'queryPrefix'>,
  queries: string[],
): Promise<{ typescript: number[]; onnx: number[] }> {
  const times = { typescript: [] as number[], onnx: [] as number[] };
  for (const side of ['typescript', 'onnx'] as const) await embedders[side].embedQueries([queries[0]], model);
  const loop = performance.now();
  for (const query of queries) {
    if (!withinBudget(loop, times.onnx.length)) break;
    for (const side of ['typescript', 'onnx'] as const) {
      const started = performance.now();
      await embedders[side].embedQueries([query], model);
      times[side].push(performance.now() - started);
    }
  }
  return times;
}
