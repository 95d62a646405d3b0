import { describe, expect, it } from 'vitest';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { listContacts } from '../../src/db/contacts.js';
import { buildTestApp } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';

describe('contact log page and the no-contact signal on the caseload', async () => {
  const ctx = await buildTestApp(); // today 24 November 2026
  const { db, teamA, users } = ctx;

  it('records a contact with the partners who took part; nothing ticked is refused next to the field, nothing typed lost', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Contactlog' });
    const { agent, csrf } = await ctx.login('consulent');
    const page = await agent.get(`/clients/${id}/contact`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Er is nog geen eerste contact met de cliënt.');
    const bad = await agent
      .post(`/clients/${id}/contact-attempts`)
      .type('form')
      .send({ _csrf: csrf, participantsShown: '1', attemptedOn: '2026-11-20', channel: 'VIDEO', reached: 'ja', note: 'Met de werkgever gebeld' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Kies wie er meededen');
    expect(bad.text).toContain('Met de werkgever gebeld');
    expect(bad.text).toContain('<option value="VIDEO" selected>');
    const ok = await agent
      .post(`/clients/${id}/contact-attempts`)
      .type('form')
      .send({ _csrf: csrf, participantsShown: '1', participants: ['WERKGEVER', 'JOBCOACH'], attemptedOn: '2026-11-20', channel: 'VIDEO', reached: 'ja', note: 'Met de werkgever gebeld' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/clients/${id}/contact`);
    expect(listContacts(db, id)).toMatchObject([{ participants: ['JOBCOACH', 'WERKGEVER'], withClient: false, reached: true }]);
    const after = await agent.get(`/clients/${id}/contact`);
    expect(after.text).toContain('jobcoach en werkgever');
    expect(after.text).toContain('Met de werkgever gebeld');
  });

  it('shows "Geen contact" as a tile, a filter, a badge and in the CSV, and on the contact page', async () => {
    const quiet = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Stilte' }); // registered 1 January
    const seen = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Gezien' });
    const { agent, csrf } = await ctx.login('consulent');
    await agent
      .post(`/clients/${seen}/contact-attempts`)
      .type('form')
      .send({ _csrf: csrf, participantsShown: '1', participants: 'CLIENT', attemptedOn: '2026-11-23', channel: 'KANTOOR', reached: 'ja' });
    refreshClientStatus(db, quiet, '2026-11-24');
    const list = await agent.get('/caseload?signal=NO_CONTACT');
    expect(list.text).toContain('Geen contact');
    expect(list.text).toContain('Stilte');
    expect(list.text).not.toContain('Gezien');
    const csv = await agent.get('/caseload/export.csv?signal=NO_CONTACT');
    expect(csv.text).toMatch(/Stilte.*Geen contact/);
    const page = await agent.get(`/clients/${quiet}/contact`);
    expect(page.text).toContain('<strong>Geen contact.</strong>');
    expect(page.text).toContain('Na 42 dagen zonder contact');
  });
});
