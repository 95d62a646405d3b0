import { describe, expect, test } from './fixtures.js';
import { checkA11y, checkKeyboard, checkReflow, checkZoom200, screenshot, useSession } from './helpers.js';
import { resolvePath } from './demo.js';
import { PAGES_BY_ROLE, type SweepRole } from './pages.js';

// One test per page in pages.ts: status, one h1, axe, keyboard, reflow at 320 px, 200% zoom, screenshots.
for (const [role, pages] of Object.entries(PAGES_BY_ROLE) as [SweepRole, (typeof PAGES_BY_ROLE)[SweepRole]][]) {
  describe(`sweep: ${role}`, () => {
    for (const spec of pages) {
      test(`${spec.name} (${spec.path})`, async ({ page }) => {
        if (role !== 'anonymous') await useSession(page, role);
        const path = resolvePath(spec.path);
        const response = await page.goto(path);
        expect(response?.status(), `status of ${path}`).toBe(spec.status ?? 200);

        const h1s = page.getByRole('heading', { level: 1 });
        expect(await h1s.count(), 'exactly one h1').toBe(1);
        const h1 = (await h1s.textContent())?.trim() ?? '';
        if (typeof spec.h1 === 'string') expect(h1).toBe(spec.h1);
        else expect(h1).toMatch(spec.h1);

        await screenshot(page, `${role}-${spec.name}`);
        await checkA11y(page, `${role} ${spec.name}`);
        if (spec.keyboard !== false) await checkKeyboard(page);
        await checkReflow(page, `${role}-${spec.name}-320`);
        await checkZoom200(page);
      });
    }
  });
}
