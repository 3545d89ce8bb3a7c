// The folders say when code runs: the core and the app never reach into the build (indexer), the CLI, eval or the
// site builder, so a build-only module cannot end up in the browser bundle; the indexer never draws on the CLI.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every relative import of `file`, as a folder of src/ ("core", "indexer", …). */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
    (m) => path.relative(SRC, path.resolve(path.dirname(file), m[1])).split(path.sep)[0],
  );
}

const RULES: [string, string[]][] = [
  ['core', ['core']],
  ['app', ['app', 'core']],
  ['indexer', ['indexer', 'core']],
];

describe('layers', () => {
  for (const [folder, allowed] of RULES) {
    it(`src/${folder} imports only from ${allowed.join(', ')}`, () => {
      const offending = sources(path.join(SRC, folder)).flatMap((file) =>
        importedFolders(file)
          .filter((to) => !allowed.includes(to))
          .map((to) => `${path.relative(SRC, file)} → ${to}`),
      );
      expect(offending).toEqual([]);
    });
  }
});
