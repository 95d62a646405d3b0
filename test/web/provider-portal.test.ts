import { describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { insertClient, setPip } from '../helpers/fixtures.js';
import { addProvider, addProviderUser, addReferral, sensitiveClient } from '../helpers/provider.js';

async function setup() {
  const ctx = await buildTestApp();
  const school = addProvider(ctx, 'Taalschool De Brug');
  const other = addProvider(ctx, 'Werkt! Participatie', 'PARTICIPATIECOACH');
  await addProviderUser(ctx, 'aanbieder', school);
  await addProviderUser(ctx, 'andere-aanbieder', other);
  await addProviderUser(ctx, 'los-aanbieder', null);
  const client = sensitiveClient(ctx, 'Referredova', '123456782');
  setPip(ctx.db, client, ctx.users.consulent);
  const proposed = addReferral(ctx, client, school, { status: 'PROPOSED' });
  const otherClient = sensitiveClient(ctx, 'Elsewhereova', '111222333');
  const otherReferral = addReferral(ctx, otherClient, other);
  const ended = addReferral(ctx, insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName: 'Endedova' }), school, {
    endOn: '2026-11-23',
  });
  return { ctx, school, other, client, proposed, otherClient, otherReferral, ended };
}

function noSensitiveData(html: string) {
  expect(html).not.toContain('123456782');
  expect(html).not.toContain('111222333');
  expect(html).not.toContain('Geheime-gezondheid-XYZ');
  expect(html).not.toContain('Geheime-schulden-XYZ');
  expect(html).not.toContain('Elsewhereova');
}

