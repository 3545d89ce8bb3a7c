import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds the seed-corpus index (and the app for the browser tests) once per run.
    globalSetup: ['tests/global-setup.ts', 'tests/e2e/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
