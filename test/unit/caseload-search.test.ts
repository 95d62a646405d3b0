// The caseload's name search, counts and export order after the list became one query (issue 9): the same
// matches as before (client number by prefix, "first last" by substring, % _ and \ literal, ASCII case
// folded), for a team and for one consulent, with the counts and pages of the same list.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CaseloadFilter,
  type CaseloadScope,
  caseloadPage,
  caseloadView,
  DEFAULT_FILTER,
  iterateCaseload,
  SIGNALS,
  signalCounts,
  signalParams,
} from '../../src/db/caseload.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import type { Db } from '../../src/db/connection.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { addAgreement, insertClient } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

describe('caseload name search', () => {
  let ctx: TestContext;
  let db: Db;
  let team: CaseloadScope;
  const id: Record<string, number> = {};

  const client = (key: string, firstName: string, lastName: string, number: string, opts: { consulent2?: boolean; teamB?: boolean } = {}) => {
    const teamId = opts.teamB ? ctx.teamB : ctx.teamA;
    const consulentId = opts.teamB ? ctx.users.otherConsulent : opts.consulent2 ? ctx.users.consulent2 : ctx.users.consulent;
    id[key] = insertClient(db, { teamId, consulentId, firstName, lastName });
    db.prepare('UPDATE clients SET client_number = ? WHERE id = ?').run(number, id[key]);
    refreshClientStatus(db, id[key]!, TODAY);
  };

  beforeAll(async () => {
    ctx = await buildTestApp();
    db = ctx.db;
    team = { teamId: ctx.teamA };
    client('aisha', 'Aisha', 'Hassan', 'K-2001');
    client('hassan', 'Hassan', 'Ali', 'K-2002');
    client('anna', 'Anna', 'de Vries', 'K-3001', { consulent2: true });
    client('underscore', 'Ugo', 'Streep', 'K-100_1');
    client('plain', 'Piet', 'Klaassen', 'K-1001');
    client('percent', 'Pam', 'Pro%cent', 'P-1');
    client('backslash', 'Bas', 'Back\\slash', 'B-1');
    client('accent', 'Émile', 'Zoë', 'É-1');
    client('closed', 'Hassane', 'Gesloten', 'K-9001');
    db.prepare("UPDATE clients SET closed_on = '2026-06-01' WHERE id = ?").run(id.closed);
    refreshClientStatus(db, id.closed!, TODAY);
    client('other', 'Hassan', 'Anderteam', 'K-2003', { teamB: true });
    addAgreement(db, id.aisha!, '2026-11-01', ctx.users.consulent);
    refreshClientStatus(db, id.aisha!, TODAY);
  });

  const search = (q: string, scope: CaseloadScope = team, extra: Partial<CaseloadFilter> = {}) => {
    const sp = signalParams(db, TODAY);
    const { counts, list } = caseloadView(db, scope, { ...DEFAULT_FILTER, q, ...extra }, sp, 1);
    expect(list.total).toBe(list.rows.length);
    return { ids: list.rows.map((r) => r.id).sort((a, b) => a - b), counts };
  };
  const ids = (...keys: string[]) => keys.map((k) => id[k]!).sort((a, b) => a - b);

  it('finds a name by any part, first and last name together, without regard to ASCII case', () => {
    expect(search('hassan').ids).toEqual(ids('aisha', 'hassan'));
    expect(search('sha Has').ids).toEqual(ids('aisha'));
    expect(search('VRIES').ids).toEqual(ids('anna'));
    expect(search('san Al').ids).toEqual(ids('hassan'));
  });

  it('folds ASCII letters only, as SQLite’s LIKE does', () => {
    expect(search('Émile').ids).toEqual(ids('accent'));
    expect(search('émile').ids).toEqual([]);
    expect(search('ÉMILE ZOË').ids).toEqual([]);
    expect(search('mile zoë').ids).toEqual(ids('accent'));
    expect(search('É-').ids).toEqual(ids('accent'));
  });

  it('finds a client number by its beginning only', () => {
    expect(search('K-200').ids).toEqual(ids('aisha', 'hassan'));
    expect(search('k-3').ids).toEqual(ids('anna'));
    expect(search('2001').ids).toEqual([]);
  });

  it('takes %, _ and \\ literally', () => {
    expect(search('%').ids).toEqual(ids('percent'));
    expect(search('K-100_').ids).toEqual(ids('underscore'));
    expect(search('_').ids).toEqual([]);
    expect(search('k\\s').ids).toEqual(ids('backslash'));
    expect(search('K-%').ids).toEqual([]);
  });

  it('keeps to the scope: the team, one consulent, closed clients only when asked', () => {
    expect(search('hassan').ids).not.toContain(id.other);
    expect(search('a', { teamId: ctx.teamA, consulentId: ctx.users.consulent2 }).ids).toEqual(ids('anna'));
    expect(search('hassan', { teamId: ctx.teamA, consulentId: ctx.users.consulent }).ids).toEqual(ids('aisha', 'hassan'));
    expect(search('hassan', team, { consulentId: ctx.users.consulent2 }).ids).toEqual([]);
    expect(search('hassan', team, { showClosed: true }).ids).toEqual(ids('aisha', 'hassan', 'closed'));
  });

  it('counts the signals of the matches, and a signal filter narrows the list but not the counts', () => {
    const all = search('hassan');
    expect(all.counts.total).toBe(2);
    expect(all.counts.AGREEMENTS_OVERDUE).toBe(1);
    const overdue = search('hassan', team, { signal: 'AGREEMENTS_OVERDUE' });
    expect(overdue.ids).toEqual(ids('aisha'));
    expect(overdue.counts).toEqual(all.counts);
  });
});

