// Retention and deletion (issue 20): due dates at the boundary, approval with four eyes, a legal hold, a DUO
// withdrawal, and — on a file database filled by the demo seeder — that nothing of the client remains anywhere.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.js';
import { closeClientTrajectory, reopenClientTrajectory } from '../../src/app/closure.js';
import { storeGeneratedDocument } from '../../src/app/documents.js';
import { exportClientData } from '../../src/app/data-export.js';
import { UseCaseError } from '../../src/app/errors.js';
import {
  approveRetentionBatch,
  liftHold,
  loadRetentionPage,
  placeLegalHold,
  proposeRetentionBatch,
  type RetentionDeps,
  runRetentionJob,
} from '../../src/app/retention.js';
import { addRetentionVersion } from '../../src/app/admin-retention.js';
import { appendAudit } from '../../src/db/audit.js';
import { refreshClientStatus } from '../../src/db/client-status.js';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { DocumentFiles } from '../../src/db/document-files.js';
import { migrate } from '../../src/db/migrate.js';
import { CLIENT_TEXT, NO_PERSONAL_TEXT, openBatch } from '../../src/db/retention.js';
import { ensureDefaultRuleSet } from '../../src/db/rules.js';
import { teamFigures } from '../../src/db/team-figures.js';
import { seedDemoData } from '../../src/demo/seed.js';
import { DEFAULT_RETENTION_RULES, dossierRetention } from '../../src/domain/retention.js';
import { fixedClock } from '../../src/lib/clock.js';
import { actorFor } from '../helpers/actor.js';
import { addProvider, addReferral } from '../helpers/provider.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { insertClient } from '../helpers/fixtures.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; refusal: unknown }): T => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  return r.value;
};
const closeForm = (type: string, closedOn: string, reason = 'Reden van afsluiten') =>
  ({ ok: true, data: { type, closedOn, reason, overrideReason: 'Toch afronden', ontheffingGround: null, newMunicipality: null } }) as never;

describe('when a dossier is due (domain)', () => {
  const facts = { closedOn: '2020-03-01', closureReason: 'COMPLETED', onHold: false, anonymisedOn: null };
  it('is not due the day before N years after the closure, and due on that day and after', () => {
    expect(dossierRetention(DEFAULT_RETENTION_RULES, facts, '2025-02-28').due).toBe(false);
    expect(dossierRetention(DEFAULT_RETENTION_RULES, facts, '2025-03-01')).toMatchObject({ due: true, dueOn: '2025-03-01', years: 5 });
    expect(dossierRetention(DEFAULT_RETENTION_RULES, facts, '2025-03-02').due).toBe(true);
  });
  it('a DUO withdrawal is due on the day of the closure; a hold or an open dossier never is', () => {
    expect(dossierRetention(DEFAULT_RETENTION_RULES, { ...facts, closureReason: 'DUO_WITHDRAWN' }, '2020-03-01')).toMatchObject({ due: true, byReason: true });
    expect(dossierRetention(DEFAULT_RETENTION_RULES, { ...facts, onHold: true }, '2030-01-01').due).toBe(false);
    expect(dossierRetention(DEFAULT_RETENTION_RULES, { ...facts, closedOn: null }, '2030-01-01').due).toBe(false);
  });
});

