// `vite build` (npm run build:app): the app shell into lib/app, as the package ships it (see src/site/app-build.ts).
import { defineConfig } from 'vite';
import { appShellConfig } from './src/site/app-build.ts';

export default defineConfig(() => appShellConfig('lib/app'));
