// The registry this project installs from carries only the Linux glibc builds of rollup's native packages,
// so `npm install` writes a lockfile without the other platforms' optional entries, and `npm ci` then
// refuses the lockfile as out of sync. This adds those entries back (platform-guarded, never installed
// here). Run it after any `npm install` that rewrites package-lock.json: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/;
const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
let added = 0;
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const match = PLATFORM.exec(name);
    const path = `node_modules/${name}`;
    if (!match || lock.packages[path]) continue;
    const [, os, cpu, abi] = match;
    lock.packages[path] = {
      version,
      cpu: [cpu],
      license: 'MIT',
      optional: true,
      os: [os],
      ...(abi === 'musl' || abi === 'musleabihf'
        ? { libc: ['musl'] }
        : abi === 'gnu' || abi === 'gnueabihf'
          ? { libc: ['glibc'] }
          : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
