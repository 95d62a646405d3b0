// The team's management pages are kept per team until the team's data changes (keptForTeam in src/db/team-data-version.ts,
// migration 0200). What a teamleider sees must never be older than the last change: each kind of change that
// the pages read moves the team's version, a change in another team does not, and a page read after a change
// through a use case shows it at once.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientForm } from '../../src/app/clients.js';
import { exportCaseload } from '../../src/app/caseload.js';
import { changeClient, registerClient } from '../../src/app/clients.js';
import { loadStationsPage } from '../../src/app/stations.js';
import { keptForTeam, teamDataVersion } from '../../src/db/team-data-version.js';
import { loadTeamFiguresPage } from '../../src/app/team.js';
import { caseloadView, DEFAULT_FILTER, signalParams } from '../../src/db/caseload.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { insertTargetVersion } from '../../src/db/targets.js';
import { DEFAULT_TARGETS } from '../../src/domain/index.js';
import { actorFor } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addConversation, addDecision, chooseRoute, clientFormData, completeIntake, insertClient } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';
const NO_PERIOD = { ok: true as const, data: { from: null, to: null } };

const data = (over: Partial<ClientForm> = {}) => clientFormData({ clientNumber: 'K-2001', ...over });

describe('team pages kept until the team’s data changes', () => {
  let ctx: TestContext;
  let mine: number;
  let theirs: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    mine = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, linkedOn: '2026-01-10' });
    theirs = insertClient(ctx.db, { teamId: ctx.teamB, consulentId: ctx.users.otherConsulent, linkedOn: '2026-01-10' });
    for (const id of [mine, theirs]) refreshClientStatus(ctx.db, id, TODAY);
  });

  it('computes once while nothing changes, and again after a change in the team, not in another team', () => {
    let computed = 0;
    const view = () => keptForTeam(ctx.db, ctx.teamA, 'test', () => ++computed);
    expect([view(), view(), view()]).toEqual([1, 1, 1]);
    refreshClientStatus(ctx.db, theirs, TODAY);
    expect(view()).toBe(1);
    refreshClientStatus(ctx.db, mine, TODAY);
    expect(view()).toBe(2);
    // Inside a transaction the page reads what the transaction sees, never a kept value.
    ctx.db.transaction(() => expect(view()).toBe(3))();
    expect(view()).toBe(2);
  });

  it('moves with every kind of change the pages read', () => {
    const a = () => teamDataVersion(ctx.db, ctx.teamA);
    const b = () => teamDataVersion(ctx.db, ctx.teamB);
    const changes: [string, () => void][] = [
      ['status refresh', () => refreshClientStatus(ctx.db, mine, TODAY)],
      ['client name (also anonymisation)', () => ctx.db.prepare("UPDATE clients SET first_name = 'X' WHERE id = ?").run(mine)],
      ['intake', () => completeIntake(ctx.db, mine, '2026-02-01', '2026-02-20')],
      ['route decision', () => chooseRoute(ctx.db, mine, 'B1', ctx.users.consulent, '2026-03-01')],
      ['conversation', () => addConversation(ctx.db, mine, 'VOORTGANG', '2026-06-01', ctx.users.consulent)],
      ['decision', () => addDecision(ctx.db, mine, 'INSTRUMENT', ctx.users.consulent, { code: 'RTS', counted: true }, '2026-04-01')],
    ];
    for (const [what, change] of changes) {
      const before = [a(), b()];
      change();
      expect([a() > before[0]!, b() === before[1]], what).toEqual([true, true]);
    }
    // A client moving to the other team changes both teams.
    const both = [a(), b()];
    ctx.db.prepare('UPDATE clients SET team_id = ?, consulent_id = NULL WHERE id = ?').run(ctx.teamB, mine);
    expect([a() > both[0]!, b() > both[1]!]).toEqual([true, true]);
    // A consulent's name, and the targets, are on every team's pages.
    for (const change of [
      () => ctx.db.prepare("UPDATE users SET display_name = 'Nieuwe naam' WHERE id = ?").run(ctx.users.consulent),
      () => insertTargetVersion(ctx.db, { effectiveFrom: '2026-12-01', targets: DEFAULT_TARGETS, note: 'Nieuw beleid', createdBy: ctx.users.admin, now: TODAY }),
    ]) {
      const before = [a(), b()];
      change();
      expect([a() > before[0]!, b() > before[1]!]).toEqual([true, true]);
    }
    // A sign-in that only stamps the user's TOTP step does not.
    const before = [a(), b()];
    ctx.db.prepare('UPDATE users SET totp_last_step = 1 WHERE id = ?').run(ctx.users.consulent);
    expect([a(), b()]).toEqual(before);
  });

  it('a page read right after a change through a use case shows the change (no old name of a client)', () => {
    const teamleider = actorFor(ctx, ctx.users.teamleider);
    const consulent = actorFor(ctx, ctx.users.consulent);
    const registered = registerClient(ctx, consulent, { ok: true, data: data() });
    if (!registered.ok) throw new Error('not registered');
    const waiting = () => loadStationsPage(ctx, teamleider, NO_PERIOD).figures?.longest.map((w) => w.name) ?? [];
    const cohortClients = () => loadTeamFiguresPage(ctx, teamleider, NO_PERIOD).cohorts?.reduce((n, c) => n + c.clients, 0);
    expect(waiting()).toContain('Amina Haddad');
    expect(cohortClients()).toBe(2);
    const renamed = changeClient(ctx, consulent, registered.value.clientId, 1, {
      typed: { ok: true, data: data({ firstName: 'Amira' }) },
      withoutBsn: { ok: true, data: data({ firstName: 'Amira' }) },
    });
    expect(renamed.ok).toBe(true);
    expect(waiting()).toContain('Amira Haddad');
    expect(waiting()).not.toContain('Amina Haddad');
    registerClient(ctx, consulent, { ok: true, data: data({ firstName: 'Sara', clientNumber: 'K-2002' }) });
    expect(cohortClients()).toBe(3);
  });

  it('the team caseload is kept with the team’s data: a rename, a new client and a moved client show at once', () => {
    const sp = signalParams(ctx.db, TODAY);
    const view = () => caseloadView(ctx.db, { teamId: ctx.teamA }, DEFAULT_FILTER, sp, 1);
    const names = () => view().list.rows.map((r) => `${r.firstName} ${r.lastName}`);
    expect(names()).toHaveLength(1);
    expect(view()).toBe(view()); // the same kept value while nothing changes
    ctx.db.prepare("UPDATE clients SET first_name = 'Nieuw' WHERE id = ?").run(mine);
    expect(names()[0]).toMatch(/^Nieuw /);
    const added = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, linkedOn: '2026-02-01' });
    refreshClientStatus(ctx.db, added, TODAY);
    expect(names()).toHaveLength(2);
    ctx.db.prepare('UPDATE clients SET team_id = ?, consulent_id = NULL WHERE id = ?').run(ctx.teamB, added);
    refreshClientStatus(ctx.db, added, TODAY);
    expect(names()).toHaveLength(1);
  });

  it('a caseload row is kept with the team’s data: a name search shows the same row object, a change a new one', () => {
    const sp = signalParams(ctx.db, TODAY);
    const row = (q: string | null) => caseloadView(ctx.db, { teamId: ctx.teamA }, { ...DEFAULT_FILTER, q }, sp, 1).list.rows[0]!;
    const listed = row(null);
    const searched = row(listed.lastName);
    // The search's page is read afresh, its row is the one the list showed (the view keeps its HTML with it).
    expect(searched).toBe(listed);
    ctx.db.prepare("UPDATE clients SET first_name = 'Hernoemd' WHERE id = ?").run(mine);
    const after = row(listed.lastName);
    expect(after).not.toBe(listed);
    expect(after.firstName).toBe('Hernoemd');
    expect(row(null)).toBe(after);
  });

  it('the caseload CSV is kept too, and a download after a change has it; every download is audited', () => {
    const teamleider = actorFor(ctx, ctx.users.teamleider);
    const download = () => {
      let text = '';
      exportCaseload(ctx, teamleider, { filter: DEFAULT_FILTER, page: 1, notices: [] }).writeTo((c) => (text += c.toString()));
      return text;
    };
    const first = download();
    expect(download()).toBe(first);
    ctx.db.prepare("UPDATE clients SET last_name = 'Vandaag-Hernoemd' WHERE id = ?").run(mine);
    expect(first).not.toContain('Vandaag-Hernoemd');
    expect(download()).toContain('Vandaag-Hernoemd');
    const audited = ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'caseload-geexporteerd'").pluck().get();
    expect(audited).toBe(3);
  });

  it('keeps at most 200 values, the least recently used going first', () => {
    let computed = 0;
    const view = (key: string) => keptForTeam(ctx.db, ctx.teamA, key, () => ++computed);
    const first = view('first');
    for (let i = 0; i < 198; i++) view(`k${i}`);
    expect(view('first')).toBe(first); // used again: now the most recent
    view('one-more'); // 200 values
    view('and-another'); // the 201st: k0, the least recently used, goes
    const before = computed;
    expect(view('first')).toBe(first);
    expect(view('k1')).toBeLessThanOrEqual(before);
    expect(view('k0')).toBe(before + 1);
  });
});
