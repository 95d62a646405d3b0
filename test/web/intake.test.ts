import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { insertClient, status } from '../helpers/fixtures.js';

describe('brede intake', async () => {
  const ctx = await buildTestApp();
  const { db, users, teamA } = ctx;
  const domainIds = db.prepare('SELECT id FROM leefdomeinen WHERE active = 1 ORDER BY sort_order').pluck().all() as number[];
  const allScores = (score: string) => Object.fromEntries(domainIds.map((id) => [`score_${id}`, score]));

  it('saves a draft with what is filled, starts the intake and sets the PIP due date', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, firstName: 'Tesfay', lastName: 'Gebremedhin' });
    const { agent, csrf } = await ctx.login('consulent');
    const page = await agent.get(`/clients/${id}/intake`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('De intake is nog niet begonnen');
    expect(page.text).toContain('Financiën');
    const res = await agent
      .post(`/clients/${id}/intake`)
      .type('form')
      .send({ _csrf: csrf, version: '0', action: 'concept', workHistory: 'Boer in Eritrea', [`score_${domainIds[0]}`]: '2' });
    expect(res.status).toBe(303);
    const intake = db.prepare('SELECT * FROM intakes WHERE client_id = ?').get(id) as Record<string, unknown>;
    expect(intake.started_on).toBe('2026-11-24');
    expect(intake.completed_on).toBeNull();
    expect(intake.work_history).toBe('Boer in Eritrea');
    const s = status(db, id);
    expect(s.phase).toBe('INTAKE');
    expect(s.pip_due_on).toBe('2027-02-02'); // 10 weeks after the start of the intake
    const again = await agent.get(`/clients/${id}/intake`);
    expect(again.text).toContain('Concept.');
    expect(again.text).toContain('Boer in Eritrea');
    const audit = db.prepare('SELECT action, activity FROM audit_log WHERE client_id = ? ORDER BY id').all(id);
    expect(audit).toEqual([
      { action: 'intake-bekeken', activity: 'intake' },
      { action: 'intake-opgeslagen', activity: 'intake' },
      { action: 'intake-bekeken', activity: 'intake' },
    ]);
  });

  it('validates a draft field and keeps the input', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent
      .post(`/clients/${id}/intake`)
      .type('form')
      .send({ _csrf: csrf, version: '0', action: 'concept', leerbaarheidScore: '41', family: 'Drie kinderen' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('De score van de leerbaarheidstoets mag niet groter zijn dan 40');
    expect(res.text).toContain('Drie kinderen');
    expect(db.prepare('SELECT COUNT(*) FROM intakes WHERE client_id = ?').pluck().get(id)).toBe(0);
  });

  it('completing requires the leerbaarheidstoets and a score for every leefdomein', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent
      .post(`/clients/${id}/intake`)
      .type('form')
      .send({ _csrf: csrf, version: '0', action: 'afronden', [`score_${domainIds[0]}`]: '3', health: 'Rugklachten' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vul de score van de leerbaarheidstoets in om de intake af te ronden');
    expect(res.text).toContain('Vul de datum van de leerbaarheidstoets in');
    expect(res.text).toContain('Kies een score voor Werk en opleiding om de intake af te ronden');
    expect(res.text).not.toContain('Kies een score voor Financiën');
    expect(res.text).toContain('Rugklachten');
    const done = await agent
      .post(`/clients/${id}/intake`)
      .type('form')
      .send({
        _csrf: csrf,
        version: '0',
        action: 'afronden',
        ...allScores('3'),
        leerbaarheidScore: '24',
        leerbaarheidOn: '2026-11-10',
        highestEducation: 'PRIMARY',
        wantsEducation: 'nee',
      });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/clients/${id}/route`);
    const s = status(db, id);
    expect(s.phase).toBe('ROUTE_CHOICE');
    expect(s.intake_completed_on).toBe('2026-11-24');
    const events = db.prepare('SELECT kind, summary FROM client_events WHERE client_id = ? ORDER BY id').all(id);
    expect(events).toEqual([
      { kind: 'INTAKE_STARTED', summary: 'Brede intake begonnen' },
      { kind: 'INTAKE_COMPLETED', summary: 'Brede intake afgerond (leerbaarheidstoets 24 van 40)' },
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM intake_scores s JOIN intakes i ON i.id = s.intake_id WHERE i.client_id = ?').pluck().get(id)).toBe(
      domainIds.length,
    );
  });

  it('refuses a save on a stale version', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent });
    const a = await ctx.login('consulent');
    const b = await ctx.login('teamleider');
    expect((await a.agent.post(`/clients/${id}/intake`).type('form').send({ _csrf: a.csrf, version: '0', action: 'concept', family: 'A' })).status).toBe(303);
    const stale = await b.agent
      .post(`/clients/${id}/intake`)
      .type('form')
      .send({ _csrf: b.csrf, version: '0', action: 'concept', family: 'Typwerk van B' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('iemand anders heeft de intake net opgeslagen');
    expect(stale.text).toContain('Typwerk van B');
    expect(db.prepare('SELECT family FROM intakes WHERE client_id = ?').pluck().get(id)).toBe('A');
  });

  it('guards access', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Intakegeheim' });
    const other = await (await ctx.login('otherConsulent')).agent.get(`/clients/${id}/intake`);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain('Intakegeheim');
    expect((await (await ctx.login('admin')).agent.get(`/clients/${id}/intake`)).status).toBe(403);
    const anon = await request(ctx.app).get(`/clients/${id}/intake`);
    expect(anon.headers.location).toBe('/login');
    db.prepare("UPDATE clients SET closed_on = '2026-01-01' WHERE id = ?").run(id);
    const { agent, csrf } = await ctx.login('consulent');
    const closed = await agent.post(`/clients/${id}/intake`).type('form').send({ _csrf: csrf, version: '0', action: 'concept' });
    expect(closed.status).toBe(409);
    expect(closed.text).toContain('afgesloten');
  });
});
