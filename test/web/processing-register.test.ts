import { describe, expect, it } from 'vitest';
import { isRegisteredActivity } from '../../src/domain/processing-register.js';
import { PROCESSING_ACTIVITIES } from '../../src/domain/processing-activities.js';
import { buildTestApp } from '../helpers/app.js';
import { DEFAULT_RETENTION_RULES, insertRetentionVersion } from '../../src/db/retention.js';
import { zRouteClient } from '../helpers/fixtures.js';

describe('register of processing (admin page, CSV, JSON)', () => {
  it('is generated from the processing activities, for the admin only, with its downloads audited', async () => {
    const ctx = await buildTestApp();
    const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const consulent = await ctx.login('consulent');
    // Some work under several activities, so the audit log has rows.
    for (const path of [`/clients/${id}`, `/clients/${id}/pip`, `/clients/${id}/hours`, `/clients/${id}/restricted-notes`, '/caseload']) {
      expect((await consulent.agent.get(path)).status, path).toBe(200);
    }
    const admin = await ctx.login('admin');
    const page = await admin.agent.get('/admin/processing-register');
    expect(page.status).toBe(200);
    for (const name of Object.values(PROCESSING_ACTIVITIES)) expect(page.text).toContain(name.replace(/'/g, '&#39;'));
    expect(page.text).toContain('AVG art. 9 lid 2 onder g');
    expect(page.text).toContain('Taalaanbieder en participatiecoach');
    expect(page.text).toContain('bewaarregel: DOSSIER, AUDIT_LOG');
    expect(page.text).not.toContain('Niet in het register');

    const csv = await admin.agent.get('/admin/processing-register/export.csv').buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="verwerkingsregister-2026-11-24.csv"');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Verwerkingsactiviteit (code);Naam;Doel;Grondslag');
    expect(lines).toHaveLength(Object.keys(PROCESSING_ACTIVITIES).length + 1);
    expect(lines.find((l) => l.startsWith('afgeschermd;'))).toContain('AVG art. 10');

    const json = await admin.agent.get('/admin/processing-register/export.json');
    expect(json.status).toBe(200);
    const doc = json.body as { verwerkingsregister: { activity: string; auditRows: number }[]; nietInRegister: string[] };
    expect(doc.verwerkingsregister.map((r) => r.activity)).toEqual(Object.keys(PROCESSING_ACTIVITIES));
    expect(doc.verwerkingsregister.find((r) => r.activity === 'afgeschermd')!.auditRows).toBeGreaterThan(0);
    expect(doc.nietInRegister).toEqual([]);

    // Every activity in the audit log has an entry.
    const logged = ctx.db.prepare('SELECT DISTINCT activity FROM audit_log').pluck().all() as string[];
    expect(logged.length).toBeGreaterThan(3);
    expect(logged.filter((a) => !isRegisteredActivity(a))).toEqual([]);
    const actions = ctx.db.prepare("SELECT action FROM audit_log WHERE activity = 'beheer'").pluck().all();
    expect(actions).toEqual(expect.arrayContaining(['verwerkingsregister-bekeken', 'verwerkingsregister-gedownload']));

    for (const who of ['consulent', 'teamleider']) {
      const a = who === 'consulent' ? consulent : await ctx.login(who);
      for (const path of ['/admin/processing-register', '/admin/processing-register/export.csv', '/admin/processing-register/export.json']) {
        expect((await a.agent.get(path)).status, `${who} ${path}`).toBe(403);
      }
    }
  });

  it('shows the retention rules in force, from the admin retention rules (a new version shows once it applies)', async () => {
    const ctx = await buildTestApp();
    const admin = await ctx.login('admin');
    const before = await admin.agent.get('/admin/processing-register');
    expect(before.text).toContain('Nu: Dossier: 5 jaar na afsluiting; standaardtermijnen');
    const later = insertRetentionVersion(ctx.db, {
      effectiveFrom: '2026-11-25',
      rules: { ...DEFAULT_RETENTION_RULES, dossierYears: 7 },
      note: null,
      createdBy: ctx.users.admin,
      now: '2026-11-24T10:00:00Z',
    });
    // Not yet in force on the test's today (2026-11-24).
    expect((await admin.agent.get('/admin/processing-register')).text).toContain('Nu: Dossier: 5 jaar na afsluiting');
    insertRetentionVersion(ctx.db, {
      effectiveFrom: '2026-11-24',
      rules: { ...DEFAULT_RETENTION_RULES, dossierYears: 6 },
      note: null,
      createdBy: ctx.users.admin,
      now: '2026-11-24T10:00:00Z',
    });
    const now = await admin.agent.get('/admin/processing-register');
    expect(now.text).toMatch(/Nu: Dossier: 6 jaar na afsluiting; bewaarregels versie \d+/);
    expect(now.text).not.toContain(`versie ${later}`);
    const csv = await admin.agent.get('/admin/processing-register/export.csv').buffer(true);
    expect(csv.text).toContain('Bewaarregels nu in werking');
    expect(csv.text).toContain('Dossier: 6 jaar na afsluiting');
  });

  it('names an activity found in the audit log without an entry', async () => {
    const ctx = await buildTestApp();
    ctx.db
      .prepare(
        `INSERT INTO audit_log (trace_id, action, activity, started_at, ended_at, outcome) VALUES ('t', 'x', 'marketing', '2026-11-24', '2026-11-24', 'ok')`,
      )
      .run();
    const admin = await ctx.login('admin');
    const page = await admin.agent.get('/admin/processing-register');
    expect(page.text).toContain('Niet in het register');
    expect(page.text).toContain('marketing');
  });
});