describe('caseload list, counts and export from one query', () => {
  it('gives the counts of signalCounts, pages in the same order, and the export in that order too', async () => {
    const ctx = await buildTestApp();
    const { db } = ctx;
    const made = ['Bakker', 'Jansen', 'de Boer', 'Visser', 'Smit', 'Mulder', 'Bos'].map((lastName, i) => {
      const cid = insertClient(db, { teamId: ctx.teamA, consulentId: i % 2 ? ctx.users.consulent : ctx.users.consulent2, lastName });
      if (i % 3 === 0) addAgreement(db, cid, '2026-10-01', ctx.users.consulent);
      refreshClientStatus(db, cid, TODAY);
      return cid;
    });
    const sp = signalParams(db, TODAY);
    const scope = { teamId: ctx.teamA };
    for (const sort of ['signals', 'name', 'termijn', 'conversation', 'phase'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const f = { ...DEFAULT_FILTER, sort, dir };
        const view = caseloadView(db, scope, f, sp, 1, 3);
        expect(view.counts).toEqual(signalCounts(db, scope, f, sp));
        const paged = [1, 2, 3].flatMap((p) => caseloadPage(db, scope, f, sp, p, 3).rows.map((r) => r.id));
        expect([...paged].sort((a, b) => a - b)).toEqual([...made].sort((a, b) => a - b));
        expect([...iterateCaseload(db, scope, f, sp)].map((r) => r.id)).toEqual(paged);
      }
    }
    const counts = signalCounts(db, scope, DEFAULT_FILTER, sp);
    expect(counts.total).toBe(7);
    expect(counts.AGREEMENTS_OVERDUE).toBe(3);
    expect(Object.keys(counts).sort()).toEqual(['total', ...SIGNALS].sort());
    const byName = [...iterateCaseload(db, scope, { ...DEFAULT_FILTER, sort: 'name' }, sp)].map((r) => r.lastName);
    // SQLite's binary order, as before: capitals first.
    expect(byName).toEqual(['Bakker', 'Bos', 'Jansen', 'Mulder', 'Smit', 'Visser', 'de Boer']);
    const overdue = [...iterateCaseload(db, scope, { ...DEFAULT_FILTER, signal: 'AGREEMENTS_OVERDUE' }, sp)];
    expect(overdue).toHaveLength(3);
    for (const r of overdue) expect(r.signals).toContain('AGREEMENTS_OVERDUE');
  });
});
