// `lantern init`: a starting lantern.config.json for the folder it runs in, which the build reads as it is, and
// never written over an existing one.
import { afterAll, expect, test } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initConfig } from '../../src/site/init.ts';
import { loadSiteConfig } from '../../src/site/config.ts';
import { tempDir } from '../fixtures/helpers.ts';

const { dir, cleanup } = tempDir('lantern-init-');
afterAll(cleanup);

test('writes a config named after the folder, indexing the folder itself, with its explanation', async () => {
  const folder = path.join(dir, 'Field notes');
  mkdirSync(folder);
  const file = await initConfig(folder);
  expect(file).toBe(path.join(folder, 'lantern.config.json'));
  const config = loadSiteConfig({ cwd: folder });
  expect(config).toMatchObject({ name: 'Field notes', documents: [folder], file });
  expect(JSON.parse(readFileSync(file, 'utf8'))['//']).toMatch(/node_modules and Lantern's own output/);
});

test('never replaces an existing config', async () => {
  const folder = path.join(dir, 'kept');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'lantern.config.json'), '{"name":"Mine"}');
  await expect(initConfig(folder)).rejects.toThrow(/lantern\.config\.json already exists/);
  expect(readFileSync(path.join(folder, 'lantern.config.json'), 'utf8')).toBe('{"name":"Mine"}');
});
