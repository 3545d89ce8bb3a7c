// `npm run check:corpora [folder…]`: builds each corpus (default: ../shared/corpora/tldr) into a temporary folder
// the way a user would (`lantern build`, default model adapted to the corpus) and prints what happened to its
// files and what the build cost: files found, indexed, skipped by reason, hidden; passages; build time; peak
// memory; passages/s. Exits 1 when a build fails or a file is neither indexed nor reported.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { EXTENSIONS } from '../src/indexer/ingest.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const corpora = process.argv.slice(2).length ? process.argv.slice(2) : [path.join(ROOT, '../shared/corpora/tldr')];

interface Summary {
  documents: number;
  passages: number;
  rejected: { file: string; reason: string }[];
  hidden: string[];
  warnings: number;
  seconds: { total: number; chunk: number; model: number; embed: number };
  passagesPerSecond: number;
  maxRssKB: number;
}

/** Every file with a document extension under `dir`, hidden ones included, as the build names them. */
function documentFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory() && EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

function build(data: string, out: string): Promise<Summary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/corpus-build.ts'), data, out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`the build of ${data} failed (${signal ?? `exit ${code}`})`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Summary);
    });
  });
}

const n = (x: number) => x.toLocaleString('en-US');
let failed = false;
for (const corpus of corpora) {
  const data = path.resolve(corpus);
  const found = documentFiles(data);
  const temp = mkdtempSync(path.join(tmpdir(), 'lantern-corpora-'));
  const lines: string[] = [];
  try {
    const load = loadavg()[0];
    const s = await build(data, path.join(temp, 'index'));
    const byReason = new Map<string, number>();
    for (const r of s.rejected) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
    const underHidden = (file: string) => s.hidden.some((h) => file === h || (h.endsWith('/') && file.startsWith(h)));
    const reported = new Set(s.rejected.map((r) => r.file));
    const unaccounted = found.length - s.documents - found.filter((f) => reported.has(f) || underHidden(f)).length;
    lines.push(
      `${path.basename(data)} (${corpus})`,
      `  files found      ${n(found.length)} (.md, .markdown, .txt, hidden ones included)`,
      `  indexed          ${n(s.documents)}`,
      `  skipped          ${n(s.rejected.length)}${[...byReason].map(([reason, count]) => `\n    ${n(count).padStart(6)}  ${reason}`).join('')}`,
      `  hidden           ${n(s.hidden.length)}${s.hidden.length ? ` (${s.hidden.slice(0, 5).join(', ')}${s.hidden.length > 5 ? ', …' : ''})` : ''}`,
      `  warnings         ${n(s.warnings)}`,
      `  passages         ${n(s.passages)}`,
      `  build time       ${s.seconds.total.toFixed(1)} s (read and chunk ${s.seconds.chunk.toFixed(1)} s, model ${s.seconds.model.toFixed(1)} s, embed ${s.seconds.embed.toFixed(1)} s)`,
      `  peak memory      ${n(Math.round(s.maxRssKB / 1024))} MB (RSS of the build process)`,
      `  passages/s       ${s.passagesPerSecond.toFixed(0)} (embedding)`,
      // Times depend on what else the machine runs: say so beside them.
      `  machine          ${availableParallelism()} cores, load average ${load.toFixed(1)} before the build, ${loadavg()[0].toFixed(1)} after`,
    );
    if (unaccounted !== 0) {
      lines.push(`  FAILED: ${unaccounted} file(s) neither indexed nor reported`);
      failed = true;
    }
  } catch (error) {
    lines.push(`${corpus}: FAILED: ${(error as Error).message}`);
    failed = true;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exitCode = failed ? 1 : 0;
