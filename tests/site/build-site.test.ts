// `npm start` / `npm run build` rebuild the index only when it is not the index of the configured documents.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { buildIndex } from '../../src/indexer/build.ts';
import { silentReporter } from '../../src/indexer/progress.ts';
import { recordedFolders, staleReason } from '../../src/site/build-site.ts';
import { loadSiteConfig } from '../../src/site/config.ts';
import { FIXTURE_CORPUS, tempDir } from '../fixtures/helpers.ts';
import { ensureSeedIndex } from '../fixtures/seed.ts';

const { dir, cleanup } = tempDir('lantern-site-build-');
afterAll(cleanup);
const notes = path.join(dir, 'notes');
const index = path.join(dir, 'index');
let model: string;

beforeAll(async () => {
  model = path.join(await ensureSeedIndex(), 'model');
  cpSync(FIXTURE_CORPUS, notes, { recursive: true });
  await buildIndex({ data: recordedFolders([notes]), out: index, model, reporter: silentReporter });
});

describe('reusing the index', () => {
  test('the index of the same documents is reused; other folders, another model or changed documents rebuild it', async () => {
    const config = (overrides: Record<string, unknown> = {}) =>
      loadSiteConfig({ cwd: dir, overrides: { documents: [notes], model, ...overrides } });
    expect(await staleReason(index, config(), recordedFolders([notes]))).toBeNull();
    // The site's address alone is no reason: it only changes the links the CLI prints.
    expect(
      await staleReason(index, config({ url: 'https://ada.github.io/notes/' }), recordedFolders([notes])),
    ).toBeNull();
    expect(
      await staleReason(
        index,
        config({ documents: [notes, FIXTURE_CORPUS] }),
        recordedFolders([notes, FIXTURE_CORPUS]),
      ),
    ).toMatch(/^it indexes /);
    expect(await staleReason(index, config({ model: 'lantern-static' }), recordedFolders([notes]))).toMatch(
      /built with the model/,
    );
    expect(await staleReason(path.join(dir, 'none'), config(), recordedFolders([notes]))).toBe('no index yet');
    appendFileSync(path.join(notes, 'cycling.txt'), '\nA new paragraph about chain wax.\n');
    expect(await staleReason(index, config(), recordedFolders([notes]))).toBe('the documents changed');
  });

  test('folders are recorded relative to the working directory when inside it, absolute otherwise', () => {
    expect(recordedFolders([path.join(process.cwd(), 'data'), '/elsewhere/notes', process.cwd()])).toEqual([
      'data',
      '/elsewhere/notes',
      '.',
    ]);
  });
});
