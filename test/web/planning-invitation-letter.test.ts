import { beforeEach, describe, expect, it } from 'vitest';
import { type AppointmentInput, findAppointment, insertAppointment } from '../../src/db/appointments.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';
import { pdfWords } from '../helpers/pdf-text.js';

const appointment = (over: Partial<AppointmentInput> = {}): AppointmentInput => ({
  kind: 'VOORTGANG',
  startsAt: '2026-12-08T09:30',
  durationMinutes: 60,
  mode: 'OFFICE',
  place: 'Stadskantoor, Markt 1 (kamer 2.14)',
  interpreterLanguage: 'Tigrinya',
  interpreterBooked: true,
  others: null,
  invitationSentOn: null,
  invitationMethod: null,
  ...over,
});

describe('the invitation letter of an appointment (issue 24 with the letters of issue 19)', () => {
  let ctx: TestContext;
  let clientId: number;
  let aid: number;
  const documents = () => ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    aid = insertAppointment(ctx.db, clientId, ctx.users.consulent, appointment(), ctx.users.consulent, '2026-11-24T09:00:00.000Z');
  });

  it('the appointment page links to the letter form, which is prefilled from the appointment', async () => {
    const { agent } = await ctx.login('consulent');
    const page = await agent.get(`/clients/${clientId}/appointments/${aid}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/clients/${clientId}/letters/uitnodiging-voortgang?appointment=${aid}"`);
    expect(page.text).toContain('Uitnodigingsbrief maken');
    expect(page.text).not.toContain('Uitnodiging afdrukken');
    const form = await agent.get(`/clients/${clientId}/letters/uitnodiging-voortgang?appointment=${aid}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="2026-12-08"');
    expect(form.text).toContain('value="09:30"');
    expect(form.text).toContain('Stadskantoor, Markt 1 (kamer 2.14)');
    expect(form.text).toContain('value="Tigrinya"');
    expect(form.text).toMatch(/id="veld-interpreter" name="interpreter" value="on" checked/);
    expect(form.text).toContain(`name="appointmentId" value="${aid}"`);
  });

  it('making it stores a "brief" document, links it on the appointment, and its PDF has the date and place', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent.post(`/clients/${clientId}/letters/uitnodiging-voortgang`).type('form').send({
      _csrf: csrf,
      appointmentId: String(aid),
      letterDate: '2026-11-24',
      meetingDate: '2026-12-08',
      meetingTime: '09:30',
      place: 'Stadskantoor, Markt 1 (kamer 2.14)',
      interpreter: 'on',
      interpreterLanguage: 'Tigrinya',
      bring: 'uw paspoort',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/clients/${clientId}/appointments/${aid}`);
    const doc = ctx.db.prepare("SELECT d.id, t.code FROM documents d JOIN document_types t ON t.id = d.type_id").get() as { id: number; code: string };
    expect(doc.code).toBe('BRIEF');
    const a = findAppointment(ctx.db, clientId, aid)!;
    expect(a.invitationDocumentId).toBe(doc.id);
    expect(a.invitationSentOn).toBeNull(); // sending is still recorded by the consulent, with the date and the method
    const page = await agent.get(`/clients/${clientId}/appointments/${aid}`);
    expect(page.text).toContain(`href="/clients/${clientId}/documents/${doc.id}"`);
    expect(page.text).toContain('Nieuwe uitnodigingsbrief maken');
    const file = await agent
      .get(`/clients/${clientId}/documents/${doc.id}/file`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    const text = pdfWords(file.body as Buffer);
    expect(text).toContain('Datum: 8 december 2026');
    expect(text).toContain('Tijd: 09:30 uur');
    expect(text).toContain('Plaats: Stadskantoor, Markt 1 (kamer 2.14)');
    expect(text).toContain('Bij het gesprek is een tolk Tigrinya');
  });

  it("another team's appointment id is refused (404): nothing prefilled, nothing stored or linked", async () => {
    const otherClient = zRouteClient(ctx.db, ctx.teamB, ctx.users.otherConsulent);
    const otherAid = insertAppointment(
      ctx.db,
      otherClient,
      ctx.users.otherConsulent,
      appointment({ place: 'Geheime locatie Zuid', interpreterLanguage: 'Dari' }),
      ctx.users.otherConsulent,
      '2026-11-24T09:00:00.000Z',
    );
    const { agent, csrf } = await ctx.login('consulent');
    const form = await agent.get(`/clients/${clientId}/letters/uitnodiging-voortgang?appointment=${otherAid}`);
    expect(form.status).toBe(404);
    expect(form.text).not.toContain('Geheime locatie Zuid');
    expect(form.text).not.toContain('Dari');
    const res = await agent.post(`/clients/${clientId}/letters/uitnodiging-voortgang`).type('form').send({
      _csrf: csrf,
      appointmentId: String(otherAid),
      letterDate: '2026-11-24',
      meetingDate: '2026-12-08',
      meetingTime: '09:30',
      place: 'Stadskantoor',
    });
    expect(res.status).toBe(404);
    expect(documents()).toBe(0);
    expect(findAppointment(ctx.db, otherClient, otherAid)!.invitationDocumentId).toBeNull();
    // An appointment of another kind than the letter invites to is not found either.
    expect((await agent.get(`/clients/${clientId}/letters/uitnodiging-eind?appointment=${aid}`)).status).toBe(404);
  });

  it('kinds without a letter template keep the print view', async () => {
    const hh = insertAppointment(ctx.db, clientId, ctx.users.consulent, appointment({ kind: 'HANDHAVING' }), ctx.users.consulent, '2026-11-24T09:00:00.000Z');
    const { agent } = await ctx.login('consulent');
    const page = await agent.get(`/clients/${clientId}/appointments/${hh}`);
    expect(page.text).toContain('Uitnodiging afdrukken');
    expect(page.text).not.toContain('Uitnodigingsbrief maken');
  });
});
