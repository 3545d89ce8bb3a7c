import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILDER_CODE, codeFingerprint } from '../../src/eval/builder-code.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-code-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('the fingerprint of the code that builds indexes', () => {
  it('changes when a source file under a root changes, and only then', () => {
    const dir = folder({ 'build.ts': 'export const a = 1;\n', 'model/adapt.ts': 'export const temperature = 0.1;\n' });
    const before = codeFingerprint([dir]);
    expect(codeFingerprint([dir])).toBe(before);
    writeFileSync(path.join(dir, 'notes.md'), 'not code');
    expect(codeFingerprint([dir])).toBe(before);
    writeFileSync(path.join(dir, 'model/adapt.ts'), 'export const temperature = 0.05;\n');
    expect(codeFingerprint([dir])).not.toBe(before);
  });

  it('reads a root without an extension as one source file', () => {
    const dir = folder({ 'analysis.ts': 'export const stop = ["a"];\n' });
    const before = codeFingerprint([path.join(dir, 'analysis')]);
    writeFileSync(path.join(dir, 'analysis.ts'), 'export const stop = ["a", "an"];\n');
    expect(codeFingerprint([path.join(dir, 'analysis')])).not.toBe(before);
  });

  it('names only code that exists, so a moved module is not silently left out', () => {
    for (const root of BUILDER_CODE) expect(existsSync(root) || existsSync(`${root}.ts`), root).toBe(true);
  });
});
