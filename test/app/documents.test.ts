import { existsSync, readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  changeDocumentDetails,
  cleanFileName,
  type DocumentDeps,
  type DocumentForm,
  loadDocumentsPage,
  mayReadDocument,
  openDocumentFile,
  removeDocumentWithReason,
  uploadDocument,
  uploadDocumentVersion,
} from '../../src/app/documents.js';
import { UseCaseError } from '../../src/app/errors.js';
import { DocumentFiles } from '../../src/db/document-files.js';
import { listClientEvents } from '../../src/db/timeline.js';
import { actorFor, auditActions, closeClientDirectly } from '../helpers/actor.js';
import { buildTestApp, type TestContext } from '../helpers/app.js';
import { zRouteClient } from '../helpers/fixtures.js';
import { HOSTILE, SAMPLES } from '../helpers/sample-files.js';

const form = (typeId: number, over: Partial<DocumentForm> = {}): { ok: true; data: DocumentForm } => ({
  ok: true,
  data: { typeId, documentDate: '2026-11-20', description: 'Eindrapport taalschool', link: null, sharedWithProvider: false, ...over },
});

function files(deps: DocumentDeps): string[] {
  const root = deps.files.root;
  return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

describe('documents use cases (no HTTP)', () => {
  let ctx: TestContext;
  let deps: DocumentDeps;
  let clientId: number;
  let typeId: number;
  beforeEach(async () => {
    ctx = await buildTestApp();
    deps = { db: ctx.db, clock: ctx.clock, files: new DocumentFiles(ctx.documentsPath) };
    clientId = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
    typeId = ctx.db.prepare("SELECT id FROM document_types WHERE code = 'EINDRAPPORT'").pluck().get() as number;
  });

  const upload = (userId = ctx.users.consulent, file: { name: string; bytes: Buffer } | null = SAMPLES.pdf, f = form(typeId)) =>
    uploadDocument(deps, actorFor(ctx, userId), clientId, f, file);

  it('uploads: the row, the file by its hash, a timeline event and an audit row', async () => {
    const r = await upload();
    expect(r).toEqual({ ok: true, value: { id: 1, summary: 'Eindrapport aanbieder – Eindrapport taalschool (PVT getekend.pdf)' } });
    expect(files(deps)).toEqual([DocumentFiles.sha256(SAMPLES.pdf.bytes)]);
    expect(listClientEvents(ctx.db, clientId, 1)[0]).toMatchObject({ kind: 'DOCUMENT', refTable: 'documents', refId: 1 });
    expect(auditActions(ctx, clientId)).toEqual(['document-toegevoegd']);
  });

  it('refuses by content and stores nothing (no row, no file, no event)', async () => {
    const events = listClientEvents(ctx.db, clientId, 100).length;
    for (const bad of [HOSTILE.htmlAsPdf, HOSTILE.svgWithScript, HOSTILE.empty, null]) {
      const r = await upload(ctx.users.consulent, bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.refusal.kind).toBe('invalid');
    }
    expect(ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
    expect(files(deps)).toEqual([]);
    expect(listClientEvents(ctx.db, clientId, 100)).toHaveLength(events);
  });

  it('takes the file away again when the metadata transaction fails', async () => {
    ctx.db.exec("CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON document_versions BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await expect(upload()).rejects.toThrow('disk full');
    expect(ctx.db.prepare('SELECT COUNT(*) FROM documents').pluck().get()).toBe(0);
    expect(files(deps)).toEqual([]);
  });

  it('keeps a file that another document already refers to when a second upload fails', async () => {
    await upload();
    ctx.db.exec("CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON document_versions BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await expect(upload()).rejects.toThrow('disk full');
    expect(files(deps)).toHaveLength(1);
  });

  it('refuses a closed dossier', async () => {
    closeClientDirectly(ctx, clientId);
    const r = await upload();
    expect(r.ok || r.refusal.kind).toBe('closed');
    expect(files(deps)).toEqual([]);
  });

  it('another team: not found; an admin: forbidden', async () => {
    await expect(upload(ctx.users.otherConsulent)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(upload(ctx.users.admin)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(() => loadDocumentsPage(ctx, actorFor(ctx, ctx.users.otherTeamleider), clientId)).toThrow(UseCaseError);
    await upload();
    expect(() => openDocumentFile(deps, actorFor(ctx, ctx.users.otherConsulent), clientId, 1, null, false)).toThrow(UseCaseError);
    expect(() => openDocumentFile(deps, actorFor(ctx, ctx.users.admin), clientId, 1, null, false)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }) as Error,
    );
  });

  it('a provider may read only what is shared with it; consulent and teamleider read all; nobody else', () => {
    const shared = { sharedWithProvider: true };
    const notShared = { sharedWithProvider: false };
    expect(mayReadDocument({ role: 'consulent' }, notShared)).toBe(true);
    expect(mayReadDocument({ role: 'teamleider' }, notShared)).toBe(true);
    // The provider role does not exist yet (roles are consulent, teamleider, admin); the rule is ready for it.
    expect(mayReadDocument({ role: 'provider' as 'consulent' }, shared)).toBe(true);
    expect(mayReadDocument({ role: 'provider' as 'consulent' }, notShared)).toBe(false);
    expect(mayReadDocument({ role: 'admin' }, shared)).toBe(false);
  });

  it('a new version keeps the old one; a stale version is refused', async () => {
    await upload();
    const r = await uploadDocumentVersion(deps, actorFor(ctx, ctx.users.consulent), clientId, 1, 1, SAMPLES.png);
    expect(r).toEqual({ ok: true, value: { versionNo: 2, summary: 'Eindrapport aanbieder – Eindrapport taalschool' } });
    expect(files(deps)).toHaveLength(2);
    const stale = await uploadDocumentVersion(deps, actorFor(ctx, ctx.users.consulent), clientId, 1, 1, SAMPLES.jpg);
    expect(stale.ok || stale.refusal.kind).toBe('stale');
    expect(files(deps)).toHaveLength(2); // the stale upload's new file is taken away again
    const old = openDocumentFile(deps, actorFor(ctx, ctx.users.consulent), clientId, 1, 1, false);
    expect(old.bytes.equals(SAMPLES.pdf.bytes)).toBe(true);
    expect(auditActions(ctx, clientId)).toEqual(['document-toegevoegd', 'document-nieuwe-versie', 'document-geopend']);
  });

  it('details: stale version refused; removal keeps the record and needs a reason', async () => {
    await upload();
    const actor = actorFor(ctx, ctx.users.consulent);
    expect(changeDocumentDetails(ctx, actor, clientId, 1, 1, form(typeId, { description: 'Nieuw' })).ok).toBe(true);
    const stale = changeDocumentDetails(ctx, actor, clientId, 1, 1, form(typeId, { description: 'Ander' }));
    expect(stale.ok || stale.refusal.kind).toBe('stale');
    const noReason = removeDocumentWithReason(ctx, actor, clientId, 1, { ok: false, errors: { reason: 'Vul de reden van verwijderen in' } });
    expect(noReason.ok || noReason.refusal.kind).toBe('invalid');
    expect(removeDocumentWithReason(ctx, actor, clientId, 1, { ok: true, data: { reason: 'Dubbel', version: 2 } }).ok).toBe(true);
    expect(ctx.db.prepare('SELECT removed_at IS NOT NULL AS removed, remove_reason FROM documents').get()).toEqual({ removed: 1, remove_reason: 'Dubbel' });
    expect(files(deps)).toHaveLength(1);
  });

  it('cleans file names', () => {
    expect(cleanFileName('C:\\Users\\x\\Mijn PVT (getekend).PDF', 'pdf')).toBe('Mijn PVT (getekend).pdf');
    expect(cleanFileName('../../etc/passwd', 'png')).toBe('passwd.png');
    expect(cleanFileName('<script>alert(1)</script>.html', 'pdf')).toBe('script.pdf'); // '/' ends a path segment
    expect(cleanFileName('<b onmouseover=x>"rapport"', 'pdf')).toBe('b onmouseover_x_rapport.pdf');
    expect(cleanFileName('....', 'pdf')).toBe('document.pdf');
    expect(cleanFileName('Überweisung  Çalışma\u202e.docx', 'docx')).toBe('Überweisung Çalışma.docx');
    expect(cleanFileName(`${'a'.repeat(300)}.pdf`, 'pdf')).toHaveLength(104);
  });
});
