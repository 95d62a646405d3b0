import { format } from 'date-fns';
import { describe, expect, test } from '../fixtures.js';
import { checkA11y, screenshot, useSession } from '../helpers.js';
import { submit, textOf } from '../steps.js';

// The admin lowers the Z-route pre-end minimum of language hours (400 → 300) in a new version of the rules that
// takes effect today, previews who is affected, saves; a consulent, in a browser context of their own, then sees
// that Amina Yusuf (demo client D-1001: 399 language hours, 300 participation, PVT done) may have her
// pre-eindgesprek. The fixture gives each test a fresh context; the second context is opened by hand.
describe('admin changes an hour norm', () => {
  test('new rules version → preview → save → the consulent sees the eligibility change', async ({ page, browser }) => {
    // The consulent first: not yet.
    await useSession(page, 'consulent');
    await page.goto('/clients?scope=team&q=D-1001');
    await Promise.all([page.waitForURL(/\/clients\/\d+$/), page.getByRole('link', { name: 'Yusuf, Amina' }).first().click()]);
    const dossierUrl = page.url();
    const preEnd = page.getByRole('heading', { level: 3, name: /^Pre-eindgesprek/ });
    expect(await preEnd.textContent()).not.toContain('kan gepland worden');
    expect(await textOf(page, '.koers-conditions')).toMatch(/Taalles:.*399/);
    await screenshot(page, 'flow-rules-1-consulent-before');

    // The admin in a context of their own.
    const adminContext = await browser.newContext({ baseURL: new URL(dossierUrl).origin, viewport: { width: 1280, height: 800 } });
    try {
      const admin = await adminContext.newPage();
      await useSession(admin, 'admin');
      await admin.goto('/admin/rules');
      await Promise.all([admin.waitForURL(/\/admin\/rules\/new$/), admin.getByRole('link', { name: /Nieuwe versie/ }).first().click()]);

      // Empty date and reason: the form says what is missing, and stays accessible.
      await admin.fill('#veld-effectiveFrom', '');
      await admin.fill('#veld-note', '');
      await submit(admin, 'Bekijk gevolgen');
      expect(await textOf(admin, '.koers-error-summary')).toContain('Vul de ingangsdatum in');
      await checkA11y(admin, 'rules-new-error');
      await screenshot(admin, 'flow-rules-2-error');

      await admin.fill('#veld-effectiveFrom', format(new Date(), 'dd-MM-yyyy'));
      await admin.fill('#veld-note', 'Proef: minder taaluren nodig voor de uitnodiging tot het pre-eindgesprek.');
      expect(await admin.inputValue('[name="z.preEnd.minLanguageHours"]')).toBe('400');
      await admin.fill('[name="z.preEnd.minLanguageHours"]', '300');
      await submit(admin, 'Bekijk gevolgen');
      const impact = await textOf(admin, '.koers-impact');
      expect(impact).toMatch(/D-1001 .*Amina.* mag nog niet → mag /);
      await checkA11y(admin, 'rules-preview');
      await screenshot(admin, 'flow-rules-3-preview');

      await submit(admin, 'Opslaan', /\/admin\/rules\/versions\/\d+$/);
      expect(await textOf(admin, '.koers-flash')).toContain('De nieuwe regels zijn opgeslagen en gelden nu.');
      await screenshot(admin, 'flow-rules-4-saved');
    } finally {
      await adminContext.close();
    }

    // The consulent reloads the dossier: now the pre-eindgesprek can be planned.
    await page.goto(dossierUrl);
    expect(await preEnd.textContent()).toContain('kan gepland worden');
    await screenshot(page, 'flow-rules-5-consulent-after');
  }, 60_000);
});