describe('retention batches (use cases)', () => {
  let ctx: TestContext;
  let deps: RetentionDeps;
  let tl: Actor;
  let admin: Actor;

  beforeAll(async () => {
    ctx = await buildTestApp({ now: '2026-11-24T09:00:00.000Z' });
    deps = { db: ctx.db, clock: ctx.clock, files: new DocumentFiles(ctx.documentsPath) };
  });
  const actors = () => {
    tl = actorFor(deps, ctx.users.teamleider);
    admin = actorFor(deps, ctx.users.admin);
  };
  const newClosed = (closedOn: string, reason = 'COMPLETED') => {
    const id = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName: `Boundary-${randomUUID().slice(0, 6)}` });
    ctx.db.prepare('UPDATE clients SET closed_on = ?, closure_reason = ? WHERE id = ?').run(closedOn, reason, id);
    return id;
  };
  const nameOf = (id: number) => ctx.db.prepare('SELECT last_name FROM clients WHERE id = ?').pluck().get(id);
  const listed = () => {
    const b = openBatch(ctx.db);
    return b ? (ctx.db.prepare("SELECT client_id FROM retention_batch_items WHERE batch_id = ? AND kind = 'DOSSIER'").pluck().all(b.id) as number[]) : [];
  };
  const approveOpen = (actor: Actor) => {
    const b = openBatch(ctx.db)!;
    return approveRetentionBatch(deps, actor, b.id, { ok: true, data: { version: b.version } });
  };

  it('lists a dossier from the day N years after closure, not the day before; nothing is deleted before approval', () => {
    const id = newClosed('2021-11-24');
    ctx.clock.set('2026-11-23T09:00:00.000Z');
    runRetentionJob(deps, 'dagelijkse taak');
    expect(listed()).not.toContain(id);
    ctx.clock.set('2026-11-24T09:00:00.000Z');
    runRetentionJob(deps, 'dagelijkse taak');
    expect(listed()).toContain(id);
    // Listed, not approved: the dossier is untouched.
    expect(nameOf(id)).toMatch(/^Boundary-/);
    actors();
    ok(approveOpen(tl));
    expect(nameOf(id)).toBe('Vernietigd dossier');
    const tomb = ctx.db.prepare("SELECT * FROM audit_log WHERE client_id = ? AND action = 'dossier-vernietigd'").get(id) as Record<string, string>;
    expect(tomb.details).toContain('Regel: Dossier: 5 jaar na afsluiting');
    expect(tomb.details).toContain('Goedgekeurd door Test teamleider');
    expect(tomb.details).not.toMatch(/Boundary-/);
  });

  it('four eyes: the person who made the list cannot approve it; another one can; teamleider or admin only', () => {
    const id = newClosed('2020-01-01');
    actors();
    ok(proposeRetentionBatch(deps, tl));
    expect(listed()).toContain(id);
    const own = approveOpen(tl);
    expect(own).toMatchObject({ ok: false, refusal: { kind: 'conflict' } });
    expect(nameOf(id)).toMatch(/^Boundary-/);
    expect(() => loadRetentionPage(deps, actorFor(deps, ctx.users.consulent))).toThrow(UseCaseError);
    expect(loadRetentionPage(deps, tl)).toMatchObject({ canApprove: false, ownList: true });
    expect(loadRetentionPage(deps, admin)).toMatchObject({ canApprove: true });
    ok(approveOpen(admin));
    expect(nameOf(id)).toBe('Vernietigd dossier');
    // A destroyed dossier cannot be reopened, nor put on hold.
    expect(reopenClientTrajectory(deps, tl, id, { ok: true, data: { reopenReason: 'Vergissing' } })).toMatchObject({ ok: false, refusal: { kind: 'conflict' } });
    expect(placeLegalHold(deps, tl, id, { ok: true, data: { kind: 'INSPECTIE', reason: 'Vraag' } })).toMatchObject({ ok: false, refusal: { kind: 'conflict' } });
  });

  it('a legal hold stops the deletion (also when placed after the listing) until it is lifted with a reason', () => {
    const id = newClosed('2019-06-01');
    const consulent = actorFor(deps, ctx.users.consulent);
    runRetentionJob(deps, 'dagelijkse taak');
    expect(listed()).toContain(id);
    ok(placeLegalHold(deps, consulent, id, { ok: true, data: { kind: 'BEZWAAR', reason: 'Bezwaar tegen het besluit ontheffing' } }));
    actors();
    ok(approveOpen(tl));
    expect(nameOf(id)).toMatch(/^Boundary-/);
    expect(ctx.db.prepare("SELECT status FROM retention_batch_items WHERE client_id = ? ORDER BY id DESC").pluck().get(id)).toBe('SKIPPED');
    // Not listed again while held.
    runRetentionJob(deps, 'dagelijkse taak');
    expect(listed()).not.toContain(id);
    const hold = ctx.db.prepare('SELECT id FROM legal_holds WHERE client_id = ?').pluck().get(id);
    ok(liftHold(deps, consulent, id, hold, { ok: true, data: { liftReason: 'Bezwaar ongegrond verklaard' } }));
    runRetentionJob(deps, 'dagelijkse taak');
    expect(listed()).toContain(id);
  });

  it('the retention rules are effective-dated: a shorter term from a date makes a dossier due from then', () => {
    const id = newClosed('2024-01-10');
    actors();
    if (openBatch(ctx.db)) ok(approveOpen(tl));
    runRetentionJob(deps, 'dagelijkse taak');
    expect(listed()).not.toContain(id);
    ok(addRetentionVersion(deps, admin, { ok: true, data: { rules: { ...DEFAULT_RETENTION_RULES, dossierYears: 2 }, effectiveFrom: '2026-11-25', note: null } }));
    runRetentionJob(deps, 'dagelijkse taak');
    expect(listed()).not.toContain(id);
    ctx.clock.set('2026-11-25T09:00:00.000Z');
    runRetentionJob(deps, 'dagelijkse taak');
    expect(listed()).toContain(id);
  });

  it('old audit rows, sign-in records, expired sessions and import drafts go after approval; newer ones and tombstones stay', () => {
    actors();
    if (openBatch(ctx.db)) ok(approveOpen(admin));
    ctx.clock.set('2026-11-24T09:00:00.000Z');
    const audit = (action: string, activity: 'toegang' | 'aanmelding', at: string) =>
      appendAudit(ctx.db, { traceId: 't', action, activity, startedAt: at, endedAt: at, outcome: 'ok', userId: null, username: 'x', clientId: null, details: 'oud' });
    audit('oud-bekeken', 'aanmelding', '2019-11-23T10:00:00.000Z'); // 7 years and a day: due
    audit('niet-zo-oud', 'aanmelding', '2019-11-25T10:00:00.000Z'); // within 7 years: kept
    audit('ingelogd-oud', 'toegang', '2026-05-27T10:00:00.000Z'); // 181 days: due
    audit('ingelogd-recent', 'toegang', '2026-05-29T10:00:00.000Z'); // 179 days: kept
    appendAudit(ctx.db, { traceId: 't', action: 'dossier-vernietigd', activity: 'beheer', startedAt: '2010-01-01T00:00:00.000Z', endedAt: '2010-01-01T00:00:00.000Z', outcome: 'ok', userId: null, username: 'x', clientId: null, details: 'oude grafsteen' });
    ctx.db.prepare("INSERT INTO sessions (sid, data, expires_at) VALUES ('oud', '{}', ?), ('nieuw', '{}', ?)").run(Date.parse('2026-11-20T00:00:00Z'), Date.parse('2026-11-24T12:00:00Z'));
    ctx.db.prepare("INSERT INTO hour_import_drafts (file_name, file_sha256, rows_json, created_by, created_at) VALUES ('a.csv', ?, '[]', ?, '2026-10-20T10:00:00.000Z'), ('b.csv', ?, '[]', ?, '2026-11-10T10:00:00.000Z')").run('b'.repeat(64), ctx.users.consulent, 'c'.repeat(64), ctx.users.consulent);
    runRetentionJob(deps, 'dagelijkse taak');
    const count = (sql: string) => ctx.db.prepare(sql).pluck().get();
    // Listed, not yet removed.
    expect(count("SELECT COUNT(*) FROM audit_log WHERE action = 'oud-bekeken'")).toBe(1);
    ok(approveOpen(tl));
    expect(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('oud-bekeken', 'ingelogd-oud')")).toBe(0);
    expect(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('niet-zo-oud', 'ingelogd-recent', 'dossier-vernietigd') AND details IN ('oud', 'oude grafsteen')")).toBe(3);
    expect(ctx.db.prepare('SELECT sid FROM sessions ORDER BY sid').pluck().all()).toEqual(['nieuw']);
    expect(ctx.db.prepare('SELECT file_name FROM hour_import_drafts').pluck().all()).toEqual(['b.csv']);
    // The audit log is append-only again after the run.
    expect(() => ctx.db.prepare("DELETE FROM audit_log WHERE action = 'niet-zo-oud'").run()).toThrow(/append-only/);
  });

  it("rejected provider reports lose their free text 30 days after the rejection (the row and its counts stay); accepted ones are kept", () => {
    actors();
    if (openBatch(ctx.db)) ok(approveOpen(admin));
    ctx.clock.set('2026-11-24T09:00:00.000Z');
    const clientId = insertClient(ctx.db, { teamId: ctx.teamA, consulentId: ctx.users.consulent, lastName: 'Rapport' });
    const providerId = addProvider(ctx, `Taalschool ${randomUUID().slice(0, 6)}`);
    const report = (status: string, decidedAt: string, month: string) => {
      const referralId = addReferral(ctx, clientId, providerId);
      return Number(
        ctx.db
          .prepare(
            `INSERT INTO provider_reports (referral_id, client_id, provider_id, period_kind, period_start, period_end, hours_planned, hours_attended,
               excused_reason, progress_note, levels, dropout_note, status, reject_reason, import_key, source, submitted_by, submitted_at, decided_by, decided_at)
             VALUES (?, ?, ?, 'MONTH', ?, ?, 40, 30, 'Ziek', 'Gaat goed', '[{"skill":"LEZEN","level":"A2"}]', 'Twijfelt', ?, ?, ?, 'GRID', ?, ?, ?, ?)`,
          )
          .run(referralId, clientId, providerId, `${month}-01`, `${month}-28`, status, status === 'ACCEPTED' ? null : 'Uren kloppen niet', `k-${randomUUID()}`, ctx.users.consulent, decidedAt, ctx.users.consulent, decidedAt).lastInsertRowid,
      );
    };
    const old = report('REJECTED', '2026-10-24T08:00:00.000Z', '2026-09'); // 31 days before: due
    const recent = report('REJECTED', '2026-10-26T08:00:00.000Z', '2026-09'); // 29 days: kept
    const accepted = report('ACCEPTED', '2026-01-10T08:00:00.000Z', '2025-12');
    const textOf = (id: number) => ctx.db.prepare('SELECT status, progress_note, reject_reason, dropout_note, levels FROM provider_reports WHERE id = ?').get(id);
    runRetentionJob(deps, 'dagelijkse taak');
    expect(textOf(old)).toMatchObject({ progress_note: 'Gaat goed' }); // listed, not approved
    ok(approveOpen(tl));
    expect(textOf(old)).toEqual({ status: 'REJECTED', progress_note: null, reject_reason: null, dropout_note: null, levels: '[]' });
    expect(textOf(recent)).toMatchObject({ progress_note: 'Gaat goed', reject_reason: 'Uren kloppen niet' });
    expect(textOf(accepted)).toMatchObject({ progress_note: 'Gaat goed' });
  });

  it('every table with a client_id is covered by the anonymiser (a new one must be added)', () => {
    const tables = ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const withClient = tables.filter((t) => (ctx.db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).some((c) => c.name === 'client_id'));
    const covered = new Set([...Object.keys(CLIENT_TEXT), ...NO_PERSONAL_TEXT]);
    expect(withClient.filter((t) => !covered.has(t))).toEqual([]);
  });
});

