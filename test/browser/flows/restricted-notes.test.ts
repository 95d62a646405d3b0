import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { resolvePath } from '../demo.js';
import { describe, expect, test } from '../fixtures.js';
import { checkA11y, checkReflow, screenshot } from '../helpers.js';

// Restricted notes (issue 20). Mila Visser (`consulent3`) is a consulent of the same team as Sanne de Vries, whose
// client Amina Yusuf has a Meldcode note (src/demo/restricted-notes.ts). Mila sees that it exists, not what it
// says; she opens it only by giving a reason, and then reads it.
async function loginAsColleague(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Gebruikersnaam').fill('consulent3');
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Inloggen' }).click()]);
}

describe('restricted notes', () => {
  test('hidden for another consulent of the team, opened with a reason', async ({ page }) => {
    await loginAsColleague(page);
    await page.goto(resolvePath('/clients/{restrictedClient}/restricted-notes'));
    const main = page.locator('main');
    expect(await main.innerText()).toContain('Meldcode-zorg');
    expect(await main.innerText()).not.toContain('Veilig Thuis');
    await screenshot(page, 'flow-restricted-1-hidden');

    await page.getByRole('link', { name: /Openen met een reden.*Meldcode/ }).click();
    await page.waitForURL(resolvePath('**/clients/{restrictedClient}/restricted-notes/{restrictedNote}'));
    expect(await main.innerText()).toContain('Deze notitie is afgeschermd');
    // Without a reason the note stays closed, with the message next to the field.
    await page.getByRole('button', { name: 'Notitie openen' }).click();
    await expect.poll(() => page.locator('#veld-reason-fout').innerText()).toContain('Vul de reden in');
    expect(await main.innerText()).not.toContain('Veilig Thuis');
    await checkA11y(page, 'restricted-note-reason-error');

    await page.getByLabel('Reden om de notitie te openen').fill('Ik vervang Sanne en heb morgen een huisbezoek bij de cliënt.');
    await Promise.all([page.waitForURL(/restricted-notes\/\d+$/), page.getByRole('button', { name: 'Notitie openen' }).click()]);
    expect(await main.innerText()).toContain('Veilig Thuis');
    expect(await main.innerText()).toContain('U heeft deze notitie vandaag geopend met een reden');
    await checkA11y(page, 'restricted-note-opened');
    await checkReflow(page, 'flow-restricted-2-opened-320');
    await screenshot(page, 'flow-restricted-2-opened');
  });
});
