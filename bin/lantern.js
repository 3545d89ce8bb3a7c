#!/usr/bin/env node
// `lantern` entry point. Installed, it runs the compiled CLI in lib/ (built by `npm pack`); in a clone of the
// repository (src/ present, which the package does not ship), it runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

if (existsSync(new URL('../src/cli/main.ts', import.meta.url))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  await import('../lib/cli/main.js');
}
