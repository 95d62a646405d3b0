import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { addConversation, zRouteClient } from '../helpers/fixtures.js';
import { pdfText, pdfWords } from '../helpers/pdf-text.js';

const PIP_CONTENT = {
  route: 'Z',
  languageGoal: 'Nederlands op niveau A2 spreken en verstaan',
  participationGoals: 'Vrijwilligerswerk in de buurt doen',
  hoursPerWeekLanguage: 6,
  domainGoals: [{ leefdomeinId: 1, leefdomein: 'Werk en inkomen', goal: 'Een cv maken met de participatiecoach', targetOn: '2027-03-01' }],
  pvtCoreValue: 'VRIJHEID',
  pvtSigningPlannedOn: '2027-01-15',
};

async function setup() {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  ctx.db
    .prepare("UPDATE clients SET first_name = 'Amira', last_name = 'Haddad', address = 'Lindelaan 4', postcode = '1234 AB', city = 'Koersdam' WHERE id = ?")
    .run(id);
  ctx.db.prepare('UPDATE pip_versions SET content = ? WHERE client_id = ?').run(JSON.stringify(PIP_CONTENT), id);
  const login = await ctx.login('consulent');
  return { ctx, id, ...login };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function pdfOf(s: Setup, location: string): Promise<Buffer> {
  const docId = Number(location.split('/').pop());
  const res = await s.agent
    .get(`/clients/${s.id}/documents/${docId}/file`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return res.body as Buffer;
}

describe('letters', () => {
  it('the PIP beschikking names the client, the route, the termijn end, the plan’s goals and the bezwaar clause', async () => {
    const s = await setup();
    const form = await s.agent.get(`/clients/${s.id}/letters/pip-beschikking`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Versie 1, vastgesteld op 3 maart 2025');
    const res = await s.agent.post(`/clients/${s.id}/letters/pip-beschikking`).type('form').send({ _csrf: s.csrf, letterDate: '2026-11-24', pipVersionNo: '1' });
    expect(res.status).toBe(303);
    const termijnEnd = s.ctx.db.prepare('SELECT termijn_end FROM client_status WHERE client_id = ?').pluck().get(s.id) as string;
    expect(termijnEnd).toBe('2028-03-03');
    const pdf = await pdfOf(s, res.headers.location!);
    const text = pdfWords(pdf);
    expect(text).toContain('Amira Haddad');
    expect(text).toContain('Lindelaan 4');
    expect(text).toContain('U volgt de Z-route');
    expect(text).toContain('vóór 3 maart 2028');
    expect(text).toContain('Taal leren: Nederlands op niveau A2 spreken en verstaan (6 uur per week)');
    expect(text).toContain('Meedoen: Vrijwilligerswerk in de buurt doen');
    expect(text).toContain('Werk en inkomen: Een cv maken met de participatiecoach (klaar op 1 maart 2027)');
    expect(text).toContain('Bezwaar maken');
    expect(text).toContain('binnen zes weken na de datum van deze brief, dus uiterlijk op 5 januari 2027');
    expect(text).toContain('College van burgemeester en wethouders van de gemeente Koersdam');
    expect(text).toContain('Postbus 100');
    expect(pdfText(pdf)).toMatch(/Datum:\s+24 november 2026/);
    // Stored as a document of type "brief", with the data it was made from.
    const doc = s.ctx.db
      .prepare("SELECT d.description, t.code, v.letter_data AS letterData, v.file_name AS fileName FROM documents d JOIN document_types t ON t.id = d.type_id JOIN document_versions v ON v.document_id = d.id")
      .get() as { description: string; code: string; letterData: string; fileName: string };
    expect(doc).toMatchObject({ description: 'Beschikking PIP (versie 1)', code: 'BRIEF', fileName: 'brief-pip-beschikking-2026-11-24.pdf' });
    const data = JSON.parse(doc.letterData) as { template: { kind: string; versionNo: number }; data: Record<string, string> };
    expect(data.template).toEqual({ kind: 'PIP_BESCHIKKING', versionNo: 0, senderVersionNo: 0 });
    expect(data.data).toMatchObject({ naam: 'Amira Haddad', route: 'Z-route', termijnEinde: '3 maart 2028' });
    expect(s.ctx.db.prepare("SELECT summary FROM client_events WHERE kind = 'DOCUMENT'").pluck().all()).toEqual(['Brief gemaakt: Beschikking PIP (versie 1)']);
    expect(s.ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'brief-gemaakt' AND client_id = ?").pluck().get(s.id)).toBe(1);
  });

  it('an invitation carries the date, the time, the place, the interpreter and what to bring', async () => {
    const s = await setup();
    const res = await s.agent.post(`/clients/${s.id}/letters/uitnodiging-pre-eind`).type('form').send({
      _csrf: s.csrf,
      letterDate: '2026-11-24',
      meetingDate: '2026-12-08',
      meetingTime: '9.30',
      place: 'Stadskantoor, Markt 1, Koersdam (kamer 2.14)',
      interpreter: 'on',
      interpreterLanguage: 'Arabisch',
      bring: 'uw paspoort\nhet eindrapport van de taalschool',
    });
    expect(res.status).toBe(303);
    const text = pdfWords(await pdfOf(s, res.headers.location!));
    expect(text).toContain('Uitnodiging voor het pre-eindgesprek op 8 december 2026');
    expect(text).toContain('Datum: 8 december 2026');
    expect(text).toContain('Tijd: 09:30 uur');
    expect(text).toContain('Plaats: Stadskantoor, Markt 1, Koersdam (kamer 2.14)');
    expect(text).toContain('Bij het gesprek is een tolk Arabisch');
    expect(text).toContain('het eindrapport van de taalschool');
    expect(s.ctx.db.prepare('SELECT description FROM documents').pluck().get()).toBe('Uitnodiging pre-eindgesprek op 8 december 2026 om 09:30 uur');
  });

  it('an invitation needs a date (not in the past), a time and a place', async () => {
    const s = await setup();
    const badTime = await s.agent.post(`/clients/${s.id}/letters/uitnodiging-voortgang`).type('form').send({ _csrf: s.csrf, letterDate: '2026-11-24', meetingTime: '25:00' });
    expect(badTime.status).toBe(400);
    expect(badTime.text).toContain('Vul de tijd in als uu:mm');
    const res = await s.agent.post(`/clients/${s.id}/letters/uitnodiging-voortgang`).type('form').send({ _csrf: s.csrf, letterDate: '2026-11-24', meetingDate: '2026-11-01', meetingTime: '10:00' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('De datum van het gesprek mag niet voor vandaag (24 november 2026) liggen');
    expect(res.text).toContain('Vul de plaats van het gesprek in');
    expect(s.ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
  });

  it('confirms the afsprakenplan of a pre-eindgesprek, linked to that conversation', async () => {
    const s = await setup();
    const conv = addConversation(s.ctx.db, s.id, 'PRE_EIND', '2026-11-10', s.ctx.users.consulent);
    s.ctx.db
      .prepare("INSERT INTO agreements (client_id, conversation_id, description, owner, due_on, status, created_by, created_at, updated_at) VALUES (?, ?, 'Inschrijven bij het ROC', 'CLIENT', '2027-01-31', 'OPEN', ?, 'x', 'x')")
      .run(s.id, conv, s.ctx.users.consulent);
    const res = await s.agent.post(`/clients/${s.id}/letters/afsprakenplan`).type('form').send({ _csrf: s.csrf, letterDate: '2026-11-24', conversationId: String(conv) });
    expect(res.status).toBe(303);
    const text = pdfWords(await pdfOf(s, res.headers.location!));
    expect(text).toContain('Op 10 november 2026 had u het pre-eindgesprek');
    expect(text).toContain('Inschrijven bij het ROC (wie: cliënt, klaar op 31 januari 2027)');
    expect(s.ctx.db.prepare('SELECT link_table, link_id FROM documents').get()).toEqual({ link_table: 'conversations', link_id: conv });
  });

  it('the PIP beschikking needs a PIP', async () => {
    const s = await setup();
    s.ctx.db.prepare('DELETE FROM pip_versions WHERE client_id = ?').run(s.id);
    const res = await s.agent.post(`/clients/${s.id}/letters/pip-beschikking`).type('form').send({ _csrf: s.csrf, letterDate: '2026-11-24' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Er is nog geen PIP vastgesteld');
  });

  it('other team 404, admin 403, unknown letter 404', async () => {
    const s = await setup();
    const other = await s.ctx.login('otherConsulent');
    expect((await other.agent.get(`/clients/${s.id}/letters`)).status).toBe(404);
    expect((await other.agent.post(`/clients/${s.id}/letters/pip-beschikking`).type('form').send({ _csrf: other.csrf, letterDate: '2026-11-24' })).status).toBe(404);
    const admin = await s.ctx.login('admin');
    expect((await admin.agent.get(`/clients/${s.id}/letters/pip-beschikking`)).status).toBe(403);
    expect((await s.agent.get(`/clients/${s.id}/letters/afzender`)).status).toBe(404);
    expect(s.ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
  });
});

describe('letter templates (functioneel beheer)', () => {
  async function admin() {
    const s = await setup();
    const a = await s.ctx.login('admin');
    return { ...s, admin: a };
  }

  it('a template with an unknown placeholder is refused with a Dutch message, nothing saved', async () => {
    const s = await admin();
    const res = await s.admin.agent.post('/admin/letters/uitnodiging-voortgang').type('form').send({
      _csrf: s.admin.csrf,
      basedOn: '0',
      'fields[onderwerp]': 'Uitnodiging op {{gespreksdatum}}',
      'fields[tekst]': 'Beste {{naam}}, kom op {{gespreksdatum}} om {{tijdstip}} naar {{plaats}}.',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Onbekend veld {{tijdstip}}. U kunt deze velden gebruiken: {{naam}}');
    expect(res.text).toContain('Beste {{naam}}, kom op {{gespreksdatum}} om {{tijdstip}}'); // input kept
    expect(s.ctx.db.prepare('SELECT COUNT(*) FROM letter_template_versions').pluck().get()).toBe(0);
  });

  it('refuses unpaired braces and an empty bezwaar clause', async () => {
    const s = await admin();
    const res = await s.admin.agent.post('/admin/letters/pip-beschikking').type('form').send({
      _csrf: s.admin.csrf,
      basedOn: '0',
      'fields[onderwerp]': 'Besluit',
      'fields[tekst]': 'Beste {{naam}, u volgt de {{route}}.',
      'fields[bezwaar]': '',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Er staat een {{ zonder }}');
    expect(res.text).toContain('Vul bezwaarclausule in');
  });

  it('saves a version; the next letter uses it and records its version; a stale save is refused', async () => {
    const s = await admin();
    const form = await s.admin.agent.get('/admin/letters/afzender');
    expect(form.status).toBe(200);
    const save = (basedOn: string, gemeente: string) =>
      s.admin.agent.post('/admin/letters/afzender').type('form').send({
        _csrf: s.admin.csrf,
        basedOn,
        'fields[gemeente]': gemeente,
        'fields[adres]': 'Postbus 7\n9999 ZZ Bergdorp',
        'fields[contact]': 'Bel 14 0999.',
        'fields[ondertekening]': 'Met vriendelijke groet,\n{{consulent}}',
        'fields[bezwaarAdres]': 'Het college van Bergdorp, Postbus 7, 9999 ZZ Bergdorp',
        note: 'Nieuwe gemeente',
      });
    expect((await save('0', 'Gemeente Bergdorp')).status).toBe(303);
    const stale = await save('0', 'Gemeente Dalstad');
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Iemand anders heeft deze brieftekst intussen opgeslagen');
    expect(s.ctx.db.prepare('SELECT version_no, created_by FROM letter_template_versions').all()).toEqual([{ version_no: 1, created_by: s.ctx.users.admin }]);
    const res = await s.agent.post(`/clients/${s.id}/letters/pip-beschikking`).type('form').send({ _csrf: s.csrf, letterDate: '2026-11-24' });
    const text = pdfWords(await pdfOf(s, res.headers.location!));
    expect(text).toContain('Gemeente Bergdorp');
    expect(text).toContain('Het college van Bergdorp, Postbus 7');
    expect(text).toContain('Test consulent');
    const data = JSON.parse(s.ctx.db.prepare('SELECT letter_data FROM document_versions').pluck().get() as string) as { template: { senderVersionNo: number } };
    expect(data.template.senderVersionNo).toBe(1);
    expect(s.ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'brieftekst-opgeslagen'").pluck().get()).toBe(1);
  });

  it('only an admin edits letter texts', async () => {
    const s = await setup();
    expect((await s.agent.get('/admin/letters')).status).toBe(403);
    expect((await s.agent.post('/admin/letters/afzender').type('form').send({ _csrf: s.csrf, basedOn: '0' })).status).toBe(403);
  });
});
