// The app shell: the Preact PWA built once by vite, the same for every site. Its index.html keeps the
// %LANTERN_…% placeholders and its service worker the precache injection point; a site build fills both
// (write-site.ts). The package ships it prebuilt (`npm pack` runs `npm run build:lib`, into lib/app), so an installed
// Lantern never runs vite; `lantern site` in a clone builds it from src/app each time (vite is a devDependency).
import type { UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The repository root: index.html, public/ and src/app/ live there whatever the working directory. */
export const APP_ROOT = path.resolve(import.meta.dirname, '../..');

/** ONNX Runtime's wasm, the largest file of a first visit: its size is recorded so that the app knows the total up front. */
export function runtimeDefine(): Record<string, string> {
  return {
    __LANTERN_RUNTIME_BYTES__: String(
      statSync(createRequire(import.meta.url).resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')).size,
    ),
  };
}

export function appShellConfig(outDir: string): UserConfig {
  return {
    root: APP_ROOT,
    base: './',
    resolve: {
      // Transformers.js imports the WebGPU build of ONNX Runtime, whose wasm (asyncify, 27 MB) also carries the
      // WebGPU provider. Lantern only runs the model on the wasm CPU provider, so the plain wasm build (14 MB) does.
      alias: [{ find: /^onnxruntime-web\/webgpu$/, replacement: 'onnxruntime-web/wasm' }],
    },
    worker: { format: 'es' },
    define: runtimeDefine(),
    build: {
      outDir: path.resolve(outDir),
      emptyOutDir: true,
      target: 'es2022',
      // The worker bundle holds Transformers.js and ONNX Runtime (~1 MB): expected, loaded off the main thread.
      chunkSizeWarningLimit: 1500,
    },
    plugins: [
      preact(),
      VitePWA({
        strategies: 'injectManifest',
        srcDir: 'src/app',
        filename: 'sw.ts',
        registerType: 'prompt',
        injectRegister: false,
        // The install manifest carries the site's name: written by each site build.
        manifest: false,
        // The precache list holds the user's index: injected by each site build, not here.
        injectManifest: { injectionPoint: undefined },
      }),
    ],
  };
}

/** Builds the app shell into `outDir` (about 10 s). */
export async function buildAppShell(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: false, logLevel: 'warn', mode: 'production', ...appShellConfig(outDir) });
}
