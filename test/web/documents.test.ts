import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext, withCharacters } from '../helpers/app.js';
import { addConversation, zRouteClient } from '../helpers/fixtures.js';
import { HOSTILE, SAMPLES } from '../helpers/sample-files.js';

async function setup() {
  const ctx = await buildTestApp();
  const id = zRouteClient(ctx.db, ctx.teamA, ctx.users.consulent);
  const login = await ctx.login('consulent');
  const pvtType = ctx.db.prepare("SELECT id FROM document_types WHERE code = 'PVT'").pluck().get() as number;
  return { ctx, id, ...login, pvtType };
}

type Setup = Awaited<ReturnType<typeof setup>>;

function upload(s: Pick<Setup, 'agent' | 'csrf' | 'pvtType'>, clientId: number, file: { name: string; bytes: Buffer }, fields: Record<string, string> = {}) {
  const req = s.agent
    .post(`/clients/${clientId}/documents`)
    .field('_csrf', s.csrf)
    .field('typeId', String(s.pvtType))
    .field('documentDate', '2026-11-20')
    .field('description', fields.description ?? 'Getekende participatieverklaring');
  for (const [k, v] of Object.entries(fields)) if (k !== 'description') req.field(k, v);
  return req.attach('file', file.bytes, { filename: file.name, contentType: 'application/pdf' });
}

