import { describe, expect, test } from '../fixtures.js';
import { checkA11y, screenshot, useSession } from '../helpers.js';

// A new client from registration to the PIP (issue 5), through the real forms, as a consulent would.
describe('client dossier flow', () => {
  test('register → intake → route → PIP → dossier', async ({ page }) => {
    await useSession(page, 'consulent');
    await page.goto('/clients/new');
    await page.fill('#veld-firstName', 'Samira');
    await page.fill('#veld-lastName', 'Browsertest');
    await page.fill('#veld-birthDate', '1988-04-12');
    await page.fill('#veld-bsn', '123456789');
    await page.fill('#veld-clientNumber', 'B-0001');
    await page.selectOption('#veld-doelgroep', 'ASIELSTATUSHOUDER');
    await page.fill('#veld-linkedOn', '2022-03-01');
    await page.fill('#veld-address', 'Lindelaan 12');
    await page.click('button:has-text("Cliënt aanmelden")');
    await expect(page.locator('#veld-bsn-fout').textContent()).resolves.toContain('Dit BSN klopt niet (elfproef)');
    expect(await page.inputValue('#veld-address')).toBe('Lindelaan 12');
    await checkA11y(page, 'client-new-error');
    await screenshot(page, 'flow-dossier-1-register-error');

    await page.fill('#veld-bsn', '123456782');
    await Promise.all([page.waitForURL(/\/clients\/\d+$/), page.click('button:has-text("Cliënt aanmelden")')]);
    const id = page.url().split('/').pop();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Samira Browsertest');
    await screenshot(page, 'flow-dossier-2-registered');

    await page.click('a:has-text("Brede intake starten")');
    await page.click('button:has-text("Intake afronden")');
    await expect(page.locator('.koers-error-summary').textContent()).resolves.toContain('leerbaarheidstoets');
    await checkA11y(page, 'intake-error');
    const groups = await page.$$eval('input[type=radio][name^=score_]', (els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
    for (const name of groups) await page.check(`input[name=${name}][value="3"]`);
    await page.fill('#veld-leerbaarheidScore', '22');
    await page.fill('#veld-leerbaarheidOn', '2022-03-20');
    await page.check('input[name=wantsEducation][value=nee]');
    await Promise.all([page.waitForURL(/\/route$/), page.click('button:has-text("Intake afronden")')]);
    await expect(page.locator('.koers-advice').textContent()).resolves.toContain('Z-route');
    await screenshot(page, 'flow-dossier-3-route');

    await page.check('input[name=route][value=B1]');
    await page.click('button:has-text("Route vastleggen")');
    await expect(page.locator('#veld-reason-fout').textContent()).resolves.toContain('U kiest een andere route dan het advies');
    await checkA11y(page, 'route-error');
    await page.check('input[name=route][value=Z]');
    await page.fill('#veld-notB1Reason', 'Leerbaarheidstoets 22: B1 niet haalbaar.');
    await page.fill('#veld-notOnderwijsReason', 'Wil geen opleiding.');
    await page.fill('#veld-decidedOn', '2022-04-01');
    await Promise.all([page.waitForURL(/\/pip$/), page.click('button:has-text("Route vastleggen")')]);

    await page.fill('#veld-vastgesteldOn', '2022-05-02');
    await page.fill('#veld-languageGoal', 'Minstens A1 op alle onderdelen');
    await page.fill('#veld-participationGoals', 'Vrijwilligerswerk in een naaiatelier.');
    await page.selectOption('#veld-goal_domain_0', { index: 1 });
    await page.fill('#veld-goal_text_0', 'Zelf de rekeningen betalen');
    await Promise.all([page.waitForURL(/\/pip$/), page.click('button:has-text("PIP vaststellen")')]);
    await expect(page.locator('.koers-flash').textContent()).resolves.toContain('De inburgeringstermijn loopt tot en met 2 mei 2025');
    await checkA11y(page, 'pip-show');
    await screenshot(page, 'flow-dossier-4-pip');

    await page.goto(`/clients/${id}`);
    await expect(page.locator('.koers-timeline').textContent()).resolves.toContain('PIP vastgesteld (versie 1, Z-route)');
    await expect(page.locator('.koers-dossier-header').textContent()).resolves.toContain('2 mei 2025');
    await screenshot(page, 'flow-dossier-5-overview');
  });
});
