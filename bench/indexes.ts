// Built indexes, cached under .cache/lantern/bench/<corpus>-<key>/ (index/ + build.json). The key is the content:
// the corpus's documents and passages, the index format and layout and the index the build starts from (model or vectors),
// so a rerun reuses the index and its recorded build figures. Builder code changes are not in the key (the code
// is edited all the time and a 100k rebuild is expensive): delete .cache/lantern/bench/ for fresh build figures.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { stableHash } from '../src/core/hash.ts';
import { INDEX_FORMAT } from '../src/core/index-format/manifest.ts';
import { PASSAGES_PER_SHARD, SHARD_ABOVE } from '../src/indexer/write-index.ts';
import type { BenchCorpus } from './corpora.ts';
import type { BuildRecord } from './build-index.ts';

export const CACHE = path.resolve('.cache/lantern/bench');

export interface BuiltIndex {
  dir: string;
  build: BuildRecord;
  /** True when this run reused an index built earlier. */
  cached: boolean;
}

/** The cached index of `bench`, built now (in a child process) when missing; `from`: the index folder it is made with (see build-index.ts). */
export async function ensureIndex(bench: BenchCorpus, from?: string): Promise<BuiltIndex> {
  const fromKey = from
    ? await readFile(path.join(from, 'manifest.json'), 'utf8').then(
        (m) => (JSON.parse(m) as { version: string }).version,
      )
    : 'default';
  const key = stableHash(
    JSON.stringify([
      bench.corpus.documents,
      bench.corpus.passages,
      fromKey,
      INDEX_FORMAT,
      SHARD_ABOVE,
      PASSAGES_PER_SHARD,
    ]),
    12,
  );
  const dir = path.join(CACHE, `${bench.name}-${key}`);
  const buildFile = path.join(dir, 'build.json');
  if (existsSync(buildFile))
    return { dir, build: JSON.parse(await readFile(buildFile, 'utf8')) as BuildRecord, cached: true };

  // Older builds of this corpus are stale: drop them so the cache holds one index per corpus.
  const stale = existsSync(CACHE) ? (await readdir(CACHE)).filter((d) => d.startsWith(`${bench.name}-`)) : [];
  await Promise.all(stale.map((d) => rm(path.join(CACHE, d), { recursive: true, force: true })));
  return { dir, build: await buildInto(bench, dir, from), cached: false };
}

/**
 * Builds `bench`'s index into `dir`/index now, in a child process (see build-index.ts), and returns its record;
 * `teacherCacheDir`: where the default model's teacher vectors are cached, if not the build's default.
 */
export async function buildInto(
  bench: BenchCorpus,
  dir: string,
  from?: string,
  teacherCacheDir?: string,
): Promise<BuildRecord> {
  process.stderr.write(
    `bench      building the ${bench.name} index (${bench.corpus.passages.length} passages) into ${path.relative(process.cwd(), dir)}\n`,
  );
  const args = [
    '--import',
    'tsx',
    'bench/build-index.ts',
    bench.name,
    dir,
    ...(from ? [from] : []),
    ...(teacherCacheDir ? ['--teacher-cache', teacherCacheDir] : []),
  ];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`building the ${bench.name} index failed (exit code ${code})`);
  return JSON.parse(await readFile(path.join(dir, 'build.json'), 'utf8')) as BuildRecord;
}
