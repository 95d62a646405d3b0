import { defineConfig } from 'vitest/config';

// Real-browser tests (test/browser): the app as `npm start` runs it, driven through the system Chromium.
// Run only these with `npm run test:browser`. Serial: one worker, one file at a time, one browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // Tests marked concurrent (only the read-only sweep) run three at a time.
    maxConcurrency: 3,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
