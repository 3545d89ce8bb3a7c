// `lantern build` indexes only the folder it was given: links outside it are listed and not followed unless
// --follow-outside-links, hidden folders are counted; spawned as a user runs it, with the seed index's model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_CORPUS, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';
import { lantern } from '../fixtures/cli.ts';

describe('lantern build on a folder with links outside it and hidden folders', () => {
  const { dir, cleanup } = tempDir('lantern-cli-folder-');
  const data = path.join(dir, 'notes');
  let model: string;

  beforeAll(async () => {
    model = path.join(await ensureSeedIndex(), 'model');
    cpSync(FIXTURE_CORPUS, data, { recursive: true });
    mkdirSync(path.join(dir, 'private'));
    writeFileSync(
      path.join(dir, 'private/diary.md'),
      '# Diary\n\nThe combination of the harbour safe is written on the back of the kettle.\n',
    );
    symlinkSync(path.join(dir, 'private'), path.join(data, 'private'));
    mkdirSync(path.join(data, '.obsidian'));
    writeFileSync(path.join(data, '.obsidian/workspace.md'), '# Workspace\n\nEditor state about the harbour safe.\n');
  });
  afterAll(cleanup);

  it('lists the link, counts the hidden folder, and the outside text is not searchable', async () => {
    const out = path.join(dir, 'index');
    const build = await lantern('build', '--data', data, '--out', out, '--model', model);
    expect(build.code).toBe(0);
    expect(build.stderr).toContain('skipped    private: links outside the folder');
    expect(build.stderr).toContain('--follow-outside-links');
    expect(build.stderr).toContain(
      'hidden     1 skipped (names starting with a dot, node_modules, Lantern indexes and sites): .obsidian/',
    );
    expect(build.stderr).toContain('1 file(s) skipped (listed above), 1 hidden skipped; 3 indexed.');
    const search = await lantern('search', '--index', out, '--mode', 'keyword', '--json', 'harbour safe combination');
    expect(JSON.parse(search.stdout).results).toEqual([]);
  });

  it('follows the link with --follow-outside-links, and the index is not reported stale', async () => {
    const out = path.join(dir, 'index-followed');
    const build = await lantern('build', '--data', data, '--out', out, '--model', model, '--follow-outside-links');
    expect(build.code).toBe(0);
    expect(build.stderr).not.toContain('links outside the folder');
    const search = await lantern('search', '--index', out, '--mode', 'keyword', '--json', 'harbour safe combination');
    expect(JSON.parse(search.stdout).results[0].doc).toBe('private/diary.md');
    expect(search.stderr).not.toContain('changed after this index was built');
  });
});
