// A small real corpus in folders for the browser tests: tldr pages (../shared/corpora/tldr, CC BY 4.0) about git
// (common/), apt (linux/) and diskutil (osx/), copied into a temporary folder in their own folders.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../fixtures/helpers.ts';

const TLDR = path.join(ROOT, '../shared/corpora/tldr');
const PICK: [folder: string, prefix: string, count: number][] = [
  ['common', 'git-', 24],
  ['linux', 'apt', 12],
  ['osx', 'diskutil', 2],
];

/** Queries that find something in the sample. */
export const TLDR_QUERY = 'commit changes';

export function tldrSample(): { dir: string; files: number; cleanup: () => void } {
  if (!existsSync(TLDR))
    throw new Error(
      `${TLDR} is missing: this test reads the tldr corpus from ../shared/corpora/tldr beside the repository`,
    );
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-tldr-sample-'));
  let files = 0;
  for (const [folder, prefix, count] of PICK) {
    const names = readdirSync(path.join(TLDR, folder))
      .filter((name) => name.startsWith(prefix) && name.endsWith('.md'))
      .sort()
      .slice(0, count);
    for (const name of names) cpSync(path.join(TLDR, folder, name), path.join(dir, folder, name));
    files += names.length;
  }
  return { dir, files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
