// The file names in an index's manifest.json are data: one such as `../../etc/passwd` or `/etc/passwd` would make
// a reader open (and quote in its error) a file outside the index folder. Every name is checked before any read.
import path from 'node:path';

/** A path inside the folder: relative, `/`-separated, with no empty, `.` or `..` part. */
function staysInside(name: string): boolean {
  return (
    name !== '' &&
    !name.includes('\\') &&
    !name.includes('\0') &&
    !path.isAbsolute(name) &&
    name.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

/** The path of the index file `name` names in `dir`; an error naming the manifest when it would leave the folder. */
export function indexFilePath(dir: string, name: unknown): string {
  if (typeof name !== 'string' || !staysInside(name))
    throw new Error(
      `${path.join(dir, 'manifest.json')} names the file ${JSON.stringify(name)}, which is not inside the index folder: the manifest is damaged, rebuild the index with \`lantern build\``,
    );
  return path.join(dir, name);
}
