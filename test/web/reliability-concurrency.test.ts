// Two users editing the same record: the second save (with the old version) is refused with a clear Dutch
// message, nothing of it is saved, and the text they typed is shown back so they can compare and retry.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { expectKept } from '../helpers/form-assertions.js';
import { addAgreement, addHours, completeIntake, insertClient, zRouteClient } from '../helpers/fixtures.js';

describe('reliability: concurrent edits (optimistic locking on version)', async () => {
  const ctx = await buildTestApp();
  const first = await ctx.login('consulent');
  const second = await ctx.login('teamleider');

  it('client edit', async () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName: 'Origineel' });
    const number = ctx.db.prepare('SELECT client_number FROM clients WHERE id = ?').pluck().get(id) as string;
    const body = (o: Record<string, string>) => ({ firstName: 'Testa', lastName: 'Origineel', birthDate: '1990-05-17', clientNumber: number, doelgroep: 'ASIELSTATUSHOUDER', linkedOn: '2025-01-06', consulentId: String(ctx.users.consulent), version: '1', ...o });
    expect((await first.agent.post(`/clients/${id}/edit`).type('form').send({ _csrf: first.csrf, ...body({ address: 'Eerste straat 1' }) })).status).toBe(303);
    const res = await second.agent.post(`/clients/${id}/edit`).type('form').send({ _csrf: second.csrf, ...body({ address: 'Tweede laan 2' }) });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/intussen|tegelijk|iemand anders/i);
    expectKept(res.text, 'address', 'Tweede laan 2');
    expect(ctx.db.prepare('SELECT address, version FROM clients WHERE id = ?').get(id)).toEqual({ address: 'Eerste straat 1', version: 2 });
  });

  it('intake', async () => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent });
    completeIntake(ctx.db, id, '2026-09-01', null);
    const save = (a: typeof first, text: string) =>
      a.agent.post(`/clients/${id}/intake`).type('form').send({ _csrf: a.csrf, version: '1', workHistory: text });
    expect((await save(first, 'Kok in een restaurant')).status).toBe(303);
    const res = await save(second, 'Monteur bij een garage');
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/intussen|tegelijk|iemand anders/i);
    expectKept(res.text, 'workHistory', 'Monteur bij een garage');
    expect(ctx.db.prepare('SELECT work_history FROM intakes WHERE client_id = ?').pluck().get(id)).toBe('Kok in een restaurant');
  });

  it('hour entry', async () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const hourId = addHours(ctx.db, id, 'LANGUAGE', 4, ctx.users.consulent);
    const save = (a: typeof first, hours: string, note: string) =>
      a.agent
        .post(`/clients/${id}/hours/${hourId}/edit`)
        .type('form')
        .send({ _csrf: a.csrf, kind: 'LANGUAGE', periodStart: '2026-10-01', periodEnd: '2026-10-31', hours, note, version: '1' });
    expect((await save(first, '6', 'Eerste correctie')).status).toBe(303);
    const res = await save(second, '9', 'Tweede correctie');
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/intussen gewijzigd/);
    expect(res.text).toContain('niet opgeslagen');
    expectKept(res.text, 'note', 'Tweede correctie');
    expectKept(res.text, 'hours', '9');
    expect(ctx.db.prepare('SELECT hours, note, version FROM hour_entries WHERE id = ?').get(hourId)).toEqual({ hours: 6, note: 'Eerste correctie', version: 2 });
  });

  it('agreement status', async () => {
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const agreementId = addAgreement(ctx.db, id, '2026-12-20', ctx.users.consulent);
    const save = (a: typeof first, status: string, note: string) =>
      a.agent.post(`/clients/${id}/agreements/${agreementId}/status`).type('form').send({ _csrf: a.csrf, status, note, version: '1' });
    expect((await save(first, 'GEREALISEERD', 'Pas is gehaald')).status).toBe(303);
    const res = await save(second, 'LOOPT_ACHTER', 'Nog geen afspraak bij de bibliotheek');
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/intussen gewijzigd/);
    expect(res.text).toContain('Nog geen afspraak bij de bibliotheek');
    expect(ctx.db.prepare('SELECT status, version FROM agreements WHERE id = ?').get(agreementId)).toEqual({ status: 'GEREALISEERD', version: 2 });
  });
});
