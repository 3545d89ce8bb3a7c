// The teacher's ceiling: a run searched with the vectors of the sentence encoder the default model is
// distilled from (USE lite, each passage and query embedded whole) instead of the index's own. A word
// table distilled from that teacher cannot be expected to beat these figures, so they tell how much of a
// shortfall is the teacher's and how much the table's. Ranking is the index's own (SearchIndex.withVectors).
import path from 'node:path';
import { silentReporter, type Reporter, type Stage } from '../indexer/progress.ts';
import { TEACHER_DIM, teacherName, teacherVectors } from '../indexer/model/teacher.ts';
import { passageInput } from '../core/embedding.ts';
import { encodeVectors, quantize } from '../core/index-format/vectors.ts';
import type { PreparedRun } from './run.ts';
import { withVectors } from './variants.ts';

export const TEACHER_LABEL = `${teacherName()} teacher, whole text`;

/** The teacher caches one text per line, so line breaks become spaces (the teacher reads them as spaces). */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function unitRows(flat: Float32Array, count: number): Float32Array[] {
  return Array.from({ length: count }, (_, i) => {
    const row = flat.slice(i * TEACHER_DIM, (i + 1) * TEACHER_DIM);
    const norm = Math.hypot(...row) || 1;
    return row.map((x) => x / norm);
  });
}

export async function withTeacherVectors(
  run: PreparedRun,
  reporter: Reporter = silentReporter,
  cacheDir = path.resolve('.cache/lantern/eval/teacher'),
): Promise<PreparedRun> {
  const { index } = run;
  await index.loadAll();
  const inputs = Array.from({ length: index.count }, (_, row) => {
    const p = index.passage(row);
    return oneLine(passageInput(index.documents[p.doc].title, p.headings, p.text));
  });
  const texts = [...inputs, ...run.queries.map((q) => oneLine(q.text))];
  let stage: Stage | undefined;
  let embedded = 0;
  const flat = await teacherVectors(texts, cacheDir, ({ done, total }) => {
    if (total === 0) return; // all cached
    stage ??= reporter.stage('teacher', total, 'texts');
    stage.update(done);
    embedded = done;
  });
  stage?.finish(`${embedded} texts embedded by ${teacherName()} (cached in ${cacheDir})`);
  const passages = unitRows(flat.subarray(0, index.count * TEACHER_DIM), index.count);
  const queries = unitRows(flat.subarray(index.count * TEACHER_DIM), run.queries.length);
  return { ...run, index: withVectors(index, encodeVectors(quantize(passages, TEACHER_DIM))), vectors: queries };
}
