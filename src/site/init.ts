// `lantern init`: a starting lantern.config.json for the documents in the working directory, explained inside
// (JSON has no comments: the "//" key). An existing file is never replaced.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMMENT_KEY, CONFIG_FILE, DEFAULTS } from './config.ts';

export function startingConfig(folder: string): Record<string, string> {
  const name = path.basename(path.resolve(folder)) || 'Notes';
  return {
    [COMMENT_KEY]:
      'Lantern settings for the documents in this folder; every key is optional. `npx lantern site` builds the site into dist/site (`--serve` serves it on http://127.0.0.1:4173/); set "url" to the address you publish it at. "documents" is a folder or a list of folders, relative to this file; hidden folders, node_modules and Lantern\'s own output (dist/) are never indexed. Other keys: shortName (the name under the home-screen icon), revision (a hub model\'s revision).',
    name,
    description: `${name}, searchable by meaning, offline.`,
    documents: '.',
    url: DEFAULTS.url,
    themeColor: DEFAULTS.themeColor,
    model: DEFAULTS.model,
  };
}

/** Writes the starting config into `folder`; an error when one is already there. Returns the file written. */
export async function initConfig(folder: string): Promise<string> {
  const file = path.join(path.resolve(folder), CONFIG_FILE);
  if (existsSync(file)) throw new Error(`${file} already exists: edit it, or remove it to start again`);
  await writeFile(file, `${JSON.stringify(startingConfig(folder), null, 2)}\n`, { flag: 'wx' });
  return file;
}
