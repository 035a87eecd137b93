import { defineConfig } from 'vitest/config';

// Unit and integration tests that run in Node (ptys, PGlite, CUPS, scanimage).
// End-to-end tests in real Chromium have their own config in e2e/.
export default defineConfig({
  test: {
    include: ['{main,drivers,sync,contract,renderer,build,bench,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
