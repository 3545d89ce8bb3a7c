// The code an index is built by, as a fingerprint: eval and the tests cache the indexes they build, keyed by the
// corpus and by this, so a change to chunking or to how the default model is made or adapted rebuilds them instead
// of measuring the old index. Ranking code is not part of it: a cached index is searched by the ranking of the
// code that opens it (eval/run.ts), so a ranking change needs no rebuild.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableHash } from '../core/hash.ts';
import { DEFAULT_CHUNKING } from '../core/settings.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the build code lives, beside this folder (src/ in a checkout, lib/ in the package): the indexer and the
 * core modules that decide what an index holds (terms, sentences, ids, the model's vectors, file formats, floors).
 * The chunking settings are keyed by value (`DEFAULT_CHUNKING`): settings.ts also holds the ranking's. */
export const BUILDER_CODE = [
  '../indexer',
  '../core/index-format',
  '../core/term-index',
  ...['analysis', 'sentences', 'hash', 'embedding', 'static-model', 'onnx-format', 'english-words', 'confidence'].map(
    (file) => `../core/${file}`,
  ),
].map((root) => path.join(here, root));

/** A hash of the chunking settings and of every source file under `roots` (a root without an extension names one
 * .ts or .js file), by path relative to its root and content; a root that does not exist counts as empty. */
export function codeFingerprint(roots: readonly string[] = BUILDER_CODE): string {
  const parts: string[] = [];
  roots.forEach((root, i) => {
    for (const [name, text] of sourceFiles(root)) parts.push(`${i}:${name}\n${text}`);
  });
  return stableHash(`${JSON.stringify(DEFAULT_CHUNKING)}\0${parts.join('\0')}`, 12);
}

const SOURCE = /\.(ts|js)$/;

function sourceFiles(root: string): [string, string][] {
  for (const ext of ['.ts', '.js']) {
    try {
      return [[path.basename(root) + ext, readFileSync(root + ext, 'utf8')]];
    } catch {
      // Not a single file with this extension.
    }
  }
  let entries: string[];
  try {
    entries = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((name) => SOURCE.test(name))
    .sort()
    .map((name) => [name.split(path.sep).join('/'), readFileSync(path.join(root, name), 'utf8')]);
}
