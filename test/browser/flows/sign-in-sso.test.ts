import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/demo/seed.js';
import { startIdp, type TestIdp } from '../../helpers/oidc-idp.js';
import { DESKTOP, describe, expect, test } from '../fixtures.js';
import { freePort, type RunningApp, startApp, stopApp, waitForHealth } from '../global-setup.js';
import { checkA11y, checkKeyboard, checkReflow, DEMO_USERS, screenshot } from '../helpers.js';

// Single sign-on needs an app started with OIDC_* settings and an IdP, so this file starts its own: the app exactly
// as `npm start` does (demo data) with the environment a municipality would set, and a real OpenID provider
// (oidc-provider) over https. The app trusts the IdP's test certificate through NODE_EXTRA_CA_CERTS (Node's own
// mechanism, no switch in Koers); only this file's browser contexts ignore the certificate's issuer.

let idp: TestIdp;
let app: RunningApp;
let appURL: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koers-sso-'));
  const port = await freePort();
  appURL = `http://127.0.0.1:${port}`;
  idp = await startIdp({ publicUrls: [appURL] });
  const caFile = join(dir, 'idp-ca.pem');
  writeFileSync(caFile, idp.certPem);
  const s = idp.settings(appURL);
  app = startApp(port, join(dir, 'koers.db'), {
    OIDC_ISSUER: s.issuer,
    OIDC_CLIENT_ID: s.clientId,
    OIDC_CLIENT_SECRET: s.clientSecret,
    OIDC_LABEL: 'Gemeente Teststad',
    PUBLIC_URL: appURL,
    NODE_EXTRA_CA_CERTS: caFile,
  });
  await waitForHealth(appURL, app, 30_000);
}, 60_000);

afterAll(async () => {
  if (app) await stopApp(app.child);
  await idp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function ownContext(browser: { newContext: (o: object) => Promise<BrowserContext> }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: appURL,
    viewport: DESKTOP,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    ignoreHTTPSErrors: true, // the test IdP's self-signed certificate
  });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

describe('single sign-on', () => {
  test('Chromium clicks "Inloggen via …", signs in at the provider’s own page and lands on the consulent’s start page', async ({ browser }) => {
    const { context, page } = await ownContext(browser);
    try {
      await page.goto('/login');
      const sso = page.getByRole('link', { name: 'Inloggen via Gemeente Teststad' });
      expect(await sso.isVisible()).toBe(true);
      await checkA11y(page, 'login with single sign-on');
      await checkReflow(page, 'login-sso-320');
      await screenshot(page, 'login-sso');

      await sso.click();
      await page.waitForURL((url) => url.origin === idp.issuer);
      // The provider's own log-in page (oidc-provider's): not Koers.
      await page.locator('input[name="login"]').fill(DEMO_USERS.consulent.username);
      await page.locator('input[name="password"]').fill('wachtwoord-bij-de-idp');
      await screenshot(page, 'sso-idp-login');
      await Promise.all([
        page.waitForURL((url) => url.origin === appURL && url.pathname === '/'),
        page.getByRole('button', { name: 'Sign-in' }).click(),
      ]);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(DEMO_USERS.consulent.startH1);
      expect(await page.locator('header').textContent()).toContain(DEMO_USERS.consulent.displayName);
      await screenshot(page, 'sso-consulent-start');

      // Mijn sessies shows this session as signed in through the municipality.
      await page.goto('/account/sessies');
      expect(await page.locator('table').textContent()).toContain('Via de gemeente (single sign-on)');

      // Log-out ends the session and goes to the IdP's end_session_endpoint.
      await Promise.all([
        page.waitForURL((url) => url.origin === idp.issuer),
        page.getByRole('button', { name: 'Uitloggen' }).click(),
      ]);
      expect(new URL(page.url()).pathname).toMatch(/^\/session\/end/);
      await page.goto(`${appURL}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });

  test('an unknown user gets the Dutch "no access" page', async ({ browser }) => {
    const { context, page } = await ownContext(browser);
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: 'Inloggen via Gemeente Teststad' }).click();
      await page.waitForURL((url) => url.origin === idp.issuer);
      await page.locator('input[name="login"]').fill('nog.niet.in.koers');
      await page.locator('input[name="password"]').fill('x');
      await Promise.all([page.waitForURL((url) => url.origin === appURL), page.getByRole('button', { name: 'Sign-in' }).click()]);
      await page.waitForLoadState();
      expect(await page.getByRole('alert').textContent()).toContain('U heeft nog geen toegang tot Koers; vraag de functioneel beheerder');
      await checkA11y(page, 'sso no access');
      await screenshot(page, 'sso-no-access');
    } finally {
      await context.close();
    }
  });
});

describe('second factor in the browser', () => {
  test('enrols an authenticator app by QR code, then logs in with password and a recovery code', async ({ browser }) => {
    const { context, page } = await ownContext(browser);
    try {
      // consulent2 is used by no other test of this app.
      await page.goto('/login');
      await page.getByLabel('Gebruikersnaam').fill('consulent2');
      await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Inloggen', exact: true }).click()]);
      await page.getByRole('link', { name: 'Beveiliging' }).click();
      await page.waitForURL((url) => url.pathname === '/account/tweede-factor');
      expect(await page.getByRole('img', { name: 'QR-code voor uw authenticator-app' }).isVisible()).toBe(true);
      // The passkey part is shown by public/js/passkeys.js (the browser supports WebAuthn).
      expect(await page.getByRole('button', { name: 'Passkey toevoegen' }).isVisible()).toBe(true);
      await checkA11y(page, 'second factor enrolment');
      await checkKeyboard(page);
      await checkReflow(page, 'second-factor-enrol-320');
      await screenshot(page, 'second-factor-enrol');

      const secret = ((await page.locator('.koers-secret').textContent()) ?? '').replace(/\s/g, '');
      const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
      await page.getByLabel('Code uit de app').fill(code);
      await page.getByRole('button', { name: 'Authenticator-app instellen' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw herstelcodes');
      const codes = await page.locator('.koers-recovery-codes code').allTextContents();
      expect(codes).toHaveLength(10);
      await checkA11y(page, 'recovery codes');
      await checkReflow(page, 'recovery-codes-320');
      await screenshot(page, 'recovery-codes');

      await Promise.all([page.waitForURL((url) => url.pathname === '/login'), page.getByRole('button', { name: 'Uitloggen' }).click()]);
      await page.getByLabel('Gebruikersnaam').fill('consulent2');
      await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/login/tweede-stap'),
        page.getByRole('button', { name: 'Inloggen', exact: true }).click(),
      ]);
      await checkA11y(page, 'second step');
      await checkReflow(page, 'second-step-320');
      await screenshot(page, 'second-step');
      await page.getByLabel('Code uit uw authenticator-app').fill('000000');
      await page.getByRole('button', { name: 'Bevestigen' }).click();
      await page.waitForLoadState();
      expect(await page.getByRole('alert').textContent()).toContain('Deze code klopt niet');
      await checkA11y(page, 'second step wrong code');
      await screenshot(page, 'second-step-wrong-code');
      await page.getByLabel('Code uit uw authenticator-app').fill(codes[0]!);
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.getByRole('button', { name: 'Bevestigen' }).click()]);
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(DEMO_USERS.consulent.startH1);
    } finally {
      await context.close();
    }
  });
});
