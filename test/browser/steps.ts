import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Steps that several browser flows share, done through the real forms as a consulent clicks them.
 * Each returns once the app shows the page the step ends on.
 */

let serial = 0;

/** A valid (elfproef) BSN that no demo client has: random, so that runs and flows never clash. */
export function freshBsn(): string {
  for (;;) {
    const digits = [1 + Math.floor(Math.random() * 9), ...Array.from({ length: 7 }, () => Math.floor(Math.random() * 10))];
    const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
    const last = sum % 11;
    if (last < 10) return [...digits, last].join('');
  }
}

/** A client number no other flow uses. */
export function freshClientNumber(prefix: string): string {
  serial++;
  return `${prefix}-${Date.now().toString(36).toUpperCase()}${serial}`;
}

/** The text of the element (whitespace folded), for readable assertions on what the user sees. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Clicks a submit button, waits for the answer to the POST and the page it shows (a redirect or a re-render). */
export async function submit(page: Page, button: string, url?: RegExp): Promise<void> {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
  await page.getByRole('button', { name: button, exact: true }).click();
  await posted;
  if (url) await page.waitForURL(url);
  await page.waitForLoadState('load');
}

/** Registers a new client on /clients/new and returns its id (the dossier is open afterwards). */
export async function registerClient(page: Page, first: string, last: string): Promise<number> {
  await page.goto('/clients/new');
  await page.fill('#veld-firstName', first);
  await page.fill('#veld-lastName', last);
  await page.fill('#veld-birthDate', '1985-06-15');
  await page.fill('#veld-bsn', freshBsn());
  await page.fill('#veld-clientNumber', freshClientNumber('F'));
  await page.selectOption('#veld-doelgroep', 'ASIELSTATUSHOUDER');
  await page.fill('#veld-linkedOn', '2024-01-08');
  await page.fill('#veld-address', 'Stationsweg 3');
  await submit(page, 'Cliënt aanmelden', /\/clients\/\d+$/);
  expect(await textOf(page, 'h1')).toContain(`${first} ${last}`);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

/** Intake (all scores 3, leerbaarheid 22: Z-route advice), Z-route choice and a first PIP. Ends on the PIP page. */
export async function intakeRouteZAndPip(page: Page, id: number): Promise<void> {
  await page.goto(`/clients/${id}/intake`);
  const groups = await page.$$eval('input[type=radio][name^=score_]', (els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))]);
  for (const name of groups) await page.check(`input[name=${name}][value="3"]`);
  await page.fill('#veld-leerbaarheidScore', '22');
  await page.fill('#veld-leerbaarheidOn', '2024-01-19');
  await page.check('input[name=wantsEducation][value=nee]');
  await submit(page, 'Intake afronden', /\/route$/);
  expect(await textOf(page, '.koers-advice')).toContain('Z-route');

  await page.check('input[name=route][value=Z]');
  await page.fill('#veld-notB1Reason', 'Leerbaarheidstoets 22: B1 niet haalbaar.');
  await page.fill('#veld-notOnderwijsReason', 'Wil geen opleiding.');
  await page.fill('#veld-decidedOn', '2024-02-01');
  await submit(page, 'Route vastleggen', /\/pip$/);

  await page.fill('#veld-vastgesteldOn', '2024-02-15');
  await page.fill('#veld-languageGoal', 'Minstens A1 op alle onderdelen');
  await page.fill('#veld-participationGoals', 'Vrijwilligerswerk bij de voedselbank.');
  await page.selectOption('#veld-goal_domain_0', { index: 1 });
  await page.fill('#veld-goal_text_0', 'Zelf boodschappen doen en betalen');
  await submit(page, 'PIP vaststellen', /\/pip$/);
  expect(await textOf(page, '.koers-flash')).toContain('De inburgeringstermijn loopt tot en met 15 februari 2027');
}

/** Registers hours on /clients/:id/hours (participation: the first activity in the list). */
export async function registerHours(
  page: Page,
  id: number,
  kind: 'LANGUAGE' | 'PARTICIPATION' | 'MAP',
  hours: number,
  periodStart = '2024-03-01',
  periodEnd = '2025-12-31',
): Promise<void> {
  if (!page.url().endsWith(`/clients/${id}/hours`)) await page.goto(`/clients/${id}/hours`);
  await page.selectOption('#veld-kind', kind);
  if (kind === 'PARTICIPATION') await page.selectOption('#veld-activityKindId', { index: 1 });
  await page.fill('#veld-periodStart', periodStart);
  await page.fill('#veld-periodEnd', periodEnd);
  await page.fill('#veld-hours', String(hours));
  await submit(page, 'Uren opslaan');
  expect(await page.locator('.koers-error-summary').count(), `hours form of client ${id} shows errors`).toBe(0);
}

/** Records a decision such as PVT_COMPLETED on /clients/:id/decisions. */
export async function recordDecision(page: Page, id: number, kind: string, reason: string, decidedOn = '2025-06-02'): Promise<void> {
  if (!page.url().endsWith(`/clients/${id}/decisions`)) await page.goto(`/clients/${id}/decisions`);
  await page.selectOption('#veld-kind', kind);
  await page.fill('#veld-decidedOn', decidedOn);
  await page.fill('#veld-reason', reason);
  await submit(page, 'Besluit opslaan');
  expect(await page.locator('.koers-error-summary').count(), `decision ${kind} for client ${id} shows errors`).toBe(0);
}

/** Fills agreement row `i` of a conversation form (the owner: the first choice in the list). */
export async function fillAgreement(page: Page, i: number, description: string, due: string): Promise<void> {
  await page.fill(`#veld-agreement_${i}_description`, description);
  await page.selectOption(`#veld-agreement_${i}_owner`, { index: 1 });
  await page.fill(`#veld-agreement_${i}_due`, due);
}
