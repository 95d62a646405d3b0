import { resolvePath } from '../demo.js';
import { describe, expect, test } from '../fixtures.js';
import { checkA11y, type Role, screenshot, useSession } from '../helpers.js';

// Each kind of form, sent empty (or with the prefilled required fields cleared): the app answers 400 with an
// error summary and messages tied to the fields, and the page in that state has no WCAG 2.1 A/AA violation.
// Forms covered elsewhere in their error state: client, intake, route (dossier.test.ts), hours, voortgangsgesprek,
// pre-eindgesprek agreements (trajectory.test.ts), rules (admin-rules.test.ts), log-in (login.test.ts).
interface FormSpec {
  role: Role;
  name: string;
  path: string;
  button: string;
  /** Fields the form fills in for the user, emptied first so that the post is refused. */
  clear?: string[];
  /** Text the error summary must show. */
  message: string;
}

const FORMS: FormSpec[] = [
  {
    role: 'consulent',
    name: 'pip',
    path: '/clients/6/pip',
    button: 'PIP vaststellen',
    clear: ['#veld-vastgesteldOn', '#veld-languageGoal', '#veld-participationGoals'],
    message: 'Controleer het formulier',
  },
  { role: 'consulent', name: 'decision', path: '/clients/{zClient}/decisions', button: 'Besluit opslaan', clear: ['#veld-decidedOn'], message: 'reden' },
  { role: 'consulent', name: 'agreement', path: '/clients/{zClient}/agreements', button: 'Afspraak opslaan', message: 'Controleer het formulier' },
  { role: 'admin', name: 'user', path: '/admin/users/new', button: 'Gebruiker aanmaken', message: 'Controleer het formulier' },
  { role: 'admin', name: 'enforcement-rules', path: '/admin/enforcement-rules', button: 'Nieuwe versie opslaan', clear: ['#veld-effectiveFrom'], message: 'Controleer het formulier' },
];

describe('forms with validation errors', () => {
  for (const form of FORMS) {
    test(`${form.role}: ${form.name} (${form.path})`, async ({ page }) => {
      await useSession(page, form.role);
      await page.goto(resolvePath(form.path));
      for (const selector of form.clear ?? []) await page.fill(selector, '');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
        page.getByRole('button', { name: form.button, exact: true }).click(),
      ]);
      expect(response.status(), `${form.name}: an empty form must be refused`).toBe(400);
      await page.waitForLoadState('load');
      const summary = page.locator('.koers-error-summary');
      expect(await summary.isVisible()).toBe(true);
      expect(await summary.textContent()).toContain(form.message);
      // Every link in the summary points at a field that is marked invalid.
      const targets = await summary.locator('a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(targets.length).toBeGreaterThan(0);
      for (const href of targets) {
        expect(await page.locator(href).count(), `${href} from the error summary exists`).toBe(1);
      }
      await checkA11y(page, `${form.role} ${form.name} with errors`);
      await screenshot(page, `form-error-${form.role}-${form.name}`);
    });
  }
});
