// lantern.config.json: defaults, the file, then flags; every mistake named with its key and file.
import { afterEach, describe, expect, test } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSiteConfig, DEFAULTS } from '../../src/site/config.ts';
import { ROOT, tempDir } from '../fixtures/helpers.ts';

// Every folder a test made (some make two) goes after it.
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function project(config: unknown): string {
  const t = tempDir('lantern-config-');
  cleanups.push(t.cleanup);
  if (config !== undefined)
    writeFileSync(
      path.join(t.dir, 'lantern.config.json'),
      typeof config === 'string' ? config : JSON.stringify(config),
    );
  return t.dir;
}

describe('site configuration', () => {
  test('without a file: the defaults, documents in ./data, the name as short name', () => {
    const cwd = project(undefined);
    const config = loadSiteConfig({ cwd });
    expect(config).toMatchObject({
      file: null,
      name: 'Lantern',
      shortName: 'Lantern',
      documents: [path.join(cwd, 'data')],
      url: DEFAULTS.url,
      model: 'lantern-static',
    });
  });

  test('the file names the site; its folders are relative to it; a URL without a trailing slash is a folder', () => {
    const cwd = project({
      name: 'Ada’s notes',
      documents: ['notes', 'career'],
      url: 'https://ada.github.io/notes',
      themeColor: '#123456',
    });
    const config = loadSiteConfig({ cwd: path.join(cwd) });
    expect(config).toMatchObject({
      name: 'Ada’s notes',
      shortName: 'Ada’s notes',
      documents: [path.join(cwd, 'notes'), path.join(cwd, 'career')],
      url: 'https://ada.github.io/notes/',
      themeColor: '#123456',
    });
    // From another working directory, --config still resolves folders against the file's folder.
    const elsewhere = loadSiteConfig({ cwd: ROOT, file: path.join(cwd, 'lantern.config.json') });
    expect(elsewhere.documents).toEqual([path.join(cwd, 'notes'), path.join(cwd, 'career')]);
  });

  test('flags win over the file; their folders are relative to the working directory', () => {
    const cwd = project({ name: 'From file', documents: 'notes', url: 'https://a.example/' });
    mkdirSync(path.join(cwd, 'sub'));
    const config = loadSiteConfig({ cwd, overrides: { name: 'From flag', documents: ['other'], url: undefined } });
    expect(config).toMatchObject({
      name: 'From flag',
      documents: [path.join(cwd, 'other')],
      url: 'https://a.example/',
    });
    expect([...config.given].sort()).toEqual(['documents', 'name', 'url']);
  });

  test.each([
    [{ nmae: 'typo' }, /lantern\.config\.json: unknown key "nmae" \(known keys: name, shortName/],
    [{ name: 3 }, /lantern\.config\.json: "name" must be a non-empty string, got 3/],
    [{ documents: [] }, /lantern\.config\.json: "documents" must be a folder or a non-empty list of folders/],
    [{ url: 'me.github.io/notes' }, /lantern\.config\.json: "url" must be an absolute http\(s\) URL/],
    [{ url: 'javascript:alert(1)' }, /"url" must be an absolute http\(s\) URL/],
    [{ themeColor: 'teal' }, /lantern\.config\.json: "themeColor" must be a colour such as "#1f5f5b", got "teal"/],
    [{ examples: 'why?' }, /lantern\.config\.json: "examples" must be a list of at most 8 questions/],
    [{ examples: ['ok', ''] }, /"examples" must be a list of at most 8 questions, each a non-empty string/],
    [{ examples: ['x'.repeat(121)] }, /"examples" must be .* of at most 120 characters/],
    [['name'], /lantern\.config\.json: must hold one JSON object/],
    ['{ "name": "x", }', /lantern\.config\.json: not valid JSON/],
  ])('%j is refused with the key and the file named', (config, message) => {
    const cwd = project(config);
    expect(() => loadSiteConfig({ cwd })).toThrow(message);
  });

  test('a bad flag value is named as coming from the command line; a missing --config file is named', () => {
    const cwd = project(undefined);
    expect(() => loadSiteConfig({ cwd, overrides: { url: 'ftp://x/' } })).toThrow(
      /command line: --base-url must be an absolute http\(s\) URL/,
    );
    expect(() => loadSiteConfig({ cwd, overrides: { themeColor: 'teal' } })).toThrow(
      /command line: --theme-color must be a colour such as "#1f5f5b", got "teal"/,
    );
    expect(() => loadSiteConfig({ cwd, file: 'nope.json' })).toThrow(/--config nope\.json: no such file/);
  });

  test('example questions for the home screen: none by default, trimmed from the file', () => {
    expect(loadSiteConfig({ cwd: project(undefined) }).examples).toEqual([]);
    expect(loadSiteConfig({ cwd: project({ examples: [' Why Rust? ', 'What is a slice?'] }) }).examples).toEqual([
      'Why Rust?',
      'What is a slice?',
    ]);
  });

  test("folders named on the command line are not published under the file's name and description", () => {
    const cwd = project({ name: 'Example', description: 'The example corpus.', documents: 'data', examples: ['Q?'] });
    mkdirSync(path.join(cwd, 'notes'));
    const other = loadSiteConfig({ cwd, overrides: { documents: ['notes'] } });
    expect(other).toMatchObject({ name: 'notes', shortName: 'notes', description: DEFAULTS.description, examples: [] });
    const named = loadSiteConfig({ cwd, overrides: { documents: ['notes'], name: 'Mine' } });
    expect(named.name).toBe('Mine');
    const same = loadSiteConfig({ cwd, overrides: { documents: ['data'] } });
    expect(same).toMatchObject({ name: 'Example', description: 'The example corpus.' });
  });

  test('a file saved with a UTF-8 byte-order mark is read', () => {
    const cwd = project(`\uFEFF${JSON.stringify({ name: 'Marked notes' })}`);
    expect(loadSiteConfig({ cwd }).name).toBe('Marked notes');
  });

  test("the repository's own lantern.config.json is valid: the bundled corpus is the example configuration", () => {
    const config = loadSiteConfig({ cwd: ROOT });
    expect(config.file).toBe(path.join(ROOT, 'lantern.config.json'));
    expect(config.documents).toEqual([path.join(ROOT, 'data')]);
    expect(config.examples.length).toBeGreaterThanOrEqual(3);
  });
});
