// `lantern eval --teacher`: the same questions searched with the teacher's own vectors, through the same index.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { prepareQuestions, scoreRun, type PreparedRun } from '../../src/eval/run.ts';
import { withTeacherVectors } from '../../src/eval/teacher.ts';
import { TEACHER_DIM } from '../../src/indexer/model/teacher.ts';
import type { Reporter } from '../../src/indexer/progress.ts';
import { FIXTURES, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 600_000 });

const cache = tempDir();
afterAll(() => cache.cleanup());

function countingReporter() {
  const stages: { name: string; total: number }[] = [];
  const reporter: Reporter = {
    line() {},
    stage: (name, total) => {
      stages.push({ name, total });
      return { update() {}, finish() {} };
    },
  };
  return { reporter, stages };
}

describe('withTeacherVectors', () => {
  let own: PreparedRun;
  let teacher: PreparedRun;
  let first: ReturnType<typeof countingReporter>;
  beforeAll(async () => {
    own = await prepareQuestions(path.join(FIXTURES, 'seed-questions.jsonl'), await ensureSeedIndex());
    first = countingReporter();
    teacher = await withTeacherVectors(own, first.reporter, cache.dir);
  });

  it("embeds every passage and question with the teacher, and searches the index's passages with those vectors", async () => {
    expect(first.stages).toEqual([{ name: 'teacher', total: own.index.count + own.queries.length }]);
    expect(teacher.index.manifest.model.dim).toBe(TEACHER_DIM);
    expect(teacher.vectors.map((v) => v.length)).toEqual(own.queries.map(() => TEACHER_DIM));
    expect(teacher.vectors.every((v) => Math.abs(Math.hypot(...v) - 1) < 1e-5)).toBe(true);
    // Same passages and keyword side: only the vectors differ.
    expect((await scoreRun(teacher, 'keyword')).perQuery).toEqual((await scoreRun(own, 'keyword')).perQuery);
    expect(teacher.index.count).toBe(own.index.count);
    // Its semantic ranking is its own, not the index model's.
    const top = (run: PreparedRun) =>
      Promise.all(
        run.queries.map(async (q, i) =>
          (
            await run.index.search(q.text, { mode: 'semantic', k: 10, queryVector: run.vectors[i], snippets: false })
          ).results.map((r) => r.id),
        ),
      );
    const teacherTop = await top(teacher);
    expect(teacherTop).not.toEqual(await top(own));
    expect(teacherTop.every((ids) => ids.length === 10)).toBe(true);
    // The index it came from keeps its own vectors.
    expect(own.index.manifest.model.dim).not.toBe(TEACHER_DIM);
  });

  it('embeds nothing the second time: the texts are cached', async () => {
    const second = countingReporter();
    const again = await withTeacherVectors(own, second.reporter, cache.dir);
    expect(second.stages).toEqual([]);
    expect((await scoreRun(again, 'semantic')).perQuery).toEqual((await scoreRun(teacher, 'semantic')).perQuery);
  });
});
