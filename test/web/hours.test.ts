import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, withCharacters } from '../helpers/app.js';
import { addHours, insertClient, status, zRouteClient } from '../helpers/fixtures.js';

async function setup() {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const { agent, csrf } = await ctx.login('consulent');
  const activityId = ctx.db.prepare("SELECT id FROM activity_kinds WHERE name = 'Vrijwilligerswerk'").pluck().get() as number;
  return { ctx, id, agent, csrf, activityId };
}

const valid = {
  kind: 'LANGUAGE',
  periodStart: '2026-10-01',
  periodEnd: '2026-10-31',
  hours: '40',
  plannedHours: '50',
};

describe('hours page', () => {
  it('lists entries with absence and the bars against the norms', async () => {
    const { ctx, id, agent } = await setup();
    addHours(ctx.db, id, 'LANGUAGE', 40, ctx.users.consulent, '2026-10-31', '2026-10-01', 50);
    const res = await agent.get(`/clients/${id}/hours`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Uren en besluiten');
    expect(res.text).toContain('20%'); // absence (50 - 40) / 50
    expect(res.text).toMatch(/<meter class="koers-meter" min="0" max="800" value="40"/);
    expect(res.text).toContain('Nog 360 uur taalles nodig (40 van 400)');
  });

  it('adds an entry: persisted, event, history, status refreshed', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const res = await agent.post(`/clients/${id}/hours`).type('form').send({ _csrf: csrf, ...valid });
    expect(res.status).toBe(303);
    const row = ctx.db.prepare('SELECT * FROM hour_entries WHERE client_id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ kind: 'LANGUAGE', hours: 40, planned_hours: 50, source: 'MANUAL' });
    expect(status(ctx.db, id).language_hours).toBe(40);
    const ev = ctx.db.prepare("SELECT summary FROM client_events WHERE client_id = ? AND kind = 'HOURS'").pluck().all(id);
    expect(ev).toHaveLength(1);
    const hist = ctx.db.prepare('SELECT change FROM hour_entry_history WHERE hour_entry_id = ?').pluck().all(row.id);
    expect(hist).toEqual(['CREATE']);
    const audit = ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'uren-toegevoegd' AND client_id = ?").pluck().get(id);
    expect(audit).toBe(1);
  });

  it.each([
    [{ periodEnd: '2026-09-01' }, 'periodEnd', 'De einddatum mag niet voor de begindatum liggen'],
    [{ periodEnd: '2026-12-31', periodStart: '2026-12-01' }, 'periodEnd', 'De einddatum mag niet na vandaag'],
    [{ hours: '0' }, 'hours', 'Het aantal gevolgde uren moet meer dan 0 zijn'],
    [{ hours: '1001' }, 'hours', 'Het aantal gevolgde uren mag niet groter zijn dan 1000'],
    [{ hours: 'veel' }, 'hours', 'Het aantal gevolgde uren moet een getal zijn'],
    [{ plannedHours: '30' }, 'plannedHours', 'Het aantal geplande uren mag niet kleiner zijn'],
    [{ kind: 'PARTICIPATION' }, 'activityKindId', 'Kies de activiteit: die is verplicht bij participatie'],
    [{ periodStart: '31-02-2026' }, 'periodStart', 'De begindatum is geen geldige datum'],
  ])('refuses %o with a Dutch message next to the field and keeps the input', async (change, field, message) => {
    const { ctx, id, agent, csrf } = await setup();
    const res = await agent
      .post(`/clients/${id}/hours`)
      .type('form')
      .send({ _csrf: csrf, ...valid, note: 'mijn toelichting', ...change });
    expect(res.status).toBe(400);
    expect(res.text).toContain(message);
    expect(res.text).toContain(`id="veld-${field}-fout"`);
    expect(res.text).toContain('mijn toelichting');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM hour_entries').pluck().get()).toBe(0);
  });

  it('requires an activity for participation and stores it', async () => {
    const { ctx, id, agent, csrf, activityId } = await setup();
    const res = await agent
      .post(`/clients/${id}/hours`)
      .type('form')
      .send({ _csrf: csrf, ...valid, kind: 'PARTICIPATION', activityKindId: String(activityId), plannedHours: '' });
    expect(res.status).toBe(303);
    const page = await agent.get(`/clients/${id}/hours`);
    expect(page.text).toContain('Vrijwilligerswerk');
    expect(status(ctx.db, id).participation_total).toBe(40);
  });

  it('edits with the version, records the history, refuses a stale version', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const hid = addHours(ctx.db, id, 'LANGUAGE', 40, ctx.users.consulent);
    const form = await agent.get(`/clients/${id}/hours/${hid}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="version" value="1"');
    const ok = await agent
      .post(`/clients/${id}/hours/${hid}/edit`)
      .type('form')
      .send({ _csrf: csrf, ...valid, hours: '45', plannedHours: '', version: '1' });
    expect(ok.status).toBe(303);
    expect(status(ctx.db, id).language_hours).toBe(45);
    const stale = await agent
      .post(`/clients/${id}/hours/${hid}/edit`)
      .type('form')
      .send({ _csrf: csrf, ...valid, hours: '50', plannedHours: '', version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Iemand anders heeft deze urenregel intussen gewijzigd');
    expect(status(ctx.db, id).language_hours).toBe(45);
    const page = await agent.get(`/clients/${id}/hours/${hid}/edit`);
    expect(page.text).toContain('Gewijzigd');
    expect(withCharacters(page.text)).toMatch(/Gevolgd: 40 → 45/);
  });

  it('removes with a reason (soft delete) and the totals drop', async () => {
    const { ctx, id, agent, csrf } = await setup();
    const hid = addHours(ctx.db, id, 'LANGUAGE', 40, ctx.users.consulent);
    const noReason = await agent.post(`/clients/${id}/hours/${hid}/delete`).type('form').send({ _csrf: csrf, version: '1' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Vul de reden van verwijderen in');
    const res = await agent
      .post(`/clients/${id}/hours/${hid}/delete`)
      .type('form')
      .send({ _csrf: csrf, version: '1', reason: 'Dubbel ingevoerd' });
    expect(res.status).toBe(303);
    const row = ctx.db.prepare('SELECT deleted_at FROM hour_entries WHERE id = ?').get(hid) as { deleted_at: string };
    expect(row.deleted_at).not.toBeNull();
    expect(status(ctx.db, id).language_hours).toBe(0);
    const page = await agent.get(`/clients/${id}/hours/${hid}/edit`);
    expect(page.text).toContain('Reden: Dubbel ingevoerd');
    expect(page.text).toContain('is verwijderd');
  });

  it('refuses new hours for a closed client but keeps the page readable', async () => {
    const { ctx, id, agent, csrf } = await setup();
    ctx.db.prepare("UPDATE clients SET closed_on = '2026-11-01', closure_reason = 'COMPLETED' WHERE id = ?").run(id);
    const res = await agent.post(`/clients/${id}/hours`).type('form').send({ _csrf: csrf, ...valid });
    expect(res.status).toBe(409);
    expect(res.text).toContain('is afgesloten op 1 november 2026');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM hour_entries').pluck().get()).toBe(0);
    const page = await agent.get(`/clients/${id}/hours`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Uren opslaan');
  });

  it('access: other team 404 without data, admin 403, anonymous to log-in', async () => {
    const { ctx, id } = await setup();
    const other = await ctx.login('otherConsulent');
    const res = await other.agent.get(`/clients/${id}/hours`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Testa');
    const post = await other.agent.post(`/clients/${id}/hours`).type('form').send({ _csrf: other.csrf, ...valid });
    expect(post.status).toBe(404);
    const admin = await ctx.login('admin');
    expect((await admin.agent.get(`/clients/${id}/hours`)).status).toBe(403);
    const anon = await request(ctx.app).get(`/clients/${id}/hours`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/login');
    const teamleider = await ctx.login('teamleider');
    expect((await teamleider.agent.get(`/clients/${id}/hours`)).status).toBe(200);
  });

  it('shows a client without a route without failing', async () => {
    const { ctx, agent } = await setup();
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    const res = await agent.get(`/clients/${id}/hours`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Nog geen route gekozen');
  });
});
