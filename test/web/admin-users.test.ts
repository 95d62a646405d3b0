import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { findUserById, findUserByUsername } from '../../src/db/users.js';
import { buildTestApp, csrfFrom, loginAs, TEST_PASSWORD, withCharacters } from '../helpers/app.js';

async function tryLogin(app: Parameters<typeof request.agent>[0], username: string, password: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const res = await agent.post('/login').type('form').send({ username, password, _csrf: csrfFrom(page.text) });
  return { agent, res };
}

describe('admin: users', () => {
  it('lists users with role, team and status', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('admin');
    const res = await agent.get('/admin/users');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Gebruikers</h1>');
    expect(res.text).toMatch(/Test consulent<\/a><\/td>\s*<td>consulent<\/td>\s*<td>Consulent<\/td>\s*<td>Team A<\/td>/);
    expect(withCharacters(res.text)).toMatch(/Test admin<\/a><\/td>\s*<td>admin<\/td>\s*<td>Functioneel beheerder<\/td>\s*<td>–<\/td>/);
  });

  it.each(['consulent', 'teamleider'])('refuses %s with 403', async (username) => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login(username);
    for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${ctx.users.consulent2}`, '/admin/teams', '/admin/teams/new']) {
      expect((await agent.get(path)).status, path).toBe(403);
    }
    const post = await agent
      .post(`/admin/users/${ctx.users.consulent2}/active`)
      .type('form')
      .send({ _csrf: csrf, active: '0' });
    expect(post.status).toBe(403);
    expect(findUserById(ctx.db, ctx.users.consulent2)!.active).toBe(true);
  });

  it('creates a user with a generated password shown once; they must change it at first log-in', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: csrf, displayName: 'Fatima el Amrani', username: 'f.elamrani', role: 'consulent', teamId: String(ctx.teamA), password: '' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = /<code class="koers-secret">([^<]+)<\/code>/.exec(res.text)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    const user = findUserByUsername(ctx.db, 'f.elamrani')!;
    expect(user).toMatchObject({ displayName: 'Fatima el Amrani', role: 'consulent', teamId: ctx.teamA, mustChangePassword: true, active: true });
    const audit = ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'gebruiker-aangemaakt'").pluck().get() as string;
    expect(audit).toContain('f.elamrani');
    expect(audit).not.toContain(password!);

    const { agent: newbie, res: login } = await tryLogin(ctx.app, 'f.elamrani', password!);
    expect(login.status).toBe(303);
    const home = await newbie.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/account/password');
  });

  it('creates an admin with a typed password and no team', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: csrf, displayName: 'Beheer Twee', username: 'beheer2', role: 'admin', teamId: '', password: 'een-lang-wachtwoord' });
    expect(res.status).toBe(201);
    expect(res.text).not.toContain('een-lang-wachtwoord');
    expect(findUserByUsername(ctx.db, 'beheer2')).toMatchObject({ role: 'admin', teamId: null, mustChangePassword: true });
    expect((await tryLogin(ctx.app, 'beheer2', 'een-lang-wachtwoord')).res.status).toBe(303);
  });

  it('validates a new user in Dutch next to the fields and keeps the input', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: csrf, displayName: 'Nieuwe Collega', username: 'CONSULENT', role: 'teamleider', teamId: '', password: 'kort' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('De gebruikersnaam &#34;CONSULENT&#34; is al in gebruik. Kies een andere.');
    expect(res.text).toContain('Kies het team van deze consulent of teamleider');
    expect(res.text).toContain('Het wachtwoord moet minstens 12 tekens lang zijn');
    expect(res.text).toMatch(/id="veld-teamId-fout"/);
    expect(res.text).toContain('value="Nieuwe Collega"');
    expect(res.text).toMatch(/<option value="teamleider" selected>/);
    expect(res.text).not.toContain('value="kort"');

    const admin = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: csrf, displayName: 'X', username: 'met spatie', role: 'admin', teamId: String(ctx.teamA) });
    expect(admin.status).toBe(400);
    expect(admin.text).toContain('Een functioneel beheerder hoort niet bij een team');
    expect(admin.text).toContain('geen spaties');
  });

  it('edits name, role and team, audited', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent
      .post(`/admin/users/${ctx.users.consulent2}`)
      .type('form')
      .send({ _csrf: csrf, displayName: 'Sanne de Vries', role: 'teamleider', teamId: String(ctx.teamB), version: '1' });
    expect(res.status).toBe(303);
    expect(findUserById(ctx.db, ctx.users.consulent2)).toMatchObject({ displayName: 'Sanne de Vries', role: 'teamleider', teamId: ctx.teamB });
    const details = ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'gebruiker-gewijzigd'").pluck().get();
    expect(details).toBe(`gebruiker ${ctx.users.consulent2}: naam, rol consulent → teamleider, team ${ctx.teamA} → ${ctx.teamB}`);
    const own = await agent.post(`/admin/users/${ctx.users.admin}`).type('form').send({ _csrf: csrf, displayName: 'Ik', role: 'consulent', teamId: String(ctx.teamA), version: '1' });
    expect(own.status).toBe(400);
    expect(own.text).toContain('U kunt uw eigen rol niet wijzigen');
  });

  it('deactivates a user: their session ends and they can no longer log in; reactivating restores it', async () => {
    const ctx = await buildTestApp();
    const victim = await loginAs(ctx.app, 'consulent2');
    expect((await victim.agent.get('/')).status).toBe(200);
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent.post(`/admin/users/${ctx.users.consulent2}/active`).type('form').send({ _csrf: csrf, active: '0', version: '1' });
    expect(res.status).toBe(303);
    expect(findUserById(ctx.db, ctx.users.consulent2)!.active).toBe(false);
    const sessions = ctx.db.prepare("SELECT COUNT(*) FROM sessions WHERE json_extract(data, '$.userId') = ?").pluck().get(ctx.users.consulent2);
    expect(sessions).toBe(0);
    const after = await victim.agent.get('/');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login');
    expect((await tryLogin(ctx.app, 'consulent2', TEST_PASSWORD)).res.status).toBe(401);
    const page = await agent.get('/admin/users');
    expect(page.text).toContain('Uitgezet');

    await agent.post(`/admin/users/${ctx.users.consulent2}/active`).type('form').send({ _csrf: csrf, active: '1', version: '2' });
    expect((await tryLogin(ctx.app, 'consulent2', TEST_PASSWORD)).res.status).toBe(303);
    const actions = ctx.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'gebruiker-%' ORDER BY id").pluck().all();
    expect(actions).toEqual(['gebruiker-gedeactiveerd', 'gebruiker-geactiveerd']);
  });

  it('does not let an admin deactivate themselves', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const res = await agent.post(`/admin/users/${ctx.users.admin}/active`).type('form').send({ _csrf: csrf, active: '0' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('U kunt uw eigen account niet uitzetten.');
    expect(findUserById(ctx.db, ctx.users.admin)!.active).toBe(true);
  });

  it('resets a password: old one stops working, sessions end, the user must choose a new one', async () => {
    const ctx = await buildTestApp();
    const victim = await loginAs(ctx.app, 'consulent');
    const { agent, csrf } = await ctx.login('admin');
    const short = await agent.post(`/admin/users/${ctx.users.consulent}/password`).type('form').send({ _csrf: csrf, password: 'kort' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Het wachtwoord moet minstens 12 tekens lang zijn');
    const res = await agent.post(`/admin/users/${ctx.users.consulent}/password`).type('form').send({ _csrf: csrf, password: '' });
    expect(res.status).toBe(200);
    const temp = /<code class="koers-secret">([^<]+)<\/code>/.exec(res.text)?.[1];
    expect(temp).toBeTruthy();
    expect(findUserById(ctx.db, ctx.users.consulent)!.mustChangePassword).toBe(true);
    expect((await victim.agent.get('/')).headers.location).toBe('/login');
    expect((await tryLogin(ctx.app, 'consulent', TEST_PASSWORD)).res.status).toBe(401);

    const { agent: back, res: login } = await tryLogin(ctx.app, 'consulent', temp!);
    expect(login.status).toBe(303);
    expect((await back.get('/')).headers.location).toBe('/account/password');
    const form = await back.get('/account/password');
    expect(form.text).toContain('Kies eerst een eigen wachtwoord');
    const change = await back
      .post('/account/password')
      .type('form')
      .send({ _csrf: csrfFrom(form.text), current: temp, next: 'mijn-eigen-wachtwoord', repeat: 'mijn-eigen-wachtwoord' });
    expect(change.status).toBe(303);
    expect((await back.get('/')).status).toBe(200);
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'wachtwoord-hersteld'").pluck().get()).toBe(1);
  });

  it('gives 404 for an unknown user', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('admin');
    expect((await agent.get('/admin/users/9999')).status).toBe(404);
    expect((await agent.get('/admin/users/abc')).status).toBe(404);
  });
});

describe('admin: teams', () => {
  it('lists teams with member counts and the caseload norm', async () => {
    const ctx = await buildTestApp();
    const { agent } = await ctx.login('admin');
    const res = await agent.get('/admin/teams');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<a href="/admin/users" aria-current="page">Gebruikers</a>');
    // team A: consulent, consulent2 and teamleider; team B: otherConsulent and otherTeamleider
    expect(res.text).toMatch(/Team A<\/a><\/td>\s*<td class="koers-num">2<\/td>\s*<td class="koers-num">1<\/td>\s*<td class="koers-num">0<\/td>\s*<td>80<\/td>/);
    expect(res.text).toMatch(/Team B<\/a><\/td>\s*<td class="koers-num">1<\/td>\s*<td class="koers-num">1<\/td>/);
  });

  it('creates, renames and sets the norm; duplicate names and bad norms get Dutch errors', async () => {
    const ctx = await buildTestApp();
    const { agent, csrf } = await ctx.login('admin');
    const created = await agent.post('/admin/teams/new').type('form').send({ _csrf: csrf, name: 'Team Zuid', caseloadNorm: '' });
    expect(created.status).toBe(303);
    const list = await agent.get('/admin/teams');
    expect(list.text).toMatch(/Team Zuid<\/a><\/td>(\s*<td class="koers-num">0<\/td>){3}\s*<td>Standaard \(80\)<\/td>/);
    const id = ctx.db.prepare("SELECT id FROM teams WHERE name = 'Team Zuid'").pluck().get() as number;

    const dup = await agent.post(`/admin/teams/${id}`).type('form').send({ _csrf: csrf, name: 'team a', caseloadNorm: '70', version: '1' });
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('Er is al een team met de naam &#34;team a&#34;');
    expect(dup.text).toMatch(/name="caseloadNorm" type="text" value="70"/);
    const bad = await agent.post(`/admin/teams/${id}`).type('form').send({ _csrf: csrf, name: 'Team Zuid', caseloadNorm: '0', version: '1' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('De caseloadnorm mag niet kleiner zijn dan 1');

    const ok = await agent.post(`/admin/teams/${id}`).type('form').send({ _csrf: csrf, name: 'Team Rotterdam-Zuid', caseloadNorm: '65', version: '1' });
    expect(ok.status).toBe(303);
    expect(ctx.db.prepare('SELECT name, caseload_norm FROM teams WHERE id = ?').get(id)).toEqual({ name: 'Team Rotterdam-Zuid', caseload_norm: 65 });
    const actions = ctx.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'team-%' ORDER BY id").pluck().all();
    expect(actions).toEqual(['team-aangemaakt', 'team-gewijzigd']);
  });
});
