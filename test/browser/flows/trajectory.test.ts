import { describe, expect, test } from '../fixtures.js';
import { checkA11y, screenshot, useSession } from '../helpers.js';
import { fillAgreement, intakeRouteZAndPip, recordDecision, registerClient, registerHours, submit, textOf } from '../steps.js';

// A fresh Z-route client from the PIP to a closed trajectory, through the real forms, as a consulent works:
// hours, a voortgangsgesprek, the pre-end eligibility turning green, the pre-eindgesprek with agreements, the
// end conditions, the eindgesprek and the closed dossier. Asserts on the text the consulent reads.
describe('Z-route trajectory flow', () => {
  test('hours → voortgangsgesprek → pre-eindgesprek → eindgesprek → closed', async ({ page }) => {
    await useSession(page, 'consulent');
    const id = await registerClient(page, 'Nadia', 'Trajecttest');
    await intakeRouteZAndPip(page, id);

    // Before any hours the pre-eindgesprek is not available yet.
    await page.goto(`/clients/${id}`);
    const preEndHeading = page.getByRole('heading', { level: 3, name: /^Pre-eindgesprek/ });
    expect(await preEndHeading.textContent()).not.toContain('kan gepland worden');
    expect(await textOf(page, '.koers-conditions')).toContain('Nog niet');

    // Hours: the form with errors first, then language and participation hours.
    await page.goto(`/clients/${id}/hours`);
    await page.selectOption('#veld-kind', 'PARTICIPATION');
    await page.fill('#veld-hours', '');
    await submit(page, 'Uren opslaan');
    expect(await textOf(page, '.koers-error-summary')).toContain('Vul het aantal gevolgde uren in');
    await checkA11y(page, 'hours-error');
    await screenshot(page, 'flow-trajectory-1-hours-error');
    await registerHours(page, id, 'LANGUAGE', 450);
    await registerHours(page, id, 'PARTICIPATION', 320);
    const hoursText = await textOf(page, 'main');
    expect(hoursText).toContain('450');
    expect(hoursText).toContain('320');
    await screenshot(page, 'flow-trajectory-2-hours');

    // A voortgangsgesprek with one agreement.
    await page.goto(`/clients/${id}/conversations/new`);
    await page.fill('#veld-heldOn', '2025-10-06');
    await page.check('input[name=clientPresent]');
    await page.check('input[name=consulentPresent]');
    await page.fill('#veld-goingWell', 'Gaat elke week naar de taalles.');
    await page.fill('#veld-agreement_0_description', 'Meldt zich aan bij de bibliotheek');
    await submit(page, 'Gesprek opslaan');
    expect(await textOf(page, '.koers-error-summary')).toContain('Afspraak 1: kies wie het doet');
    expect(await page.inputValue('#veld-goingWell')).toBe('Gaat elke week naar de taalles.');
    await checkA11y(page, 'conversation-new-error');
    await screenshot(page, 'flow-trajectory-3-voortgang-error');
    await fillAgreement(page, 0, 'Meldt zich aan bij de bibliotheek', '2025-12-01');
    await submit(page, 'Gesprek opslaan', /\/conversations\/\d+$/);
    expect(await textOf(page, '.koers-flash')).toContain('Voortgangsgesprek opgeslagen.');
    expect(await textOf(page, 'main')).toContain('Meldt zich aan bij de bibliotheek');
    await checkA11y(page, 'conversation-show');
    await screenshot(page, 'flow-trajectory-4-voortgang');

    // Enough hours, but no PVT yet: still not available. PVT completed: the dossier says it can be planned.
    await page.goto(`/clients/${id}`);
    expect(await preEndHeading.textContent()).not.toContain('kan gepland worden');
    await recordDecision(page, id, 'PVT_COMPLETED', 'Participatieverklaringstraject afgerond bij de bibliotheek.');
    await page.goto(`/clients/${id}`);
    expect(await preEndHeading.textContent()).toContain('kan gepland worden');
    await screenshot(page, 'flow-trajectory-4-pre-end-available');

    // The pre-eindgesprek: without an agreement the form says so; with agreements it is saved.
    await page.goto(`/clients/${id}/pre-end`);
    await page.fill('#veld-heldOn', '2025-11-03');
    await page.check('input[name=clientPresent]');
    await page.check('input[name=consulentPresent]');
    await page.fill('#veld-coachName', 'Marieke Coach');
    await submit(page, 'Pre-eindgesprek opslaan');
    expect(await textOf(page, '.koers-error-summary')).toContain('Leg minstens één afspraak vast in het afsprakenplan');
    expect(await page.inputValue('#veld-coachName')).toBe('Marieke Coach');
    await checkA11y(page, 'pre-end-error');
    await fillAgreement(page, 0, 'Nog 350 uur taalles volgen bij Taalschool De Brug', '2026-10-30');
    await fillAgreement(page, 1, 'KNM-cursus afronden', '2026-06-01');
    await page.check('input[name=readBack]');
    await submit(page, 'Pre-eindgesprek opslaan', /\/conversations\/\d+$/);
    const preEndPage = await textOf(page, 'main');
    expect(preEndPage).toContain('Nog 350 uur taalles volgen bij Taalschool De Brug');
    expect(preEndPage).toContain('KNM-cursus afronden');
    await screenshot(page, 'flow-trajectory-5-pre-end');
    await page.goto(`/clients/${id}`);
    expect(await preEndHeading.textContent()).toMatch(/gehouden op/);

    // An eindgesprek now, without KNM and MAP, needs a reason: the form says so.
    await page.goto(`/clients/${id}/end`);
    await page.fill('#veld-heldOn', '2025-11-10');
    await page.check('input[name=outcome][value=NONE]');
    await submit(page, 'Eindgesprek opslaan en traject afsluiten');
    expect(await textOf(page, '.koers-error-summary')).toContain('De cliënt voldoet nog niet aan alle voorwaarden');
    await checkA11y(page, 'end-error');
    await screenshot(page, 'flow-trajectory-5b-end-not-yet');

    // The end conditions: 800 language, 800 participation, KNM, MAP (PVT is done).
    await registerHours(page, id, 'LANGUAGE', 350, '2026-01-05', '2026-10-30');
    await registerHours(page, id, 'PARTICIPATION', 480, '2026-01-05', '2026-10-30');
    await recordDecision(page, id, 'KNM_COMPLETED', 'KNM-cursus afgerond met certificaat.', '2026-06-01');
    await recordDecision(page, id, 'MAP_COMPLETED', 'MAP afgerond bij het werkbedrijf.', '2026-07-01');
    await page.goto(`/clients/${id}`);
    const endHeading = page.getByRole('heading', { level: 3, name: /^Eindgesprek/ });
    expect(await endHeading.textContent()).toContain('kan gepland worden');

    // The eindgesprek closes the trajectory.
    await page.goto(`/clients/${id}/end`);
    await page.fill('#veld-heldOn', '2026-11-02');
    await page.check('input[name=clientPresent]');
    await page.check('input[name=consulentPresent]');
    await page.check('input[name=outcome][value=PLACE]');
    await page.fill('#veld-outcomeDetail', 'Vrijwilligerswerk bij de voedselbank gaat door');
    await page.fill('#veld-certificateOn', '2026-11-09');
    await submit(page, 'Eindgesprek opslaan en traject afsluiten', /\/clients\/\d+(\/conversations\/\d+)?$/);
    await screenshot(page, 'flow-trajectory-6-end-saved');
    await page.goto(`/clients/${id}`);
    const dossier = await textOf(page, 'main');
    expect(dossier).toContain('Dit dossier is afgesloten op 9 november 2026: inburgering afgerond.');
    expect(await textOf(page, '.koers-dossier-header')).toContain('Afgesloten');
    expect(await textOf(page, '.koers-timeline')).toContain('Traject afgesloten na het eindgesprek; certificaat uitgereikt op 9 november 2026.');
    // Closed: the hours page no longer offers the form.
    await page.goto(`/clients/${id}/hours`);
    expect(await page.getByRole('button', { name: 'Uren opslaan' }).count()).toBe(0);
    await page.goto(`/clients/${id}`);
    await checkA11y(page, 'dossier-closed');
    await screenshot(page, 'flow-trajectory-7-closed');
  }, 120_000);
});
