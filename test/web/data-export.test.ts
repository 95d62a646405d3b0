// The download of all of a client's data for an access request (AVG art. 15).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { addAgreement, addConversation, addDecision, addHours, chooseRoute, completeIntake, insertClient, setPip } from '../helpers/fixtures.js';

const BSN = '123456782';

async function setup() {
  const ctx = await buildTestApp();
  const { db, teamA, users } = ctx;
  const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, firstName: 'Amina', lastName: 'Inzage', bsn: BSN });
  completeIntake(db, id);
  chooseRoute(db, id, 'Z', users.consulent);
  setPip(db, id, users.consulent);
  addHours(db, id, 'LANGUAGE', 120, users.consulent);
  addDecision(db, id, 'PVT_COMPLETED', users.consulent);
  addConversation(db, id, 'VOORTGANG', '2026-10-01', users.consulent);
  addAgreement(db, id, '2026-12-01', users.consulent);
  const other = insertClient(db, { teamId: teamA, consulentId: users.consulent, firstName: 'Ander', lastName: 'Persoon', bsn: '111222333' });
  addHours(db, other, 'LANGUAGE', 777, users.consulent);
  return { ...ctx, id, other };
}

describe('GET /clients/:id/data-export.json', () => {
  it("gives the client's records of every part, nobody else's, with staff names and the audit trail", async () => {
    const { db, id, login, users } = await setup();
    const { agent } = await login('consulent');
    await agent.get(`/clients/${id}`); // a dossier view, to appear in the audit trail
    const details = await agent.get(`/clients/${id}/details`);
    expect(details.text).toContain(`href="/clients/${id}/data-export.json"`);
    const res = await agent.get(`/clients/${id}/data-export.json`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="koers-gegevens-[A-Za-z0-9-]+\.json"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(res.text);
    expect(data.client).toMatchObject({ id, first_name: 'Amina', last_name: 'Inzage', bsn: BSN });
    expect(data.sections.intake).toHaveLength(1);
    expect(data.sections.routebesluiten).toMatchObject([{ route: 'Z' }]);
    expect(data.sections.pipVersies).toHaveLength(1);
    expect(data.sections.uren.map((u: { hours: number }) => u.hours)).toEqual([120]);
    expect(data.sections.besluiten).toMatchObject([{ kind: 'PVT_COMPLETED' }]);
    expect(data.sections.gesprekken).toHaveLength(1);
    expect(data.sections.afspraken).toHaveLength(1);
    expect(data.sections.inzageEnWijzigingen.map((a: { action: string }) => a.action)).toContain('dossier-bekeken');
    expect(data.medewerkers).toMatchObject({ [String(users.consulent)]: { rol: 'consulent' } });
    expect(res.text).not.toContain('777');
    expect(res.text).not.toContain('Ander');
    expect(res.text).not.toContain('password');
    expect(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'gegevens-geexporteerd' AND activity = 'inzage' AND client_id = ?").pluck().get(id)).toBe(1);
  });

  it('masks the BSN for the teamleider; other teams get 404, admins 403, anonymous users the log-in', async () => {
    const { id, login, app } = await setup();
    const tl = await login('teamleider');
    const res = await tl.agent.get(`/clients/${id}/data-export.json`).buffer(true);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).client.bsn).not.toBe(BSN);
    expect(res.text).not.toContain(BSN);
    for (const who of ['otherConsulent', 'otherTeamleider']) {
      const other = await login(who);
      const r = await other.agent.get(`/clients/${id}/data-export.json`);
      expect(r.status, who).toBe(404);
      expect(r.text).not.toContain('Inzage');
    }
    expect((await (await login('admin')).agent.get(`/clients/${id}/data-export.json`)).status).toBe(403);
    const anon = await request(app).get(`/clients/${id}/data-export.json`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/login');
  });
});
