// `vite build` / `vite` (dev): the app for the index in dist/index (or LANTERN_INDEX: the tests build other corpora
// that way), named and described by lantern.config.json, built into dist/site. `lantern site` (npm run build) runs
// the same configuration after building the index, with the command line's overrides.
import { defineConfig } from 'vite';
import { appConfig } from './src/site/app-build.ts';
import { loadSiteConfig } from './src/site/config.ts';

export default defineConfig(() =>
  appConfig({ index: process.env.LANTERN_INDEX ?? 'dist/index', site: loadSiteConfig(), outDir: 'dist/site' }),
);
