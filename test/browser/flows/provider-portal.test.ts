import { format, subMonths } from 'date-fns';
import { resolvePath } from '../demo.js';
import { describe, expect, test } from '../fixtures.js';
import { checkA11y, checkReflow, screenshot, useSession } from '../helpers.js';

// Issue 17: the consulent refers a client, the language school confirms the start and reports last month in its
// grid, the consulent accepts the report from the inbox on the start page, and the hours reach the dossier. The
// client is one no other flow uses (the accepted hours would change their totals).
describe('provider portal', () => {
  test('refer → provider confirms → report → consulent accepts', { timeout: 90_000 }, async ({ browser, page }) => {
    const lastMonth = subMonths(new Date(), 1);
    await useSession(page, 'consulent');
    await page.goto(resolvePath('/clients/{providerFlowClient}/referrals'));
    await page.getByLabel('Onderdeel').selectOption('LANGUAGE');
    await page.getByLabel('Aanbieder', { exact: true }).selectOption({ label: 'Taalschool De Brug' });
    await page.getByLabel('Startdatum').fill(format(subMonths(lastMonth, 1), 'yyyy-MM-dd'));
    await page.getByLabel('Einddatum').fill(format(subMonths(new Date(), -6), 'yyyy-MM-dd'));
    await page.getByLabel('Geplande uren per week').fill('8');
    await page.getByRole('button', { name: 'Verwijzen' }).click();
    await expect.poll(() => page.locator('.koers-flash').textContent()).toContain('Verwezen: Taalcursus bij Taalschool De Brug');
    await screenshot(page, 'flow-provider-1-referred');

    const providerContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
    const provider = await providerContext.newPage();
    await useSession(provider, 'aanbieder');
    await provider.goto('/portal');
    await provider.getByRole('link', { name: 'Zahra Hosseini' }).first().click();
    expect(await provider.getByRole('heading', { level: 1 }).textContent()).toContain('Verwijzing: Zahra Hosseini');
    expect(await provider.content()).not.toMatch(/BSN|Gezondheid:/);
    await provider.getByRole('button', { name: 'Start bevestigen' }).click();
    await expect.poll(() => provider.locator('.koers-flash').textContent()).toContain('De start is bevestigd');
    await provider.goto('/portal/reports');
    const row = provider.getByRole('group', { name: /Zahra Hosseini/ });
    await row.getByLabel('Gepland (uur)').fill('32');
    await row.getByLabel('Gevolgd (uur)').fill('28');
    await row.getByLabel('Ongeoorloofd afwezig (uur)').fill('4');
    await row.getByLabel('Gemeten niveau per vaardigheid').fill('spreken A2');
    await screenshot(provider, 'flow-provider-2-grid');
    await provider.setViewportSize({ width: 320, height: 800 });
    await screenshot(provider, 'flow-provider-2-grid-320');
    await checkReflow(provider, 'flow-provider-grid-320');
    await provider.setViewportSize({ width: 1280, height: 800 });
    await checkA11y(provider, 'provider grid');
    await provider.getByRole('button', { name: 'Rapportages indienen' }).click();
    await expect.poll(() => provider.locator('.koers-flash').textContent()).toContain('ingediend');
    await providerContext.close();

    await page.goto('/');
    await page.getByRole('region', { name: 'Rapportages van aanbieders' }).getByRole('link', { name: 'Zahra Hosseini' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Rapportage van Taalschool De Brug');
    await checkA11y(page, 'report review');
    await screenshot(page, 'flow-provider-3-review');
    await page.setViewportSize({ width: 320, height: 800 });
    await screenshot(page, 'flow-provider-3-review-320');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Accepteren' }).click();
    await expect.poll(() => page.locator('.koers-flash').textContent()).toContain('Geaccepteerd: Zahra Hosseini');
    await page.goto(resolvePath('/clients/{providerFlowClient}/hours'));
    expect(await page.locator('body').textContent()).toContain('Taalschool De Brug');
    await screenshot(page, 'flow-provider-4-hours');
  });
});
