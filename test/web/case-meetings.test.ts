import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';

async function setup() {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const { agent, csrf } = await ctx.login('consulent');
  return { ctx, id, agent, csrf };
}

const meeting = {
  heldOn: '2026-11-20',
  withJobCoach: '1',
  withEmployer: '1',
  otherParticipants: 'Taalcoach Noor',
  notes: 'Gaat goed op de werkvloer; vaktaal blijft lastig.',
  agreement_0_description: 'Woordenlijst bakkerij oefenen',
  agreement_0_owner: 'CLIENT',
  agreement_0_due: '2026-12-15',
  agreement_1_description: 'Werkgever plant evaluatie',
  agreement_1_owner: 'PROVIDER',
  agreement_1_due: '2027-01-10',
};

describe('case meetings', () => {
  it('records a meeting with participants, notes and agreements that appear in the agreements list', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const res = await agent.post(`/clients/${id}/case-meetings`).type('form').send({ _csrf: csrf, ...meeting });
    expect(res.status).toBe(303);
    const page = await agent.get(`/clients/${id}/case-meetings`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Overleg van 20 november 2026');
    expect(page.text).toContain('jobcoach, werkgever, Taalcoach Noor');
    expect(page.text).toContain('vaktaal blijft lastig');
    const rows = ctx.db
      .prepare('SELECT description, owner, due_on, status, case_meeting_id FROM agreements WHERE client_id = ? ORDER BY id')
      .all(id) as { description: string; case_meeting_id: number | null; status: string }[];
    expect(rows.map((r) => r.description)).toEqual(['Woordenlijst bakkerij oefenen', 'Werkgever plant evaluatie']);
    expect(rows.every((r) => r.case_meeting_id !== null && r.status === 'OPEN')).toBe(true);
    const list = await agent.get(`/clients/${id}/agreements`);
    expect(list.text).toContain('Woordenlijst bakkerij oefenen');
    expect(ctx.db.prepare(`SELECT summary FROM client_events WHERE client_id = ? AND kind = 'CASE_MEETING'`).pluck().get(id)).toBe(
      'Casusoverleg op 20 november 2026, 2 afspraken gemaakt',
    );
    expect(
      ctx.db.prepare('SELECT open_agreement_due_min FROM client_status WHERE client_id = ?').pluck().get(id),
    ).toBe('2026-12-15');
  });

  it('keeps the input on validation errors: future date, no participants, incomplete agreement row', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const res = await agent.post(`/clients/${id}/case-meetings`).type('form').send({
      _csrf: csrf,
      heldOn: '2026-11-30',
      notes: 'Aantekening die moet blijven staan',
      agreement_0_description: 'Half ingevulde afspraak',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('De datum van het overleg mag niet na vandaag');
    expect(res.text).toContain('Kies wie er meededen, of vul de andere deelnemers in');
    expect(res.text).toContain('Afspraak 1: kies wie het doet');
    expect(res.text).toContain('Aantekening die moet blijven staan');
    expect(res.text).toContain('Half ingevulde afspraak');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM case_meetings').pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM agreements').pluck().get()).toBe(0);
  });

  it('access: other team 404 without data, admin 403, closed dossier refuses new meetings', async () => {
    const { ctx, id, agent, csrf } = await setup();
    await agent.post(`/clients/${id}/case-meetings`).type('form').send({ _csrf: csrf, ...meeting });
    const other = await ctx.login('otherConsulent');
    const res = await other.agent.get(`/clients/${id}/case-meetings`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('vaktaal blijft lastig');
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/case-meetings`)).status).toBe(403);
    ctx.db.prepare(`UPDATE clients SET closed_on = '2026-11-21' WHERE id = ?`).run(id);
    const closed = await agent.post(`/clients/${id}/case-meetings`).type('form').send({ _csrf: csrf, ...meeting });
    expect(closed.status).toBe(409);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM case_meetings').pluck().get()).toBe(1);
  });
});
