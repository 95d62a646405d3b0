import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { addAgreement, addHours, insertClient, zRouteClient } from '../helpers/fixtures.js';
import { buildTestApp } from '../helpers/app.js';

const VALID_BSN = '123456782';

function form(overrides: Record<string, string> = {}) {
  return {
    firstName: 'Amina',
    lastName: 'Haddad',
    birthDate: '1991-03-14',
    bsn: '',
    clientNumber: 'K-1001',
    doelgroep: 'ASIELSTATUSHOUDER',
    linkedOn: '2026-10-01',
    address: 'Lindelaan 4',
    postcode: '1234ab',
    city: 'Koersdam',
    phone: '06 12345678',
    email: '',
    preferredLanguage: 'Arabisch',
    interpreterNeeded: 'on',
    consulentId: '',
    ...overrides,
  };
}

describe('client registration and list', async () => {
  const ctx = await buildTestApp();
  const { db, users, teamA, teamB } = ctx;

  it('registers a client, writes the timeline and status, and shows the dossier', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    const page = await agent.get('/clients/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nieuwe cliënt aanmelden');
    const res = await agent
      .post('/clients/new')
      .type('form')
      .send({ _csrf: csrf, ...form({ bsn: VALID_BSN, consulentId: String(users.consulent) }) });
    expect(res.status).toBe(303);
    const id = Number(String(res.headers.location).split('/').pop());
    const row = db.prepare('SELECT * FROM clients WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row.postcode).toBe('1234 AB');
    expect(row.team_id).toBe(teamA);
    expect(row.bsn).toBe(VALID_BSN);
    const status = db.prepare('SELECT phase FROM client_status WHERE client_id = ?').get(id) as { phase: string };
    expect(status.phase).toBe('INTAKE');
    const ev = db.prepare("SELECT kind FROM client_events WHERE client_id = ?").all(id) as { kind: string }[];
    expect(ev.map((e) => e.kind)).toEqual(['CLIENT_REGISTERED']);
    const show = await agent.get(`/clients/${id}`);
    expect(show.status).toBe(200);
    expect(show.text).toContain('Amina Haddad');
    expect(show.text).toContain('Brede intake starten');
    expect(show.text).toContain('aria-current="page">Overzicht');
    const audit = db.prepare("SELECT action FROM audit_log WHERE client_id = ? ORDER BY id").all(id) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['client-aangemeld', 'dossier-bekeken']);
  });

  it('keeps the input and explains a bad BSN next to the field', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent
      .post('/clients/new')
      .type('form')
      .send({ _csrf: csrf, ...form({ bsn: '123456789', clientNumber: 'K-BAD-1', firstName: 'Yonas' }) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Dit BSN klopt niet (elfproef)');
    expect(res.text).toMatch(/id="veld-bsn-fout"/);
    expect(res.text).toContain('value="Yonas"');
    expect(res.text).toContain('value="K-BAD-1"');
    expect(res.text).toContain('value="Lindelaan 4"');
    expect(db.prepare("SELECT COUNT(*) FROM clients WHERE client_number = 'K-BAD-1'").pluck().get()).toBe(0);
  });

  it('requires the mandatory fields and refuses duplicates', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    const empty = await agent.post('/clients/new').type('form').send({ _csrf: csrf, firstName: 'Lena' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Vul de achternaam in');
    expect(empty.text).toContain('Vul het klantnummer in');
    expect(empty.text).toContain('Kies een doelgroep');
    expect(empty.text).toContain('value="Lena"');
    insertClient(db, { teamId: teamB, consulentId: users.otherConsulent, bsn: '111222333' });
    const taken = db.prepare('SELECT client_number FROM clients ORDER BY id DESC LIMIT 1').pluck().get() as string;
    const dup = await agent
      .post('/clients/new')
      .type('form')
      .send({ _csrf: csrf, ...form({ clientNumber: taken, bsn: '111222333' }) });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('Dit klantnummer is al in gebruik');
    expect(dup.text).toContain('Dit BSN is al geregistreerd');
  });

  it('refuses a consulent of another team as assignee', async () => {
    const { agent, csrf } = await ctx.login('consulent');
    const res = await agent
      .post('/clients/new')
      .type('form')
      .send({ _csrf: csrf, ...form({ clientNumber: 'K-X-2', consulentId: String(users.otherConsulent) }) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Kies een consulent van uw team');
  });

  it('lists own clients by default, the team on the toggle, sorted by name, with search', async () => {
    insertClient(db, { teamId: teamA, consulentId: users.consulent, firstName: 'Zara', lastName: 'Abebe' });
    insertClient(db, { teamId: teamA, consulentId: users.consulent2, firstName: 'Olena', lastName: 'Kovalenko' });
    insertClient(db, { teamId: teamB, consulentId: users.otherConsulent, firstName: 'Hidden', lastName: 'Otherteam' });
    const { agent } = await ctx.login('consulent');
    const mine = await agent.get('/clients');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('Abebe, Zara');
    expect(mine.text).not.toContain('Kovalenko');
    expect(mine.text).not.toContain('Otherteam');
    const team = await agent.get('/clients?scope=team');
    expect(team.text).toContain('Kovalenko, Olena');
    expect(team.text).not.toContain('Otherteam');
    expect(team.text.indexOf('Abebe')).toBeLessThan(team.text.indexOf('Kovalenko'));
    const search = await agent.get('/clients?scope=team&q=kova');
    expect(search.text).toContain('Kovalenko');
    expect(search.text).not.toContain('Abebe');
    const tl = await (await ctx.login('teamleider')).agent.get('/clients');
    expect(tl.text).toContain('Kovalenko');
    expect(tl.text).toContain('Abebe');
  });

  it('finds a client by exact BSN only for the own consulent', async () => {
    insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Bsnvinder', bsn: '999999990' });
    const own = await (await ctx.login('consulent')).agent.get('/clients?q=999999990');
    expect(own.text).toContain('Bsnvinder');
    const tl = await (await ctx.login('teamleider')).agent.get('/clients?q=999999990');
    expect(tl.text).not.toContain('Bsnvinder');
    const part = await (await ctx.login('consulent')).agent.get('/clients?q=99999');
    expect(part.text).not.toContain('Bsnvinder');
  });

  it('paginates the list', async () => {
    for (let i = 0; i < 30; i++) {
      insertClient(db, { teamId: teamA, consulentId: users.consulent2, lastName: `Pagina${String(i).padStart(2, '0')}` });
    }
    const { agent } = await ctx.login('consulent2');
    const p1 = await agent.get('/clients');
    expect(p1.text).toContain('Pagina 1 van 2');
    expect(p1.text).toContain('Pagina00');
    expect(p1.text).not.toContain('Pagina29');
    const p2 = await agent.get('/clients?page=2');
    expect(p2.text).toContain('Pagina29');
  });

  it('masks the BSN for the teamleider and another consulent, shows it to the own consulent', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Maskering', bsn: '231456840' });
    const own = await (await ctx.login('consulent')).agent.get(`/clients/${id}/details`);
    expect(own.text).toContain('231456840');
    for (const who of ['teamleider', 'consulent2']) {
      const res = await (await ctx.login(who)).agent.get(`/clients/${id}/details`);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('231456840');
      expect(res.text).toContain('*****6840');
      const edit = await (await ctx.login(who)).agent.get(`/clients/${id}/edit`);
      expect(edit.text).not.toContain('231456840');
    }
  });

  it('guards access: other team 404 without the name, admin 403, anonymous to log-in', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, firstName: 'Geheim', lastName: 'Persoon' });
    for (const path of [`/clients/${id}`, `/clients/${id}/details`, `/clients/${id}/edit`]) {
      const other = await (await ctx.login('otherConsulent')).agent.get(path);
      expect(other.status).toBe(404);
      expect(other.text).not.toContain('Geheim');
      const admin = await (await ctx.login('admin')).agent.get(path);
      expect(admin.status).toBe(403);
      const anon = await request(ctx.app).get(path);
      expect(anon.status).toBe(303);
      expect(anon.headers.location).toBe('/login');
    }
    expect((await (await ctx.login('admin')).agent.get('/clients')).status).toBe(403);
    const { agent, csrf } = await ctx.login('otherConsulent');
    const post = await agent.post(`/clients/${id}/edit`).type('form').send({ _csrf: csrf, ...form(), version: '1' });
    expect(post.status).toBe(404);
  });

  it('refuses an edit on a stale version and shows the typed text back', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, firstName: 'Omar', lastName: 'Concurrent' });
    const a = await ctx.login('consulent');
    const b = await ctx.login('teamleider');
    const first = await a.agent
      .post(`/clients/${id}/edit`)
      .type('form')
      .send({ _csrf: a.csrf, ...form({ firstName: 'Omar', lastName: 'Concurrent', clientNumber: 'K-C-1', phone: '0611111111' }), consulentId: String(users.consulent), version: '1' });
    expect(first.status).toBe(303);
    const second = await b.agent
      .post(`/clients/${id}/edit`)
      .type('form')
      .send({ _csrf: b.csrf, ...form({ firstName: 'Omar', lastName: 'Concurrent', clientNumber: 'K-C-1', city: 'Mijn-Typwerk' }), version: '1' });
    expect(second.status).toBe(409);
    expect(second.text).toContain('iemand anders heeft deze gegevens net gewijzigd');
    expect(second.text).toContain('value="Mijn-Typwerk"');
    expect(second.text).toContain('name="version" value="2"');
    const row = db.prepare('SELECT city, phone, version FROM clients WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toEqual({ city: 'Koersdam', phone: '0611111111', version: 2 });
  });

  it('logs contact attempts and warns when only an address is known', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Alleenadres' });
    const { agent, csrf } = await ctx.login('consulent');
    const show = await agent.get(`/clients/${id}`);
    expect(show.text).toContain('Alleen een adres bekend');
    const bad = await agent
      .post(`/clients/${id}/contact-attempts`)
      .type('form')
      .send({ _csrf: csrf, attemptedOn: '2026-11-20', channel: 'BRIEF', note: 'Brief over intake' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Kies of u de cliënt heeft bereikt');
    expect(bad.text).toContain('Brief over intake');
    const ok = await agent
      .post(`/clients/${id}/contact-attempts`)
      .type('form')
      .send({ _csrf: csrf, attemptedOn: '2026-11-20', channel: 'HUISBEZOEK', reached: 'nee', note: 'Niemand thuis' });
    expect(ok.status).toBe(303);
    const details = await agent.get(`/clients/${id}/details`);
    expect(details.text).toContain('Niemand thuis');
    const overview = await agent.get(`/clients/${id}`);
    expect(overview.text).toContain('Contactpoging via huisbezoek: niet bereikt');
  });

  it('shows the eligibility panel, agreements and the timeline on the overview', async () => {
    const id = zRouteClient(db, teamA, users.consulent);
    addHours(db, id, 'LANGUAGE', 450, users.consulent, '2026-10-31');
    addAgreement(db, id, '2026-11-01', users.consulent);
    const { refreshClientStatus } = await import('../../src/db/client-status.js');
    refreshClientStatus(db, id, '2026-11-24');
    const res = await (await ctx.login('consulent')).agent.get(`/clients/${id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Pre-eindgesprek');
    expect(res.text).toContain('<meter class="koers-meter" min="0" max="800" value="450"');
    expect(res.text).toContain('Testafspraak');
    expect(res.text).toContain('verlopen');
    expect(res.text).toContain('Einde termijn');
  });

  it('makes closed dossiers read-only', async () => {
    const id = insertClient(db, { teamId: teamA, consulentId: users.consulent, lastName: 'Gesloten' });
    db.prepare("UPDATE clients SET closed_on = '2026-06-01' WHERE id = ?").run(id);
    const { agent, csrf } = await ctx.login('consulent');
    const edit = await agent.get(`/clients/${id}/edit`);
    expect(edit.status).toBe(409);
    expect(edit.text).toContain('Dit dossier is afgesloten');
    const post = await agent
      .post(`/clients/${id}/contact-attempts`)
      .type('form')
      .send({ _csrf: csrf, attemptedOn: '2026-11-20', channel: 'BRIEF', reached: 'ja' });
    expect(post.status).toBe(409);
    expect(db.prepare('SELECT COUNT(*) FROM contact_attempts WHERE client_id = ?').pluck().get(id)).toBe(0);
  });
});
