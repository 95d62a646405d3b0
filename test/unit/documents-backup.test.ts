import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupAll } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { createApp } from '../../src/web/app.js';
import { buildTestApp, loginAs } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';
import { SAMPLES } from '../helpers/sample-files.js';


describe('backup and restore with documents', () => {
  it('the backup holds the documents; restored into a fresh directory, a document downloads', async () => {
    const ctx = await buildTestApp();
    const clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    const { agent, csrf } = await ctx.login('consulent');
    const typeId = ctx.db.prepare("SELECT id FROM document_types WHERE code = 'PVT'").pluck().get() as number;
    const up = await agent
      .post(`/clients/${clientId}/documents`)
      .field('_csrf', csrf)
      .field('typeId', String(typeId))
      .field('documentDate', '2026-11-20')
      .field('description', 'PVT')
      .attach('file', SAMPLES.odt.bytes, SAMPLES.odt.name);
    expect(up.status).toBe(303);
    const docId = Number(up.headers.location!.split('/').pop());

    const backups = mkdtempSync(join(tmpdir(), 'koers-backup-'));
    const done = await backupAll(ctx.db, ctx.documentsPath, join(backups, 'koers-test.db'));
    expect(done).toEqual({ database: join(backups, 'koers-test.db'), documents: join(backups, 'koers-test-documents'), files: 1 });

    // Restore as the README says, into a fresh directory: the database file and the documents folder.
    const fresh = mkdtempSync(join(tmpdir(), 'koers-restore-'));
    copyFileSync(done.database, join(fresh, 'koers.db'));
    execFileSync('cp', ['-R', done.documents, join(fresh, 'documents')]);
    const db = openDatabase(join(fresh, 'koers.db'));
    expect(migrate(db).applied).toEqual([]);
    const app = createApp({ db, clock: ctx.clock, config: { sessionSecret: 'x', documentsPath: join(fresh, 'documents') } });
    const restored = await loginAs(app, 'consulent');
    const res = await restored.agent.get(`/clients/${clientId}/documents/${docId}/file`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="portfolio.odt"/);
    expect((res.body as Buffer).equals(SAMPLES.odt.bytes)).toBe(true);
    expect(readdirSync(join(fresh, 'documents'), { recursive: true }).length).toBeGreaterThan(0);
    db.close();
  });

  it('the backup command writes both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-cli-'));
    const db = openDatabase(join(dir, 'live.db'));
    migrate(db);
    db.close();
    const out = execFileSync('npx', ['tsx', 'src/cli/backup.ts', join(dir, 'copy.db')], {
      env: { ...process.env, DATABASE_PATH: join(dir, 'live.db'), DOCUMENTS_PATH: join(dir, 'docs') },
      encoding: 'utf8',
    });
    expect(out).toContain(`Back-up gemaakt: ${join(dir, 'copy.db')}`);
    expect(out).toContain(`Documenten (0 bestanden): ${join(dir, 'copy-documents')}`);
    expect(existsSync(join(dir, 'copy-documents'))).toBe(true);
  });
});
