import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describe, expect, test } from './fixtures.js';
import { checkA11y, checkKeyboard, checkReflow, checkZoom200, SCREENSHOT_DIR, screenshot, useSession } from './helpers.js';
import { resolvePath } from './demo.js';
import { PAGES_BY_ROLE, type PageSpec, type SweepRole } from './pages.js';

// One test per page in pages.ts: status, one h1, axe, reflow at 320 px and screenshots on every page; the slow
// checks (the keyboard walk and 200% zoom) once per KIND of page, on its first page in pages.ts (for the
// keyboard walk: its first page without `keyboard: false`). Every kind keeps every check; pages of one kind share
// their template, so a second walk finds nothing new. `SWEEP_EVERY_PAGE=1` runs every check on every page.

/**
 * The kind of a page: its route pattern (ids and `{demo ids}` as `:id`, without the query), or `spec.kind`.
 * The start page `/` is a different page per role.
 */
function kindOf(role: SweepRole, spec: PageSpec): string {
  if (spec.kind) return spec.kind;
  const pattern = spec.path.split('?')[0]!.replace(/\/(\{\w+\}|\d+)(?=\/|$)/g, '/:id');
  return pattern === '/' ? `${role}:/` : pattern;
}

const EVERY_PAGE = process.env.SWEEP_EVERY_PAGE === '1';
const keyboardWalked = new Set<string>();
const zoomChecked = new Set<string>();
/** Seconds per check, written to test-results/sweep-timing.json for the README's figures. */
const timing: Record<string, number> = {};
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    timing[name] = (timing[name] ?? 0) + (performance.now() - t) / 1000;
  }
}

for (const [role, pages] of Object.entries(PAGES_BY_ROLE) as [SweepRole, (typeof PAGES_BY_ROLE)[SweepRole]][]) {
  // Three pages at a time (maxConcurrency in vitest.browser.config.ts): the sweep only reads, and axe runs in the
  // browser's renderer, so on two cores one page's checks run while another one waits (sweep 342 s -> 213 s).
  describe.concurrent(`sweep: ${role}`, () => {
    for (const spec of pages) {
      const kind = kindOf(role, spec);
      // 60 s: the first page of a role also logs in, and axe on a long page takes 15 s on a busy 2-core machine.
      test(`${spec.name} (${spec.path})`, { timeout: 60_000 }, async ({ page }) => {
        if (role !== 'anonymous') await useSession(page, role);
        const path = resolvePath(spec.path);
        const response = await timed('load', () => page.goto(path));
        expect(response?.status(), `status of ${path}`).toBe(spec.status ?? 200);

        const h1s = page.getByRole('heading', { level: 1 });
        expect(await h1s.count(), 'exactly one h1').toBe(1);
        const h1 = (await h1s.textContent())?.trim() ?? '';
        if (typeof spec.h1 === 'string') expect(h1).toBe(spec.h1);
        else expect(h1).toMatch(spec.h1);

        await timed('screenshot', () => screenshot(page, `${role}-${spec.name}`));
        await timed('axe', () => checkA11y(page, `${role} ${spec.name}`));
        if (spec.keyboard !== false && (EVERY_PAGE || !keyboardWalked.has(kind))) {
          keyboardWalked.add(kind);
          await timed('keyboard', () => checkKeyboard(page));
        }
        await timed('reflow-320', () => checkReflow(page, `${role}-${spec.name}-320`));
        if (EVERY_PAGE || !zoomChecked.has(kind)) {
          zoomChecked.add(kind);
          await timed('zoom-200', () => checkZoom200(page));
        }
      });
    }
  });
}

afterAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const rounded = Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  writeFileSync(join(SCREENSHOT_DIR, '..', 'sweep-timing.json'), `${JSON.stringify({ seconds: rounded, kindsWalked: keyboardWalked.size, kindsZoomed: zoomChecked.size }, null, 2)}\n`);
});
