import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite has its own config (vitest.browser.config.ts) and runs after this one in `npm test`.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    pool: 'forks',
    testTimeout: 20000,
    hookTimeout: 60000,
  },
});
