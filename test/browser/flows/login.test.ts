import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { describe, expect, test } from '../fixtures.js';
import {
  checkA11y,
  checkKeyboard,
  checkReflow,
  checkZoom200,
  DEMO_USERS,
  loginAs,
  logout,
  type Role,
  screenshot,
  tabTo,
} from '../helpers.js';

describe('log-in page', () => {
  test('is accessible, reflows at 320 px, works at 200% zoom, and has a sensible focus order', async ({ page }) => {
    await page.goto('/login');
    await checkA11y(page, 'login');
    const stops = await checkKeyboard(page);
    const order = stops.map((s) => s.id || s.name);
    expect(order[0]).toBe('Naar de inhoud');
    expect(order.indexOf('veld-username')).toBeLessThan(order.indexOf('veld-password'));
    expect(order.indexOf('veld-password')).toBeLessThan(order.indexOf('Inloggen'));
    await checkReflow(page, 'login-320');
    await checkZoom200(page);
    await screenshot(page, 'login');
  });

  test('can be used with the keyboard only: Tab to the fields, type, Enter', async ({ page }) => {
    await page.goto('/login');
    await tabTo(page, '#veld-username');
    await page.keyboard.type(DEMO_USERS.consulent.username);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('veld-password');
    await page.keyboard.type(DEMO_PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Enter')]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(DEMO_USERS.consulent.startH1);
    await screenshot(page, 'login-keyboard-done');
  });

  test('shows validation errors next to the fields and in a summary, and stays accessible', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Gebruikersnaam').fill('consulent');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Inloggen' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState();
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('heading', { name: 'Controleer het formulier' }).isVisible()).toBe(true);
    expect(await summary.getByRole('link', { name: /wachtwoord/i }).getAttribute('href')).toBe('#veld-password');
    // The error is tied to the field, and what was typed is kept.
    const password = page.getByLabel('Wachtwoord');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#veld-password-fout').textContent()).toMatch(/wachtwoord/i);
    expect(await page.getByLabel('Gebruikersnaam').inputValue()).toBe('consulent');
    await checkA11y(page, 'login with errors');
    await checkReflow(page, 'login-errors-320');
    await checkZoom200(page);
    await screenshot(page, 'login-errors');
    // The link in the summary moves focus to the field.
    await summary.getByRole('link', { name: /wachtwoord/i }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('veld-password');
  });

  test('says so when the password is wrong, without saying which part is wrong', async ({ page }) => {
    await page.goto('/login');
    // consulent3 exists in the demo data and is used by no other browser test, so the throttle stays out of the way.
    await page.getByLabel('Gebruikersnaam').fill('consulent3');
    await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST' && r.status() === 401),
      page.getByRole('button', { name: 'Inloggen' }).click(),
    ]);
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toContain('De gebruikersnaam of het wachtwoord klopt niet.');
    expect(await page.getByLabel('Wachtwoord').inputValue()).toBe('');
    expect(new URL(page.url()).pathname).toBe('/login');
    await checkA11y(page, 'login wrong password');
    await screenshot(page, 'login-wrong-password');
  });
});

describe('each role', () => {
  for (const role of ['consulent', 'teamleider', 'admin'] as Role[]) {
    test(`${role} logs in, sees the start page with name and h1, and logs out`, async ({ page }) => {
      await loginAs(page, role);
      const header = page.locator('header');
      expect(await header.textContent()).toContain(DEMO_USERS[role].displayName);
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).toBe(true);
      await screenshot(page, `start-${role}`);

      await logout(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Inloggen bij Koers');
      // The session is gone on the server: the start page asks for a log-in again.
      await page.goto('/');
      expect(new URL(page.url()).pathname).toBe('/login');
      await screenshot(page, `logged-out-${role}`);
    });
  }
});
