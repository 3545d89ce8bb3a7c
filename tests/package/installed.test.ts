// Lantern as a user gets it: `npm pack` in this clone, the tarball installed into a folder outside the repository
// (its dependencies from the local npm cache only: no network beyond `npm ci`), then the commands of the README
// and of the publishing workflow (docs/publish-workflow.yml) run in a notes folder there. The built site is
// checked, nothing is written outside that folder, and the clone's `git status` is what it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { ROOT, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex, TEACHER_CACHE_DIR } from '../fixtures/seed.ts';

const run = promisify(execFile);
const { dir, cleanup } = tempDir('lantern-installed-');
const project = path.join(dir, 'project');
const notes = path.join(project, 'notes');
const env = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' };
const sh = (command: string, cwd: string, extra: Record<string, string> = {}) =>
  run('bash', ['-c', command], { cwd, env: { ...env, ...extra }, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
const git = async () => (await run('git', ['status', '--porcelain'], { cwd: ROOT })).stdout;

/** The `run:` steps of the publishing workflow's build job, in order. */
function workflowSteps(): { name?: string; run: string; env?: Record<string, string> }[] {
  const workflow = parse(readFileSync(path.join(ROOT, 'docs/publish-workflow.yml'), 'utf8'));
  return workflow.jobs.build.steps.filter((step: { run?: string }) => step.run);
}

let gitBefore = '';
let tarball = '';
let site = '';

beforeAll(async () => {
  gitBefore = await git();
  // The default model's teacher vectors, as the other tests keep them (a first build makes them in minutes).
  await ensureSeedIndex();
  const packed = await sh(`npm pack --silent --pack-destination ${JSON.stringify(dir)}`, ROOT);
  tarball = path.join(dir, packed.stdout.trim().split('\n').pop()!);

  // The project a user makes: the tarball as its one dependency, locked to the versions this clone was tested
  // with (the clone's lockfile, less its dev-only packages), so that `npm ci --offline` finds all in the cache.
  mkdirSync(project);
  copyFileSync(tarball, path.join(project, path.basename(tarball)));
  const spec = `file:${path.basename(tarball)}`;
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const packages: Record<string, unknown> = {
    '': { dependencies: { lantern: spec } },
    'node_modules/lantern': {
      version: pkg.version,
      resolved: spec,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  // The clone's lockfile records no tarball addresses; with the registry's address and the integrity hash, npm
  // finds each tarball in its cache (by hash) without asking the registry for anything.
  const registry = (await sh('npm config get registry', ROOT)).stdout.trim().replace(/\/$/, '');
  for (const [where, entry] of Object.entries(lock.packages as Record<string, { dev?: boolean; version: string }>)) {
    if (!where.startsWith('node_modules/') || entry.dev) continue;
    const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const resolved = `${registry}/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
    packages[where] = { resolved, ...entry };
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ dependencies: { lantern: spec } }));
  writeFileSync(
    path.join(project, 'package-lock.json'),
    JSON.stringify({ lockfileVersion: 3, requires: true, packages }),
  );
  // Install scripts stay off, as in the clone (onnxruntime-node's would download binaries).
  await sh('npm ci --offline --ignore-scripts --no-audit --no-fund', project);

  mkdirSync(notes);
  writeFileSync(
    path.join(notes, 'garden.md'),
    '# Garden\n\nThe quince tree by the wall fruits in October.\n\n## Tools\n\nThe copper trowel hangs in the shed.\n',
  );
  writeFileSync(path.join(notes, 'kitchen.md'), '# Kitchen\n\nQuince jelly sets best with the seeds left in.\n');
  mkdirSync(path.join(notes, '.cache/lantern'), { recursive: true });
  symlinkSync(TEACHER_CACHE_DIR, path.join(notes, '.cache/lantern/teacher'));
  site = path.join(notes, 'dist/site');
}, 1_200_000);
afterAll(cleanup);

describe('the installed package', () => {
  it('ships the compiled CLI and the prebuilt app, not the sources', () => {
    const installed = path.join(project, 'node_modules/lantern');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'lib', 'package.json']);
    expect(existsSync(path.join(installed, 'lib/cli/main.js'))).toBe(true);
    expect(existsSync(path.join(installed, 'lib/app/index.html'))).toBe(true);
    // The app shell's vite configuration: a clone's only (it imports vite, a devDependency).
    expect(existsSync(path.join(installed, 'lib/site/app-build.js'))).toBe(false);
    expect(existsSync(path.join(installed, 'node_modules/vite'))).toBe(false);
    expect(existsSync(path.join(project, 'node_modules/vite'))).toBe(false);
  });

  it('`lantern init` writes a config named after the folder, and never replaces it', async () => {
    await sh('npx lantern init', notes);
    const config = JSON.parse(readFileSync(path.join(notes, 'lantern.config.json'), 'utf8'));
    expect(config).toMatchObject({ name: 'notes', documents: '.' });
    expect(config['//']).toMatch(/every key is optional/);
    const again = await sh('npx lantern init', notes).catch((error) => error);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('lantern.config.json already exists');
  });

  it("the workflow's build steps make the whole site in the notes folder, and nothing outside it", async () => {
    const steps = workflowSteps();
    expect(steps.map((s) => s.name)).toEqual(['Install Lantern', 'Build the site']);
    // The install step is the one above (from the cache: the registry may not be reached here); the rest as written.
    for (const step of steps.slice(1))
      await sh(step.run, notes, { ...step.env, BASE_URL: 'https://ada.github.io/notes' });
    expect(readdirSync(notes).sort()).toEqual(['.cache', 'dist', 'garden.md', 'kitchen.md', 'lantern.config.json']);
    expect(readdirSync(project).sort()).toEqual([
      'lantern-0.1.0.tgz',
      'node_modules',
      'notes',
      'package-lock.json',
      'package.json',
    ]);

    const html = readFileSync(path.join(site, 'index.html'), 'utf8');
    expect(html).toContain('<title>notes</title>');
    expect(html).not.toContain('%LANTERN_');
    const index = JSON.parse(readFileSync(path.join(site, 'index/manifest.json'), 'utf8'));
    expect(index.counts).toMatchObject({ documents: 2 });
    expect(index.baseUrl).toBe('https://ada.github.io/notes/');
    const pages = readdirSync(path.join(site, 'p')).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBe(index.counts.passages);
    expect(readFileSync(path.join(site, 'p', pages[0]), 'utf8')).toContain('https://ada.github.io/notes/p/');
    // The service worker precaches the app and every index file (their content-addressed names included).
    const sw = readFileSync(path.join(site, 'sw.js'), 'utf8');
    expect(sw).not.toContain('self.__WB_MANIFEST');
    const indexFiles = readdirSync(path.join(site, 'index'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(site, path.join(e.parentPath, e.name)));
    expect(indexFiles.length).toBeGreaterThan(3);
    for (const file of [...indexFiles, 'index.html', 'manifest.webmanifest']) expect(sw).toContain(`"${file}"`);
    expect(JSON.parse(readFileSync(path.join(site, 'manifest.webmanifest'), 'utf8')).name).toBe('notes');
  });

  it('`lantern search` finds the passage, linked to the published address', async () => {
    const { stdout } = await sh('npx lantern search --json --mode keyword quince jelly', notes);
    const results = JSON.parse(stdout).results as { doc: string; link: string }[];
    expect(results[0].doc).toBe('kitchen.md');
    expect(results[0].link).toMatch(/^https:\/\/ada\.github\.io\/notes\//);
  });

  it('`lantern site --serve` serves the site on 127.0.0.1', async () => {
    const port = 4300 + (process.pid % 500);
    // In a process group of its own, so that stopping it stops the server npx started.
    const server = spawn('npx', ['lantern', 'site', '--serve', '--port', String(port)], {
      cwd: notes,
      env,
      detached: true,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no server within 120 s')), 120_000);
        let said = '';
        server.stderr.on('data', (chunk) => {
          said += chunk;
          const found = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(said);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
        server.on('exit', () => reject(new Error(`lantern site --serve stopped: ${said}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>notes</title>');
      // The default model runs without ONNX Runtime: its site carries no wasm; its index is served as JSON.
      expect(readdirSync(path.join(site, 'assets')).some((f) => f.endsWith('.wasm'))).toBe(false);
      expect((await fetch(`${url}index/manifest.json`)).headers.get('content-type')).toMatch(/^application\/json/);
    } finally {
      // The server may have stopped on its own (its failure is then the test's error, not this kill's).
      try {
        process.kill(-server.pid!);
      } catch {}
    }
  });

  it("leaves the clone's git status as it was", async () => {
    expect(await git()).toBe(gitBefore);
  });
});
