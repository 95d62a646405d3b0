import { basename } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { test as base, inject } from 'vitest';
import { screenshot } from './helpers.js';

/** Desktop window used unless a helper changes it (reflow: 320 px, zoom: 640 px). */
export const DESKTOP = { width: 1280, height: 800 };

/**
 * `test` for browser flows: `test('…', async ({ page }) => { … })`.
 * One Chromium for the whole run (started by global-setup.ts), a fresh context (cookies, storage) per test.
 * A failing test leaves a screenshot in test-results/screenshots/FAILED-<test name>.png.
 */
export const test = base
  // vitest reads fixture dependencies from the destructuring pattern, so it must stay an (empty) pattern
  // eslint-disable-next-line no-empty-pattern
  .extend('browser', { scope: 'worker' }, async ({}, { onCleanup }): Promise<Browser> => {
    const browser = await chromium.connect(inject('wsEndpoint'));
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('context', async ({ browser }, { onCleanup }): Promise<BrowserContext> => {
    const context = await browser.newContext({
      baseURL: inject('baseURL'),
      viewport: DESKTOP,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    context.setDefaultTimeout(10_000); // generous: CI machines are often busy
    context.setDefaultNavigationTimeout(10_000);
    onCleanup(() => context.close());
    return context;
  })
  .extend('page', async ({ context, task }, { onCleanup }): Promise<Page> => {
    const page = await context.newPage();
    onCleanup(async () => {
      if (task.result?.state === 'fail') {
        const path = await screenshot(page, `FAILED-${basename(task.file.name, '.test.ts')}-${task.name}`.slice(0, 150)).catch(() => undefined);
        if (path) console.error(`Screenshot of the failed test: ${path}`);
      }
    });
    return page;
  });

export { describe, expect } from 'vitest';
