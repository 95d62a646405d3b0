import { describe, expect, test } from '../fixtures.js';
import { checkA11y, screenshot, useSession } from '../helpers.js';
import { resolvePath } from '../demo.js';

// Issue 23: the first visit of the day on a phone: little to download, and the work on the first screen.
describe('first visit on a phone', () => {
  test('the start page transfers at most 150 KB in all, the stylesheet compressed and cached for the next page', async ({ page }) => {
    await useSession(page, 'consulent');
    await page.goto('/', { waitUntil: 'load' });
    const sizes = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return {
        navigation: nav.transferSize,
        resources: resources.map((r) => ({ name: new URL(r.name).pathname, transfer: r.transferSize, decoded: r.decodedBodySize })),
      };
    });
    const total = sizes.navigation + sizes.resources.reduce((n, r) => n + r.transfer, 0);
    console.log(`first visit of the start page: ${total} bytes (${JSON.stringify(sizes)})`);
    expect(sizes.navigation).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(150 * 1024);
    const css = sizes.resources.find((r) => /^\/assets\/koers\.\w{10}\.css$/.test(r.name));
    expect(css, 'the stylesheet was loaded').toBeDefined();
    // Compressed on the wire: far fewer bytes than the stylesheet itself.
    expect(css!.transfer).toBeLessThan(css!.decoded / 4);

    // The next page takes the stylesheet from the browser's cache (immutable: not even a revalidation).
    await page.goto(resolvePath('/clients/{zClient}'), { waitUntil: 'load' });
    const again = await page.evaluate(
      () => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => r.name.includes('/assets/koers.'))?.transferSize,
    );
    expect(again).toBe(0);
  });

  test('at 390 px the dossier sections fold into one disclosure and the form starts on the first screen', async ({ page }) => {
    await useSession(page, 'consulent');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(resolvePath('/clients/{zClient}/conversations/new'));
    const nav = page.getByRole('navigation', { name: 'Onderdelen van het dossier' });
    const summary = nav.locator('summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect((await summary.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Onderdeel: Gesprekken');
    // The tab bar is not shown (nor in the focus order or to a screen reader); neither are the links of the
    // closed disclosure.
    expect(await nav.locator('.koers-tabs__bar').isVisible()).toBe(false);
    expect(await nav.getByRole('link', { name: 'Uren en besluiten' }).count()).toBe(0);
    // The first field of the form is on the first screen.
    const field = page.getByLabel('Datum van het gesprek');
    const box = await field.boundingBox();
    expect(box, 'the date field has a box').not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await screenshot(page, 'flow-first-visit-390-closed');

    // Keyboard: Tab reaches the disclosure, Enter opens it, the sections are links; the current one is marked.
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await nav.locator('details').getAttribute('open')).not.toBeNull();
    expect(await nav.getByRole('link', { name: 'Uren en besluiten' }).count()).toBe(1);
    const current = nav.getByRole('link', { name: 'Gesprekken' });
    expect(await current.getAttribute('aria-current')).toBe('page');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overzicht');
    await screenshot(page, 'flow-first-visit-390-open');
    await checkA11y(page, 'dossier sections open at 390 px');
    await Promise.all([page.waitForURL(/\/clients\/\d+\/hours$/), nav.getByRole('link', { name: 'Uren en besluiten' }).click()]);
    expect((await nav.locator('summary').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Onderdeel: Uren en besluiten');

    // At desktop width: the tab bar as before, no disclosure.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await nav.locator('summary').isVisible()).toBe(false);
    expect(await nav.locator('.koers-tabs__bar').getByRole('link', { name: 'Gesprekken' }).isVisible()).toBe(true);
  });
});