describe('deleting a dossier rich in data (demo seeder, file database)', () => {
  let dir: string;
  let db: Db;
  let deps: RetentionDeps;
  let clientId: number;
  let teamId: number;
  let personal: string[];
  let markers: string[];
  let shas: string[];
  let statusBefore: Record<string, unknown>;
  let figuresBefore: unknown;
  const clock = fixedClock('2026-11-24T09:00:00.000Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koers-retention-'));
    db = openDatabase(join(dir, 'koers.db'));
    migrate(db);
    ensureDefaultRuleSet(db, clock.now().toISOString());
    await seedDemoData(db, clock);
    deps = { db, clock, files: new DocumentFiles(join(dir, 'documents')) };
    // The open demo client with the most rows in other tables, with a BSN.
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((t) =>
      (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).some((c) => c.name === 'client_id') && t !== 'audit_log',
    );
    const counts = new Map<number, number>();
    for (const t of tables) {
      for (const r of db.prepare(`SELECT client_id AS id, COUNT(*) AS n FROM "${t}" GROUP BY client_id`).all() as { id: number; n: number }[]) {
        counts.set(r.id, (counts.get(r.id) ?? 0) + r.n);
      }
    }
    const open = db.prepare("SELECT id FROM clients WHERE closed_on IS NULL AND bsn IS NOT NULL AND email IS NOT NULL").pluck().all() as number[];
    clientId = open.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0]!;
    const c = db.prepare('SELECT * FROM clients WHERE id = ?').get(clientId) as Record<string, string>;
    teamId = Number(c.team_id);
    const consulent = actorFor(deps, Number(c.consulent_id));
    // Free text of our own, to look for afterwards, and a letter with a file on disk.
    const tag = randomUUID().slice(0, 8);
    markers = [`Gevoelige notitie ${tag}`, `Brieftekst ${tag}`, `Meldcode-zorg ${tag}`];
    const now = clock.now().toISOString();
    db.prepare(`INSERT INTO contact_attempts (client_id, attempted_on, channel, with_client, reached, note, created_by, created_at)
      VALUES (?, '2026-11-20', 'TELEFOON', 1, 1, ?, ?, ?)`).run(clientId, markers[0], consulent.user.id, now);
    const noteId = db.prepare(`INSERT INTO restricted_notes (client_id, kind, noted_on, body, created_by, created_at)
      VALUES (?, 'MELDCODE', '2026-11-20', ?, ?, ?)`).run(clientId, markers[2], consulent.user.id, now).lastInsertRowid;
    db.prepare(`INSERT INTO restricted_note_access (note_id, client_id, user_id, reason, opened_on, opened_at)
      VALUES (?, ?, ?, ?, '2026-11-21', ?)`).run(noteId, clientId, consulent.user.id, `Waarneming ${markers[2]}`, now);
    const typeId = db.prepare('SELECT id FROM document_types LIMIT 1').pluck().get() as number;
    storeGeneratedDocument(
      deps,
      consulent,
      { id: clientId, teamId, consulentId: consulent.user.id, closedOn: null } as never,
      { typeId, documentDate: '2026-11-20', description: `Brief aan ${c.first_name} ${c.last_name}`, linkTable: null, linkId: null, sharedWithProvider: false },
      { name: 'brief.pdf', bytes: Buffer.from(`%PDF-1.4 ${markers[1]} ${c.bsn}`), mimeType: 'application/pdf', letterData: JSON.stringify({ body: markers[1], bsn: c.bsn }) },
      `Brief gemaakt voor ${c.first_name} ${c.last_name}`,
    );
    appendAudit(db, { traceId: 't', action: 'clienten-lijst-bekeken', activity: 'aanmelding', startedAt: now, endedAt: now, outcome: 'ok', userId: consulent.user.id, username: 'x', clientId: null, details: `zoekterm ${c.bsn}, daarna ${c.first_name} ${c.last_name}` });
    db.prepare(`INSERT INTO hour_import_drafts (file_name, file_sha256, rows_json, created_by, created_at) VALUES ('uren.csv', ?, ?, ?, ?)`).run(
      'a'.repeat(64),
      JSON.stringify([{ bsn: c.bsn, naam: c.last_name }]),
      consulent.user.id,
      now,
    );
    shas = db.prepare('SELECT v.sha256 FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.client_id = ?').pluck().all(clientId) as string[];
    personal = [c.bsn, `${c.first_name} ${c.last_name}`, c.client_number, c.email, c.phone, c.address].filter((v): v is string => !!v);
    // DUO withdrawal, recorded by the consulent through the closure.
    ok(closeClientTrajectory(deps, consulent, clientId, closeForm('DUO_WITHDRAWN', '2026-11-24', 'Correctiesignaal van DUO ontvangen')));
    refreshClientStatus(db, clientId, '2026-11-24');
    statusBefore = db.prepare('SELECT * FROM client_status WHERE client_id = ?').get(clientId) as Record<string, unknown>;
    figuresBefore = teamFigures(db, teamId, '2020-01-01', '2026-11-24');
  }, 60_000);

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a rich dossier to delete', () => {
    expect(shas.length).toBeGreaterThan(0);
    for (const s of shas) expect(existsSync(deps.files.pathOf(s))).toBe(true);
    const rows = Object.keys(CLIENT_TEXT).reduce((n, t) => n + (db.prepare(`SELECT COUNT(*) FROM "${t}" WHERE client_id = ?`).pluck().get(clientId) as number), 0);
    expect(rows).toBeGreaterThan(15);
  });

  it('a DUO withdrawal makes it due at once; after approval nothing of the client remains anywhere, the figures still count it', () => {
    runRetentionJob(deps, 'dagelijkse taak');
    const batch = openBatch(db)!;
    expect(db.prepare("SELECT client_id FROM retention_batch_items WHERE batch_id = ? AND kind = 'DOSSIER'").pluck().all(batch.id)).toContain(clientId);
    // Approve by a teamleider (the job is not a person).
    const tlId = db.prepare("SELECT id FROM users WHERE role = 'teamleider' AND team_id = ?").pluck().get(teamId) as number;
    ok(approveRetentionBatch(deps, actorFor(deps, tlId), batch.id, { ok: true, data: { version: batch.version } }));

    // Every table, every text value.
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const found: string[] = [];
    for (const t of tables) {
      for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
        for (const [col, v] of Object.entries(row)) {
          const s = typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('latin1') : '';
          for (const p of [...personal, ...markers]) if (s.includes(p)) found.push(`${t}.${col}: ${p}`);
        }
      }
    }
    expect(found).toEqual([]);
    // Every free-text column of the client's rows is empty.
    for (const [t, cols] of Object.entries(CLIENT_TEXT)) {
      for (const col of cols) {
        const left = db.prepare(`SELECT COUNT(*) FROM "${t}" WHERE client_id = ? AND "${col}" IS NOT NULL AND "${col}" <> ''`).pluck().get(clientId);
        expect(left, `${t}.${col}`).toBe(0);
      }
    }
    // The documents' files are gone, and no file in the documents folder holds the values.
    for (const s of shas) expect(existsSync(deps.files.pathOf(s))).toBe(false);
    const walk = (d: string): string[] => (existsSync(d) ? readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)])) : []);
    for (const f of walk(deps.files.root)) for (const p of [...personal, ...markers]) expect(readFileSync(f).toString('latin1').includes(p), f).toBe(false);
    // The database file itself (after the checkpoint and VACUUM) holds no BSN or marker.
    const bytes = readFileSync(join(dir, 'koers.db')).toString('latin1');
    expect(bytes.includes(personal[0]!)).toBe(false);
    for (const m of markers) expect(bytes.includes(m)).toBe(false);
    const wal = join(dir, 'koers.db-wal');
    if (existsSync(wal)) expect(readFileSync(wal).toString('latin1').includes(personal[0]!)).toBe(false);

    // Statistics: client_status recomputed from what is left gives the same facts, and the team figures count it.
    refreshClientStatus(db, clientId, '2026-11-24');
    const after = db.prepare('SELECT * FROM client_status WHERE client_id = ?').get(clientId) as Record<string, unknown>;
    expect({ ...after, computed_on: null }).toEqual({ ...statusBefore, computed_on: null });
    expect(teamFigures(db, teamId, '2020-01-01', '2026-11-24')).toEqual(figuresBefore);
    expect(db.prepare('SELECT closure_reason, doelgroep, linked_on FROM clients WHERE id = ?').get(clientId)).toMatchObject({ closure_reason: 'DUO_WITHDRAWN' });

    // The tombstone, and the access-request export lists it.
    const tomb = db.prepare("SELECT details FROM audit_log WHERE client_id = ? AND action = 'dossier-vernietigd'").pluck().get(clientId) as string;
    expect(tomb).toMatch(/direct na afsluiting \(ingetrokken door DUO\)/);
    expect(tomb).toMatch(/1 document\(en\) met 1 versie/);
    const exported = exportClientData(deps, actorFor(deps, tlId), clientId).document as unknown as { vernietigingen: { details: string }[] };
    expect(exported.vernietigingen).toHaveLength(1);
    expect(exported.vernietigingen[0]!.details).toContain('Vernietigd op 2026-11-24');
  });
});
