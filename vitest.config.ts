import { defineConfig } from 'vitest/config';

// Three projects: `unit` builds nothing up front (a test that needs the seed index builds it lazily, once, into a
// temporary folder: tests/fixtures/seed.ts); `components` renders the app's Preact components and hooks in
// happy-dom (seconds, no browser); `e2e` builds the app once per run before its browser tests.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 600_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**'] } },
      {
        extends: true,
        test: {
          name: 'components',
          include: ['tests/app/components/**/*.test.tsx'],
          environment: 'happy-dom',
          environmentOptions: { happyDOM: { url: 'http://127.0.0.1/' } },
          setupFiles: ['tests/app/components/setup.ts'],
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/e2e/setup.ts'] },
      },
    ],
  },
});
