import { describe, expect, test } from '../fixtures.js';
import { checkA11y, screenshot, useSession } from '../helpers.js';
import { textOf } from '../steps.js';

// The teamleider narrows the team's caseload on the start page, first with a signal tile, then with the filter
// form, and opens a dossier from the list. Demo clients: src/demo/progress.ts (D-1008 Hana Mahmoud has met all
// end conditions; D-1012 Layla Rahimi has had her pre-eindgesprek).
describe('teamleider caseload', () => {
  test('signal tile → filter form → dossier', async ({ page }) => {
    await useSession(page, 'teamleider');
    await page.goto('/');
    const list = page.locator('table.koers-caseload');
    const allRows = await list.locator('tbody tr').count();
    expect(allRows).toBeGreaterThan(1);

    // A signal tile filters the list and says so.
    const tile = page.getByRole('link', { name: /Klaar voor eindgesprek/ });
    await Promise.all([page.waitForURL(/signal=READY_END/), tile.click()]);
    expect(await page.getByRole('link', { name: /Klaar voor eindgesprek/ }).getAttribute('aria-current')).toBe('true');
    expect(await textOf(page, '.koers-signals')).toContain('Gefilterd op “Klaar voor eindgesprek”');
    const rows = list.locator('tbody tr');
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(allRows);
    for (let i = 0; i < n; i++) expect(await rows.nth(i).textContent()).toContain('Klaar voor eindgesprek');
    expect(await textOf(page, 'table.koers-caseload')).toContain('Mahmoud');
    await checkA11y(page, 'caseload-signal');
    await screenshot(page, 'flow-caseload-1-signal');

    // The filter form: name or number, route; the signal filter is cleared with "Alle".
    await page.fill('#veld-q', 'D-1012');
    await page.selectOption('#veld-signal', '');
    await page.selectOption('#veld-route', 'Z');
    await Promise.all([page.waitForURL(/q=D-1012/), page.getByRole('button', { name: 'Toon cliënten' }).click()]);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Rahimi');
    expect(await page.inputValue('#veld-q')).toBe('D-1012');
    expect(await page.inputValue('#veld-route')).toBe('Z');
    await screenshot(page, 'flow-caseload-2-filtered');

    // Open the dossier from the list.
    await Promise.all([page.waitForURL(/\/clients\/\d+$/), rows.first().getByRole('link', { name: /Rahimi/ }).first().click()]);
    expect(await textOf(page, 'h1')).toMatch(/^Layla Rahimi/);
    expect(await page.getByRole('heading', { level: 3, name: /^Pre-eindgesprek/ }).textContent()).toMatch(/gehouden op/);
    await screenshot(page, 'flow-caseload-3-dossier');
  });
});