/** Every file stored under the documents path. */
function storedFiles(ctx: TestContext): string[] {
  if (!existsSync(ctx.documentsPath)) return [];
  return readdirSync(ctx.documentsPath, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

const count = (ctx: TestContext, sql: string, ...args: unknown[]) => ctx.db.prepare(sql).pluck().get(...args) as number;

describe('documents: upload', () => {
  it.each(Object.entries(SAMPLES))('stores a %s checked by its content, with event, audit row and the file by its SHA-256', async (_ext, sample) => {
    const s = await setup();
    const res = await upload(s, s.id, sample);
    expect(res.status).toBe(303);
    const doc = s.ctx.db.prepare('SELECT * FROM documents WHERE client_id = ?').get(s.id) as Record<string, unknown>;
    expect(doc).toMatchObject({ type_id: s.pvtType, document_date: '2026-11-20', description: 'Getekende participatieverklaring', removed_at: null });
    expect(res.headers.location).toBe(`/clients/${s.id}/documents/${doc.id}`);
    const v = s.ctx.db.prepare('SELECT * FROM document_versions WHERE document_id = ?').get(doc.id) as Record<string, unknown>;
    expect(v).toMatchObject({ version_no: 1, mime_type: sample.mime, size_bytes: sample.bytes.length });
    const sha = v.sha256 as string;
    const path = join(s.ctx.documentsPath, sha.slice(0, 2), sha);
    expect(readFileSync(path).equals(sample.bytes)).toBe(true);
    expect(storedFiles(s.ctx)).toEqual([path]); // no temporary file left behind
    const events = s.ctx.db.prepare("SELECT summary FROM client_events WHERE client_id = ? AND kind = 'DOCUMENT'").pluck().all(s.id);
    expect(events).toEqual([expect.stringMatching(/^Document toegevoegd: PVT getekend – Getekende participatieverklaring/)]);
    expect(count(s.ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'document-toegevoegd' AND client_id = ? AND activity = 'documenten'", s.id)).toBe(1);
    const list = await s.agent.get(`/clients/${s.id}/documents`);
    expect(list.text).toContain('Getekende participatieverklaring');
    const dossier = await s.agent.get(`/clients/${s.id}`);
    expect(withCharacters(dossier.text)).toContain('Document toegevoegd: PVT getekend – Getekende participatieverklaring');
  });

  it.each([
    ['an HTML file renamed .pdf', HOSTILE.htmlAsPdf, 'Dit bestand is geen PDF, JPEG, PNG, DOCX, XLSX of ODT'],
    ['an SVG with a script, named .pdf', HOSTILE.svgWithScript, 'Dit bestand is geen PDF, JPEG, PNG, DOCX, XLSX of ODT'],
    ['an SVG', HOSTILE.svgAsSvg, 'Dit bestand is geen PDF, JPEG, PNG, DOCX, XLSX of ODT'],
    ['a ZIP named .docx', HOSTILE.zipNotOffice, 'Dit bestand is geen PDF, JPEG, PNG, DOCX, XLSX of ODT'],
    ['an empty file', HOSTILE.empty, 'Het bestand is leeg'],
  ])('refuses %s with a Dutch message next to the field and stores nothing', async (_what, file, message) => {
    const s = await setup();
    const res = await upload(s, s.id, file);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(new RegExp(`id="veld-file-fout"><span class="koers-visually-hidden">Fout: </span>${message}`));
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('value="Getekende participatieverklaring"'); // input kept
    expect(count(s.ctx, 'SELECT COUNT(*) FROM documents')).toBe(0);
    expect(count(s.ctx, 'SELECT COUNT(*) FROM document_versions')).toBe(0);
    expect(count(s.ctx, "SELECT COUNT(*) FROM client_events WHERE kind = 'DOCUMENT'")).toBe(0);
    expect(storedFiles(s.ctx)).toEqual([]);
  });

  it('refuses a file over the size limit (an admin setting) and stores nothing', async () => {
    const s = await setup();
    const admin = await s.ctx.login('admin');
    const set = await admin.agent.post('/admin/documents/max-size').type('form').send({ _csrf: admin.csrf, maxMb: '1' });
    expect(set.status).toBe(303);
    const big = Buffer.concat([SAMPLES.pdf.bytes, Buffer.alloc(1024 * 1024)]);
    const res = await upload(s, s.id, { name: 'groot.pdf', bytes: big });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Het bestand is groter dan 1 MB. Kies een kleiner bestand.');
    expect(count(s.ctx, 'SELECT COUNT(*) FROM documents')).toBe(0);
    expect(storedFiles(s.ctx)).toEqual([]);
    // Just under the limit is fine.
    const ok = await upload(s, s.id, { name: 'net.pdf', bytes: big.subarray(0, 1024 * 1024) });
    expect(ok.status).toBe(303);
  });

  it('the default limit is 10 MB', async () => {
    const s = await setup();
    const res = await upload(s, s.id, { name: 'groot.pdf', bytes: Buffer.concat([SAMPLES.pdf.bytes, Buffer.alloc(10 * 1024 * 1024)]) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Het bestand is groter dan 10 MB');
    expect(count(s.ctx, 'SELECT COUNT(*) FROM documents')).toBe(0);
  });

  it('refuses missing details and an unknown link, and keeps nothing', async () => {
    const s = await setup();
    const res = await s.agent
      .post(`/clients/${s.id}/documents`)
      .field('_csrf', s.csrf)
      .field('typeId', '')
      .field('documentDate', '31-02-2026')
      .field('description', '')
      .field('link', 'conversations:999')
      .attach('file', SAMPLES.pdf.bytes, 'a.pdf');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vul het soort document in');
    expect(res.text).toContain('geen geldige datum');
    expect(res.text).toContain('Vul de omschrijving in');
    expect(count(s.ctx, 'SELECT COUNT(*) FROM documents')).toBe(0);
    expect(storedFiles(s.ctx)).toEqual([]);
  });

  it('cleans the file name and takes the extension from the content', async () => {
    const s = await setup();
    await upload(s, s.id, { name: '..\\..\\C:\\etc/pa"ss<wd>;*? .png', bytes: SAMPLES.pdf.bytes });
    const name = s.ctx.db.prepare('SELECT file_name FROM document_versions').pluck().get();
    expect(name).toBe('pa_ss_wd.pdf');
  });

  it('refuses a request without the CSRF token, and stores nothing', async () => {
    const s = await setup();
    const res = await s.agent
      .post(`/clients/${s.id}/documents`)
      .field('typeId', String(s.pvtType))
      .field('documentDate', '2026-11-20')
      .field('description', 'x')
      .attach('file', SAMPLES.pdf.bytes, 'a.pdf');
    expect(res.status).toBe(403);
    expect(count(s.ctx, 'SELECT COUNT(*) FROM documents')).toBe(0);
  });
});

async function withDocument(file = SAMPLES.pdf) {
  const s = await setup();
  await upload(s, s.id, file);
  const docId = s.ctx.db.prepare('SELECT id FROM documents').pluck().get() as number;
  return { ...s, docId };
}

describe('documents: download', () => {
  it('serves a PDF inline with nosniff and a policy that runs no script', async () => {
    const s = await withDocument();
    const res = await s.agent.get(`/clients/${s.id}/documents/${s.docId}/file`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="PVT getekend.pdf"; filename*=UTF-8''PVT%20getekend.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect((res.body as Buffer).equals(SAMPLES.pdf.bytes)).toBe(true);
  });

  it('sends a PDF as an attachment when asked to download', async () => {
    const s = await withDocument();
    const res = await s.agent.get(`/clients/${s.id}/documents/${s.docId}/file?download=1`);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="PVT getekend.pdf"/);
  });

  it.each([
    ['docx', 'attachment'],
    ['xlsx', 'attachment'],
    ['odt', 'attachment'],
    ['png', 'inline'],
    ['jpg', 'inline'],
  ] as const)('a %s is sent as %s', async (ext, disposition) => {
    const s = await withDocument(SAMPLES[ext]);
    const res = await s.agent.get(`/clients/${s.id}/documents/${s.docId}/file`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(SAMPLES[ext].mime);
    expect(res.headers['content-disposition']!.split(';')[0]).toBe(disposition);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'; sandbox");
  });

  it('writes an audit row for the list, the document page and every view or download', async () => {
    const s = await withDocument();
    await s.agent.get(`/clients/${s.id}/documents`);
    await s.agent.get(`/clients/${s.id}/documents/${s.docId}`);
    await s.agent.get(`/clients/${s.id}/documents/${s.docId}/file`);
    await s.agent.get(`/clients/${s.id}/documents/${s.docId}/file?download=1`);
    const rows = s.ctx.db
      .prepare("SELECT action, activity, details, user_id AS userId FROM audit_log WHERE client_id = ? AND action LIKE 'document%' ORDER BY id")
      .all(s.id);
    expect(rows).toEqual([
      { action: 'document-toegevoegd', activity: 'documenten', details: `document ${s.docId}`, userId: s.ctx.users.consulent },
      { action: 'documenten-bekeken', activity: 'documenten', details: null, userId: s.ctx.users.consulent },
      { action: 'document-bekeken', activity: 'documenten', details: `document ${s.docId}`, userId: s.ctx.users.consulent },
      { action: 'document-geopend', activity: 'documenten', details: `document ${s.docId} versie 1`, userId: s.ctx.users.consulent },
      { action: 'document-gedownload', activity: 'documenten', details: `document ${s.docId} versie 1`, userId: s.ctx.users.consulent },
    ]);
  });

  it('is never served from a public path', async () => {
    const s = await withDocument();
    const sha = s.ctx.db.prepare('SELECT sha256 FROM document_versions').pluck().get() as string;
    for (const path of [`/documents/${sha.slice(0, 2)}/${sha}`, `/data/documents/${sha.slice(0, 2)}/${sha}`, `/css/../data/documents/${sha.slice(0, 2)}/${sha}`]) {
      const res = await s.agent.get(path);
      expect(res.status).toBe(404);
    }
  });
});

describe('documents: access', () => {
  it('another team gets 404 for the list, the document, the file and the upload; nothing stored', async () => {
    const s = await withDocument();
    const other = await s.ctx.login('otherConsulent');
    for (const path of [`/clients/${s.id}/documents`, `/clients/${s.id}/documents/${s.docId}`, `/clients/${s.id}/documents/${s.docId}/file`]) {
      expect((await other.agent.get(path)).status).toBe(404);
    }
    const res = await upload({ ...other, pvtType: s.pvtType }, s.id, SAMPLES.png);
    expect(res.status).toBe(404);
    expect(count(s.ctx, 'SELECT COUNT(*) FROM documents')).toBe(1);
    expect(count(s.ctx, "SELECT COUNT(*) FROM audit_log WHERE action = 'dossier-geweigerd' AND client_id = ?", s.id)).toBeGreaterThanOrEqual(4);
  });

  it('an admin gets 403 and cannot read a document', async () => {
    const s = await withDocument();
    const admin = await s.ctx.login('admin');
    for (const path of [`/clients/${s.id}/documents`, `/clients/${s.id}/documents/${s.docId}`, `/clients/${s.id}/documents/${s.docId}/file`]) {
      const res = await admin.agent.get(path);
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('%PDF');
    }
  });

  it('the teamleider of the team reads the documents', async () => {
    const s = await withDocument();
    const tl = await s.ctx.login('teamleider');
    expect((await tl.agent.get(`/clients/${s.id}/documents/${s.docId}/file`)).status).toBe(200);
  });

  it('a document of another client is not found under this client', async () => {
    const s = await withDocument();
    const second = zRouteClient(s.ctx.db, s.ctx.teamA, s.ctx.users.consulent);
    expect((await s.agent.get(`/clients/${second}/documents/${s.docId}/file`)).status).toBe(404);
  });
});

describe('documents: versions, details and removal', () => {
  it('a new version never overwrites the old one', async () => {
    const s = await withDocument();
    const page = await s.agent.get(`/clients/${s.id}/documents/${s.docId}`);
    expect(page.text).toContain('Nieuwe versie toevoegen');
    const res = await s.agent
      .post(`/clients/${s.id}/documents/${s.docId}/versions`)
      .field('_csrf', s.csrf)
      .field('version', '1')
      .attach('file', SAMPLES.png.bytes, 'nieuwe scan.png');
    expect(res.status).toBe(303);
    const versions = s.ctx.db.prepare('SELECT version_no, mime_type, sha256 FROM document_versions WHERE document_id = ? ORDER BY version_no').all(s.docId) as { sha256: string }[];
    expect(versions).toMatchObject([{ version_no: 1, mime_type: 'application/pdf' }, { version_no: 2, mime_type: 'image/png' }]);
    expect(storedFiles(s.ctx)).toHaveLength(2);
    const latest = await s.agent.get(`/clients/${s.id}/documents/${s.docId}/file`);
    expect(latest.headers['content-type']).toBe('image/png');
    const first = await s.agent.get(`/clients/${s.id}/documents/${s.docId}/versions/1/file`);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toMatch(/^inline/);
    expect(s.ctx.db.prepare("SELECT summary FROM client_events WHERE kind = 'DOCUMENT' ORDER BY id").pluck().all()).toEqual([
      expect.stringMatching(/^Document toegevoegd/),
      'Nieuwe versie (2) van document: PVT getekend – Getekende participatieverklaring (nieuwe scan.png)',
    ]);
    // A version based on the old metadata version is stale.
    const stale = await s.agent
      .post(`/clients/${s.id}/documents/${s.docId}/versions`)
      .field('_csrf', s.csrf)
      .field('version', '1')
      .attach('file', SAMPLES.jpg.bytes, 'x.jpg');
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Iemand anders heeft dit document intussen gewijzigd');
    expect(count(s.ctx, 'SELECT COUNT(*) FROM document_versions')).toBe(2);
  });

  it('a refused new version stores nothing', async () => {
    const s = await withDocument();
    const res = await s.agent
      .post(`/clients/${s.id}/documents/${s.docId}/versions`)
      .field('_csrf', s.csrf)
      .field('version', '1')
      .attach('file', HOSTILE.htmlAsPdf.bytes, 'x.pdf');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Dit bestand is geen PDF');
    expect(count(s.ctx, 'SELECT COUNT(*) FROM document_versions')).toBe(1);
    expect(storedFiles(s.ctx)).toHaveLength(1);
  });

  it('links a document to a conversation and shows it there', async () => {
    const s = await withDocument();
    const conv = addConversation(s.ctx.db, s.id, 'PRE_EIND', '2026-11-10', s.ctx.users.consulent);
    const form = await s.agent.get(`/clients/${s.id}/documents/${s.docId}`);
    expect(form.text).toContain(`value="conversations:${conv}"`);
    expect(form.text).toContain('Gesprek: Pre-eindgesprek van 10 november 2026');
    const res = await s.agent.post(`/clients/${s.id}/documents/${s.docId}`).type('form').send({
      _csrf: s.csrf,
      version: '1',
      typeId: String(s.pvtType),
      documentDate: '2026-11-20',
      description: 'Getekende participatieverklaring',
      link: `conversations:${conv}`,
      sharedWithProvider: 'on',
    });
    expect(res.status).toBe(303);
    expect(s.ctx.db.prepare('SELECT link_table, link_id, shared_with_provider, version FROM documents').get()).toEqual({
      link_table: 'conversations',
      link_id: conv,
      shared_with_provider: 1,
      version: 2,
    });
    const shown = await s.agent.get(`/clients/${s.id}/conversations/${conv}`);
    expect(shown.text).toContain(`href="/clients/${s.id}/documents/${s.docId}"`);
    expect(shown.text).toContain('PVT getekend: Getekende participatieverklaring');
  });

  it('refuses a link to another client’s record', async () => {
    const s = await withDocument();
    const second = zRouteClient(s.ctx.db, s.ctx.teamA, s.ctx.users.consulent);
    const conv = addConversation(s.ctx.db, second, 'PRE_EIND', '2026-11-10', s.ctx.users.consulent);
    const res = await s.agent.post(`/clients/${s.id}/documents/${s.docId}`).type('form').send({
      _csrf: s.csrf, version: '1', typeId: String(s.pvtType), documentDate: '2026-11-20', description: 'x', link: `conversations:${conv}`,
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Kies een gesprek, besluit, plek of handhavingsstap uit de lijst');
  });

  it('removing needs a reason and keeps the record and the file', async () => {
    const s = await withDocument();
    const none = await s.agent.post(`/clients/${s.id}/documents/${s.docId}/remove`).type('form').send({ _csrf: s.csrf, version: '1', reason: '' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Vul de reden van verwijderen in');
    expect(count(s.ctx, 'SELECT COUNT(*) FROM documents WHERE removed_at IS NOT NULL')).toBe(0);
    const res = await s.agent.post(`/clients/${s.id}/documents/${s.docId}/remove`).type('form').send({ _csrf: s.csrf, version: '1', reason: 'Verkeerde cliënt' });
    expect(res.status).toBe(303);
    expect(s.ctx.db.prepare('SELECT remove_reason, removed_by FROM documents').get()).toEqual({ remove_reason: 'Verkeerde cliënt', removed_by: s.ctx.users.consulent });
    expect(storedFiles(s.ctx)).toHaveLength(1);
    const list = await s.agent.get(`/clients/${s.id}/documents`);
    expect(list.text).toContain('Verwijderd');
    expect(s.ctx.db.prepare("SELECT summary FROM client_events WHERE kind = 'DOCUMENT' ORDER BY id DESC").pluck().get()).toBe(
      'Document verwijderd: PVT getekend – Getekende participatieverklaring. Reden: Verkeerde cliënt',
    );
    const again = await s.agent.post(`/clients/${s.id}/documents/${s.docId}/remove`).type('form').send({ _csrf: s.csrf, version: '2', reason: 'x' });
    expect(again.status).toBe(409);
  });

  it('a closed dossier takes no new documents', async () => {
    const s = await setup();
    s.ctx.db.prepare("UPDATE clients SET closed_on = '2026-11-01', closure_reason = 'COMPLETED' WHERE id = ?").run(s.id);
    const res = await upload(s, s.id, SAMPLES.pdf);
    expect(res.status).toBe(409);
    expect(count(s.ctx, 'SELECT COUNT(*) FROM documents')).toBe(0);
    expect(storedFiles(s.ctx)).toEqual([]);
    expect((await s.agent.get(`/clients/${s.id}/documents`)).text).not.toContain('Document toevoegen</h2>');
  });
});


describe('documents: shown with the linked decision, placement and enforcement step', () => {
  it.each([
    ['decisions', 'decisions'],
    ['placements', 'placements'],
    ['enforcement_steps', 'enforcement'],
  ] as const)('a document linked to a record of %s is listed on /%s', async (table, page) => {
    const s = await withDocument();
    const db = s.ctx.db;
    const u = s.ctx.users.consulent;
    let recordId: number;
    if (table === 'decisions') {
      recordId = Number(db.prepare("INSERT INTO decisions (client_id, kind, decided_on, reason, decided_by, created_at) VALUES (?, 'PVT_COMPLETED', '2026-11-01', 'PVT getekend', ?, 'x')").run(s.id, u).lastInsertRowid);
    } else if (table === 'placements') {
      recordId = Number(
        db.prepare("INSERT INTO placements (client_id, kind, organisation, start_on, hours_per_week, language_support, created_by, created_at, updated_at) VALUES (?, 'STAGE', 'Zorgcentrum De Linde', '2026-10-01', 8, 'GEEN', ?, 'x', 'x')").run(s.id, u).lastInsertRowid,
      );
    } else {
      const caseId = Number(db.prepare("INSERT INTO enforcement_cases (client_id, opened_on, trigger, reason, created_by, created_at, updated_at) VALUES (?, '2026-11-01', 'HANDMATIG', 'Verzuim', ?, 'x', 'x')").run(s.id, u).lastInsertRowid);
      recordId = Number(db.prepare("INSERT INTO enforcement_steps (case_id, client_id, kind, step_date, created_by, created_at) VALUES (?, ?, 'GESPREK', '2026-11-05', ?, 'x')").run(caseId, s.id, u).lastInsertRowid);
    }
    const before = await s.agent.get(`/clients/${s.id}/${page}`);
    expect(before.text).not.toContain(`href="/clients/${s.id}/documents/${s.docId}"`);
    const res = await s.agent.post(`/clients/${s.id}/documents/${s.docId}`).type('form').send({
      _csrf: s.csrf, version: '1', typeId: String(s.pvtType), documentDate: '2026-11-20', description: 'Getekende participatieverklaring', link: `${table}:${recordId}`,
    });
    expect(res.status).toBe(303);
    const shown = await s.agent.get(`/clients/${s.id}/${page}`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(`href="/clients/${s.id}/documents/${s.docId}"`);
    expect(shown.text).toContain('PVT getekend: Getekende participatieverklaring');
    const doc = await s.agent.get(`/clients/${s.id}/documents/${s.docId}`);
    expect(doc.text).toContain(`href="/clients/${s.id}/${page}"`);
  });
});

describe('documents: access request export', () => {
  it('lists the documents and their versions in the client’s data export', async () => {
    const s = await withDocument();
    const res = await s.agent.get(`/clients/${s.id}/data-export.json`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { sections: Record<string, Record<string, unknown>[]> };
    expect(body.sections.documenten).toMatchObject([{ id: s.docId, description: 'Getekende participatieverklaring' }]);
    expect(body.sections.documentVersies).toMatchObject([{ document_id: s.docId, file_name: 'PVT getekend.pdf', mime_type: 'application/pdf' }]);
  });
});
