import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  TEACHER_DIM,
  teacherCacheDir,
  teacherVectors,
  type TeacherProgress,
} from '../../../src/indexer/model/teacher.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-teacher-test-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function run(texts: string[], cacheDir: string) {
  const events: TeacherProgress[] = [];
  const vectors = await teacherVectors(texts, cacheDir, (e) => events.push(e));
  return { vectors, embedded: events.at(-1)!.total };
}

const row = (vectors: Float32Array, i: number) => [...vectors.subarray(i * TEACHER_DIM, (i + 1) * TEACHER_DIM)];

describe('teacherVectors', () => {
  it('embeds each text once, caches it, and survives a torn cache tail', async () => {
    const cacheDir = path.join(root, 'torn');
    const a = await run(['alpha', '', 'beta', 'alpha'], cacheDir);
    expect(a.embedded).toBe(2);
    expect(a.vectors.length).toBe(4 * TEACHER_DIM);
    expect(row(a.vectors, 1).every((x) => x === 0)).toBe(true);
    expect(row(a.vectors, 3)).toEqual(row(a.vectors, 0));
    expect(Math.hypot(...row(a.vectors, 0))).toBeCloseTo(1, 4);

    // A crash mid-append: half a vector row and a word without its newline.
    const dir = teacherCacheDir(cacheDir);
    fs.appendFileSync(path.join(dir, 'vectors.f32'), new Uint8Array(100));
    fs.appendFileSync(path.join(dir, 'words.txt'), 'gam');

    const b = await run(['gamma', 'beta', 'alpha'], cacheDir);
    expect(b.embedded).toBe(1);
    expect(row(b.vectors, 1)).toEqual(row(a.vectors, 2));
    expect(row(b.vectors, 2)).toEqual(row(a.vectors, 0));
    expect(fs.readFileSync(path.join(dir, 'words.txt'), 'utf8')).toBe('alpha\nbeta\ngamma\n');
    expect(fs.statSync(path.join(dir, 'vectors.f32')).size).toBe(3 * TEACHER_DIM * 4);
    expect((await run(['gamma'], cacheDir)).embedded).toBe(0);
  }, 60_000);

  it('waits for a cache locked by a live process, then gives up naming it', async () => {
    const cacheDir = path.join(root, 'locked');
    const dir = teacherCacheDir(cacheDir);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'lock'), String(process.pid));
    await expect(teacherVectors(['alpha'], cacheDir, undefined, 600)).rejects.toThrow(/still in use by process/);
    fs.writeFileSync(path.join(dir, 'lock'), '999999999'); // no such process: stale
    expect((await run([], cacheDir)).embedded).toBe(0);
  });

  it('rejects texts with line breaks', async () => {
    await expect(teacherVectors(['a\nb'], path.join(root, 'nl'))).rejects.toThrow(/line break/);
  });
});
