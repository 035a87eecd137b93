import { defineConfig } from 'vitest/config';

// End-to-end tests: the browser host in Debian's Chromium, driven by playwright-core.
// One file at a time: each starts Chromium, and the machine has two cores.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    exclude: ['e2e/electron/**'], // its own suite: npm run test:e2e:electron
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
