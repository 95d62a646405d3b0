import { describe, expect, test } from '../fixtures.js';
import { checkA11y, loginAs, screenshot } from '../helpers.js';

describe('public pages', () => {
  test('the accessibility statement is reachable from the footer without logging in', async ({ page }) => {
    await page.goto('/login');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/accessibility'),
      page.getByRole('contentinfo').getByRole('link', { name: 'Toegankelijkheidsverklaring' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Toegankelijkheidsverklaring');
    await checkA11y(page, 'accessibility statement');
    await screenshot(page, 'accessibility-statement');
  });

  test('an unknown address gives a 404 page with a way back', async ({ page }) => {
    await loginAs(page, 'consulent');
    const response = await page.goto('/clients/999999/niets');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden');
    await checkA11y(page, '404 logged in');
    await screenshot(page, 'not-found-consulent');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      page.getByRole('main').getByRole('link', { name: 'Naar de startpagina' }).click(),
    ]);
  });
});