describe('provider portal: referrals', () => {
  it('consulent refers from the dossier; the provider sees it, opens the PIP extract and confirms the start', async () => {
    const { ctx, school, client } = await setup();
    const c = await ctx.login('consulent');
    const page = await c.agent.get(`/clients/${client}/referrals`);
    expect(page.status).toBe(200);
    const bad = await c.agent.post(`/clients/${client}/referrals`).type('form').send({ _csrf: c.csrf, component: 'KNM', providerId: school, startOn: '2026-12-01', endOn: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('De einddatum mag niet voor de startdatum liggen');
    expect(bad.text).toContain('Vul de geplande uren per week of het totaal aantal uren in');
    const res = await c.agent.post(`/clients/${client}/referrals`).type('form').send({ _csrf: c.csrf, component: 'KNM', providerId: school, startOn: '2026-12-01', endOn: '2027-03-31', hoursTotal: '40' });
    expect(res.status).toBe(303);
    const id = ctx.db.prepare(`SELECT id FROM referrals WHERE client_id = ? AND component = 'KNM'`).pluck().get(client) as number;
    expect(ctx.db.prepare(`SELECT summary FROM client_events WHERE ref_table = 'referrals' AND ref_id = ?`).pluck().get(id)).toContain('Verwezen: KNM');

    const p = await ctx.login('aanbieder');
    const home = await p.agent.get('/portal');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Referredova');
    expect(home.text).not.toContain('Endedova');
    noSensitiveData(home.text);
    const detail = await p.agent.get(`/portal/referrals/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('Uittreksel uit het PIP');
    noSensitiveData(detail.text);
    const confirm = await p.agent.post(`/portal/referrals/${id}/answer`).type('form').send({ _csrf: p.csrf, answer: 'CONFIRM', version: 1 });
    expect(confirm.status).toBe(303);
    expect(ctx.db.prepare('SELECT status FROM referrals WHERE id = ?').pluck().get(id)).toBe('CONFIRMED');
    const audit = ctx.db.prepare(`SELECT details FROM audit_log WHERE action = 'aanbieder-verwijzing-bevestigd'`).pluck().get() as string;
    expect(audit).toContain('Taalschool De Brug');
    const again = await p.agent.post(`/portal/referrals/${id}/answer`).type('form').send({ _csrf: p.csrf, answer: 'CONFIRM', version: 2 });
    expect(again.status).toBe(409);
  });

  it('the consulent withdraws a referral: the provider no longer sees the client; a second withdrawal changes nothing', async () => {
    const { ctx, client, proposed } = await setup();
    const c = await ctx.login('consulent');
    const page = await c.agent.get(`/clients/${client}/referrals`);
    expect(page.text).toContain(`action="/clients/${client}/referrals/${proposed}/withdraw"`);
    const res = await c.agent.post(`/clients/${client}/referrals/${proposed}/withdraw`).type('form').send({ _csrf: c.csrf, version: 1 });
    expect(res.status).toBe(303);
    expect(ctx.db.prepare('SELECT status FROM referrals WHERE id = ?').pluck().get(proposed)).toBe('WITHDRAWN');
    expect(ctx.db.prepare(`SELECT summary FROM client_events WHERE ref_table = 'referrals' AND ref_id = ?`).pluck().all(proposed)).toContainEqual(
      expect.stringContaining('Verwijzing ingetrokken'),
    );
    expect(ctx.db.prepare(`SELECT COUNT(*) FROM audit_log WHERE action = 'verwijzing-ingetrokken' AND client_id = ?`).pluck().get(client)).toBe(1);
    const after = await c.agent.get(`/clients/${client}/referrals`);
    expect(after.text).toContain('Ingetrokken');
    expect(after.text).not.toContain(`/referrals/${proposed}/withdraw"`);
    const again = await c.agent.post(`/clients/${client}/referrals/${proposed}/withdraw`).type('form').send({ _csrf: c.csrf, version: 2 });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Deze verwijzing is al ingetrokken');

    const p = await ctx.login('aanbieder');
    expect((await p.agent.get('/portal')).text).not.toContain('Referredova');
    expect((await p.agent.get(`/portal/referrals/${proposed}`)).status).toBe(404);
    // Another team's consulent cannot withdraw it, nor learn that it exists.
    const stranger = await ctx.login('otherConsulent');
    expect((await stranger.agent.post(`/clients/${client}/referrals/${proposed}/withdraw`).type('form').send({ _csrf: stranger.csrf, version: 2 })).status).toBe(404);
  });

  it('declining needs a reason, which the consulent then sees', async () => {
    const { ctx, proposed, client } = await setup();
    const p = await ctx.login('aanbieder');
    const noReason = await p.agent.post(`/portal/referrals/${proposed}/answer`).type('form').send({ _csrf: p.csrf, answer: 'DECLINE', version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Vul de reden van afwijzen in');
    const res = await p.agent.post(`/portal/referrals/${proposed}/answer`).type('form').send({ _csrf: p.csrf, answer: 'DECLINE', reason: 'Geen plek tot maart', version: 1 });
    expect(res.status).toBe(303);
    const c = await ctx.login('consulent');
    const page = await c.agent.get(`/clients/${client}/referrals`);
    expect(page.text).toContain('Geen plek tot maart');
    expect(page.text).toContain('Afgewezen door aanbieder');
  });

  it("another provider's referral, an ended one, and a user without provider are refused without data", async () => {
    const { ctx, otherReferral, ended, proposed } = await setup();
    const p = await ctx.login('aanbieder');
    for (const id of [otherReferral, ended, 999999]) {
      const res = await p.agent.get(`/portal/referrals/${id}`);
      expect(res.status).toBe(404);
      noSensitiveData(res.text);
      expect(res.text).not.toContain('Endedova');
      const post = await p.agent.post(`/portal/referrals/${id}/answer`).type('form').send({ _csrf: p.csrf, answer: 'CONFIRM', version: 1 });
      expect(post.status).toBe(404);
    }
    const other = await ctx.login('andere-aanbieder');
    expect((await other.agent.get(`/portal/referrals/${proposed}`)).status).toBe(404);
    const loose = await ctx.login('los-aanbieder');
    const res = await loose.agent.get('/portal');
    expect(res.status).toBe(403);
    expect(res.text).toContain('nog niet aan een aanbieder gekoppeld');
  });

  it('staff cannot use the portal', async () => {
    const { ctx } = await setup();
    for (const who of ['consulent', 'teamleider', 'admin'] as const) {
      const a = await ctx.login(who);
      expect((await a.agent.get('/portal')).status).toBe(403);
    }
  });

  it('the admin links a provider user to a provider', async () => {
    const { ctx, other } = await setup();
    const a = await ctx.login('admin');
    const page = await a.agent.get('/admin/provider-users');
    expect(page.status).toBe(200);
    const userId = ctx.db.prepare(`SELECT id FROM users WHERE username = 'los-aanbieder'`).pluck().get() as number;
    const res = await a.agent.post('/admin/provider-users').type('form').send({ _csrf: a.csrf, userId, providerId: other });
    expect(res.status).toBe(303);
    const wrong = await a.agent.post('/admin/provider-users').type('form').send({ _csrf: a.csrf, userId: (ctx as TestContext).users.consulent, providerId: other });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Kies een gebruiker met de rol aanbieder');
    const loose = await ctx.login('los-aanbieder');
    expect((await loose.agent.get('/portal')).status).toBe(200);
  });
});

describe('provider users and the second factor', () => {
  it('in production a provider user with a password must set up a second factor first (and reaches nothing else)', async () => {
    const ctx = await buildTestApp({ config: { production: true } });
    await addProviderUser(ctx, 'aanbieder', addProvider(ctx, 'Taalschool De Brug'));
    const { agent } = await ctx.login('aanbieder');
    expect((await agent.get('/portal')).headers.location).toBe('/account/tweede-factor');
  });
  it('outside production (demo) the password alone is enough, like the other demo users', async () => {
    const ctx = await buildTestApp();
    await addProviderUser(ctx, 'aanbieder', addProvider(ctx, 'Taalschool De Brug'));
    const { agent } = await ctx.login('aanbieder');
    expect((await agent.get('/portal')).status).toBe(200);
  });
});
