import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite has its own config (vitest.browser.config.ts) and runs after this one in `npm test`.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    globalSetup: ['test/build-assets.setup.ts'],
    pool: 'forks',
    // Test files build their own app and in-memory database and mock nothing, so they can share a worker's
    // module cache: the app is imported through tsx once per worker instead of once per file (118 files; on the
    // 2-core machine 275 s -> 119 s, of which imports 152 s -> 11 s).
    isolate: false,
    testTimeout: 20000,
    hookTimeout: 60000,
  },
});
