/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

/** Bytes of ONNX Runtime's wasm, recorded by the build (vite.config.ts) so that the first visit's size is known up front. */
declare const __LANTERN_RUNTIME_BYTES__: number;
/** Whether the app's own model needs ONNX Runtime (its graph is not a static model's), as the build found. */
