import { defineConfig } from 'vitest/config';

// The Electron end-to-end suite. It needs Electron's binary, which build machines without GitHub
// access cannot download; the suite then reports itself as skipped with the reason.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['e2e/electron/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
