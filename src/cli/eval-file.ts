// Reading a saved `lantern eval --json` output: one result, or an array of them (several datasets).
import { readFile } from 'node:fs/promises';
import type { EvalResult } from '../eval/run.ts';

export async function readEvalFile(file: string): Promise<EvalResult[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file}: not valid JSON (${(error as Error).message}); save a run with \`lantern eval --json --per-query > ${file}\``,
    );
  }
  const runs = Array.isArray(data) ? data : [data];
  runs.forEach((r, i) => {
    const ok =
      r &&
      typeof r === 'object' &&
      typeof r.dataset === 'string' &&
      typeof r.model === 'string' &&
      r.modes &&
      typeof r.modes === 'object';
    if (!ok)
      throw new Error(
        `${file}: entry ${i + 1} is not a \`lantern eval --json\` result (it needs dataset, model and modes)`,
      );
  });
  return runs as EvalResult[];
}
