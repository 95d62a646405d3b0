import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type LoggedInAgent, type TestContext } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';
import { addProvider, addProviderUser, addReferral } from '../helpers/provider.js';

// The note's text is a marker that must appear only where a reader may see it.
const SECRET = 'Zorgmelding-XQ7: vermoeden huiselijk geweld, Veilig Thuis geraadpleegd';
const REASON = 'Vervang de eigen consulent tijdens haar verlof';

const text = async (a: LoggedInAgent, path: string) => {
  const res = await a.agent.get(path).buffer(true);
  return { status: res.status, body: res.text ?? (res.body instanceof Buffer ? res.body.toString('utf8') : '') };
};

describe('restricted notes on the dossier (HTML per role, exports, handover)', () => {
  let ctx: TestContext;
  let clientId: number;
  let noteId: number;
  let own: LoggedInAgent;
  let lead: LoggedInAgent;
  let other: LoggedInAgent;
  let admin: LoggedInAgent;
  let otherTeam: LoggedInAgent;

  beforeAll(async () => {
    ctx = await buildTestApp();
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    [own, lead, other, admin, otherTeam] = await Promise.all([
      ctx.login('consulent'),
      ctx.login('teamleider'),
      ctx.login('consulent2'),
      ctx.login('admin'),
      ctx.login('otherConsulent'),
    ]);
    const res = await own.agent
      .post(`/clients/${clientId}/restricted-notes`)
      .type('form')
      .send({ _csrf: own.csrf, kind: 'MELDCODE', notedOn: '2026-11-20', body: SECRET });
    expect(res.status).toBe(303);
    noteId = ctx.db.prepare('SELECT id FROM restricted_notes WHERE client_id = ?').pluck().get(clientId) as number;
  });

  it('keeps everything typed and says what is wrong on a bad form', async () => {
    const res = await own.agent
      .post(`/clients/${clientId}/restricted-notes`)
      .type('form')
      .send({ _csrf: own.csrf, kind: 'MEDISCH', notedOn: '2099-01-01', body: 'Nieuwe medische notitie' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('De datum kan niet in de toekomst liggen');
    expect(res.text).toContain('Nieuwe medische notitie');
  });

  it('the own consulent and the teamleider read the note on the dossier', async () => {
    for (const who of [own, lead]) {
      const page = await text(who, `/clients/${clientId}/restricted-notes`);
      expect(page.status).toBe(200);
      expect(page.body).toContain(SECRET);
      expect(page.body).toContain('Meldcode-zorg');
    }
  });

  it('another consulent of the team sees kind and date only, and reads the note after giving a reason', async () => {
    const list = await text(other, `/clients/${clientId}/restricted-notes`);
    expect(list.status).toBe(200);
    expect(list.body).toContain('Meldcode-zorg');
    expect(list.body).toContain('20 november 2026');
    expect(list.body).toContain('Openen met een reden');
    expect(list.body).not.toContain('Zorgmelding-XQ7');
    const note = await text(other, `/clients/${clientId}/restricted-notes/${noteId}`);
    expect(note.body).toContain('Deze notitie is afgeschermd');
    expect(note.body).not.toContain('Zorgmelding-XQ7');

    const noReason = await other.agent.post(`/clients/${clientId}/restricted-notes/${noteId}/open`).type('form').send({ _csrf: other.csrf, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Vul de reden in');
    expect(noReason.text).not.toContain('Zorgmelding-XQ7');

    const opened = await other.agent.post(`/clients/${clientId}/restricted-notes/${noteId}/open`).type('form').send({ _csrf: other.csrf, reason: REASON });
    expect(opened.status).toBe(303);
    const after = await text(other, `/clients/${clientId}/restricted-notes/${noteId}`);
    expect(after.body).toContain(SECRET);
    expect(after.body).toContain('U heeft deze notitie vandaag geopend met een reden');
    // Opening one note does not open the list for this consulent (only that note, on that page).
    expect((await text(other, `/clients/${clientId}/restricted-notes`)).body).not.toContain('Zorgmelding-XQ7');
  });

  it('the teamleider sees who opened a note with which reason (dossier and team page); the own consulent on the dossier', async () => {
    const team = await text(lead, '/team/restricted-notes');
    expect(team.status).toBe(200);
    expect(team.body).toContain(REASON);
    expect(team.body).toContain('Test consulent2');
    expect(team.body).not.toContain('Zorgmelding-XQ7');
    expect((await text(lead, `/clients/${clientId}/restricted-notes`)).body).toContain(REASON);
    expect((await text(own, `/clients/${clientId}/restricted-notes`)).body).toContain(REASON);
    expect((await other.agent.get('/team/restricted-notes')).status).toBe(403);
  });

  it('admin and another team get no access (403, 404) and never the text', async () => {
    for (const path of [`/clients/${clientId}/restricted-notes`, `/clients/${clientId}/restricted-notes/${noteId}`]) {
      const a = await text(admin, path);
      expect(a.status).toBe(403);
      expect(a.body).not.toContain('Zorgmelding-XQ7');
      const o = await text(otherTeam, path);
      expect(o.status).toBe(404);
      expect(o.body).not.toContain('Zorgmelding-XQ7');
    }
    const post = await otherTeam.agent.post(`/clients/${clientId}/restricted-notes/${noteId}/open`).type('form').send({ _csrf: otherTeam.csrf, reason: REASON });
    expect(post.status).toBe(404);
  });

  it('writes an audit row for every view, opening and change, without the text', () => {
    const rows = ctx.db.prepare("SELECT action, activity, user_id AS userId FROM audit_log WHERE activity = 'afgeschermd'").all() as {
      action: string;
      activity: string;
      userId: number;
    }[];
    const by = (action: string, userId: number) => rows.some((r) => r.action === action && r.userId === userId);
    expect(by('afgeschermde-notitie-vastgelegd', ctx.users.consulent)).toBe(true);
    expect(by('afgeschermde-notities-bekeken', ctx.users.teamleider)).toBe(true);
    expect(by('afgeschermde-notities-bekeken', ctx.users.consulent2)).toBe(true);
    expect(by('afscherming-doorbroken', ctx.users.consulent2)).toBe(true);
    expect(by('afgeschermde-notitie-bekeken', ctx.users.consulent2)).toBe(true);
    expect(by('afscherming-doorbroken-lijst-bekeken', ctx.users.teamleider)).toBe(true);
    expect(JSON.stringify(ctx.db.prepare('SELECT * FROM audit_log').all())).not.toContain('Zorgmelding-XQ7');
  });

  it('is absent from the caseload CSV, the provider PIP, the client summary, the timeline and the handover', async () => {
    for (const [who, path] of [
      [own, '/caseload/export.csv'],
      [lead, '/caseload/export.csv'],
      [own, `/clients/${clientId}/pip/share`],
      [own, `/clients/${clientId}/summary`],
      [own, `/clients/${clientId}`],
      [own, `/clients/${clientId}/closure/handover`],
    ] as const) {
      const page = await text(who, path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).not.toContain('Zorgmelding-XQ7');
      expect(page.body, path).not.toContain('Afgeschermde notities die de consulent meegeeft');
    }
  });

  it('is in the handover only when the own consulent gives it along with a reason', async () => {
    const refused = await own.agent.post(`/clients/${clientId}/restricted-notes/${noteId}/handover`).type('form').send({ _csrf: own.csrf, include: '1', reason: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Beschrijf waarom deze notitie mee moet naar de nieuwe gemeente');
    const byOther = await other.agent.post(`/clients/${clientId}/restricted-notes/${noteId}/handover`).type('form').send({ _csrf: other.csrf, include: '1', reason: 'Veiligheidsplan loopt door' });
    expect(byOther.status).toBe(403);
    expect((await text(own, `/clients/${clientId}/closure/handover`)).body).not.toContain('Zorgmelding-XQ7');

    const chosen = await own.agent.post(`/clients/${clientId}/restricted-notes/${noteId}/handover`).type('form').send({ _csrf: own.csrf, include: '1', reason: 'Veiligheidsplan loopt door' });
    expect(chosen.status).toBe(303);
    const handover = await text(own, `/clients/${clientId}/closure/handover`);
    expect(handover.body).toContain('Afgeschermde notities die de consulent meegeeft');
    expect(handover.body).toContain(SECRET);
    expect(handover.body).toContain('Veiligheidsplan loopt door');
    // Another consulent opening the handover sees that a note goes along, not its text.
    const forOther = await text(other, `/clients/${clientId}/closure/handover`);
    expect(forOther.body).toContain('Afgeschermde notities die de consulent meegeeft');
    expect(forOther.body).not.toContain('Zorgmelding-XQ7');
    // Still never in the provider view or the summary.
    expect((await text(own, `/clients/${clientId}/pip/share`)).body).not.toContain('Zorgmelding-XQ7');
    expect((await text(own, `/clients/${clientId}/summary`)).body).not.toContain('Zorgmelding-XQ7');

    const undo = await own.agent.post(`/clients/${clientId}/restricted-notes/${noteId}/handover`).type('form').send({ _csrf: own.csrf, include: '' });
    expect(undo.status).toBe(303);
    expect((await text(own, `/clients/${clientId}/closure/handover`)).body).not.toContain('Zorgmelding-XQ7');
    expect(ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'afgeschermde-notitie-overdracht'").pluck().get()).toBe(2);
  });

  it('the access-request export has the notes in full for the own consulent, kind and date only for another consulent', async () => {
    const mine = JSON.parse((await text(own, `/clients/${clientId}/data-export.json`)).body) as Record<string, unknown>;
    expect(JSON.stringify(mine.afgeschermdeNotities)).toContain('Zorgmelding-XQ7');
    expect(JSON.stringify(mine.afgeschermdeNotitiesGeopend)).toContain(REASON);
    const theirs = JSON.parse((await text(other, `/clients/${clientId}/data-export.json`)).body) as Record<string, unknown>;
    expect(JSON.stringify(theirs)).not.toContain('Zorgmelding-XQ7');
    expect(theirs.afgeschermdeNotities).toEqual([expect.objectContaining({ soort: 'MELDCODE', datum: '2026-11-20' })]);
  });

  it('a provider with a running referral for the client never sees a restricted note, nor that one exists', async () => {
    const providerId = addProvider(ctx, 'Taalschool Afscherming');
    await addProviderUser(ctx, 'aanbieder-afscherming', providerId);
    const referralId = addReferral(ctx, clientId, providerId);
    const provider = await ctx.login('aanbieder-afscherming');
    const portal = await text(provider, `/portal/referrals/${referralId}`);
    expect(portal.status).toBe(200);
    for (const page of [portal, await text(provider, '/portal'), await text(provider, '/portal/reports')]) {
      expect(page.body).not.toContain('Zorgmelding-XQ7');
      expect(page.body).not.toMatch(/afgeschermd|Meldcode/i);
    }
    for (const path of [`/clients/${clientId}/restricted-notes`, `/clients/${clientId}/restricted-notes/${noteId}`, `/clients/${clientId}/data-export.json`]) {
      const res = await text(provider, path);
      expect([403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('Zorgmelding-XQ7');
    }
  });
});
