import type { Db } from './connection.js';

/** What a document can be linked to: a record of the same client. */
export const DOCUMENT_LINK_TABLES = ['conversations', 'decisions', 'placements', 'enforcement_steps'] as const;
export type DocumentLinkTable = (typeof DOCUMENT_LINK_TABLES)[number];

export interface DocumentType {
  id: number;
  name: string;
  code: string | null;
  sortOrder: number;
  active: boolean;
  version: number;
}

type TypeRow = Omit<DocumentType, 'active'> & { active: number };
const toType = ({ active, ...r }: TypeRow): DocumentType => ({ ...r, active: active === 1 });
const TYPE_SELECT = 'SELECT id, name, code, sort_order AS sortOrder, active, version FROM document_types';

export function listDocumentTypes(db: Db): DocumentType[] {
  return (db.prepare(`${TYPE_SELECT} ORDER BY active DESC, sort_order, name`).all() as TypeRow[]).map(toType);
}

export function findDocumentType(db: Db, id: number): DocumentType | undefined {
  const r = db.prepare(`${TYPE_SELECT} WHERE id = ?`).get(id) as TypeRow | undefined;
  return r && toType(r);
}

export function documentTypeByCode(db: Db, code: string): DocumentType | undefined {
  const r = db.prepare(`${TYPE_SELECT} WHERE code = ?`).get(code) as TypeRow | undefined;
  return r && toType(r);
}

export function documentTypeNameTaken(db: Db, name: string, exceptId = 0): boolean {
  return db.prepare('SELECT 1 FROM document_types WHERE lower(trim(name)) = lower(trim(?)) AND id != ?').get(name, exceptId) !== undefined;
}

export function insertDocumentType(db: Db, name: string, sortOrder: number): number {
  return Number(db.prepare('INSERT INTO document_types (name, sort_order) VALUES (?, ?)').run(name, sortOrder).lastInsertRowid);
}

/** Renames / (de)activates when the row still has `version`; false when someone else changed it meanwhile. */
export function updateDocumentType(db: Db, id: number, version: number, v: { name: string; sortOrder: number; active: boolean }): boolean {
  return (
    db
      .prepare('UPDATE document_types SET name = ?, sort_order = ?, active = ?, version = version + 1 WHERE id = ? AND version = ?')
      .run(v.name, v.sortOrder, v.active ? 1 : 0, id, version).changes === 1
  );
}

// ---- documents ---------------------------------------------------------------------------------------------

export interface DocumentVersion {
  id: number;
  documentId: number;
  versionNo: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  letterData: string | null;
  uploadedByName: string | null;
  uploadedAt: string;
}

export interface DocumentRecord {
  id: number;
  clientId: number;
  typeId: number;
  typeName: string;
  typeCode: string | null;
  documentDate: string;
  description: string;
  linkTable: DocumentLinkTable | null;
  linkId: number | null;
  sharedWithProvider: boolean;
  removedAt: string | null;
  removedByName: string | null;
  removeReason: string | null;
  version: number;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  /** The newest file. */
  current: DocumentVersion;
  versionCount: number;
}

const DOC_SELECT = `SELECT d.id, d.client_id AS clientId, d.type_id AS typeId, t.name AS typeName, t.code AS typeCode,
  d.document_date AS documentDate, d.description, d.link_table AS linkTable, d.link_id AS linkId,
  d.shared_with_provider AS sharedWithProvider, d.removed_at AS removedAt, ru.display_name AS removedByName,
  d.remove_reason AS removeReason, d.version, cu.display_name AS createdByName, d.created_at AS createdAt,
  d.updated_at AS updatedAt,
  v.id AS vId, v.version_no AS vNo, v.file_name AS vFileName, v.mime_type AS vMime, v.size_bytes AS vSize,
  v.sha256 AS vSha, v.letter_data AS vLetter, vu.display_name AS vByName, v.uploaded_at AS vAt,
  (SELECT COUNT(*) FROM document_versions c WHERE c.document_id = d.id) AS versionCount
FROM documents d
JOIN document_types t ON t.id = d.type_id
JOIN document_versions v ON v.document_id = d.id
  AND v.version_no = (SELECT MAX(m.version_no) FROM document_versions m WHERE m.document_id = d.id)
LEFT JOIN users cu ON cu.id = d.created_by
LEFT JOIN users ru ON ru.id = d.removed_by
LEFT JOIN users vu ON vu.id = v.uploaded_by`;

interface DocRow extends Omit<DocumentRecord, 'current' | 'sharedWithProvider'> {
  sharedWithProvider: number;
  vId: number;
  vNo: number;
  vFileName: string;
  vMime: string;
  vSize: number;
  vSha: string;
  vLetter: string | null;
  vByName: string | null;
  vAt: string;
}

function toDocument(r: DocRow): DocumentRecord {
  const { vId, vNo, vFileName, vMime, vSize, vSha, vLetter, vByName, vAt, sharedWithProvider, ...rest } = r;
  return {
    ...rest,
    sharedWithProvider: sharedWithProvider === 1,
    current: {
      id: vId,
      documentId: r.id,
      versionNo: vNo,
      fileName: vFileName,
      mimeType: vMime,
      sizeBytes: vSize,
      sha256: vSha,
      letterData: vLetter,
      uploadedByName: vByName,
      uploadedAt: vAt,
    },
  };
}

/** A client's documents, newest date first; removed ones included (they keep their record). */
export function listDocuments(db: Db, clientId: number): DocumentRecord[] {
  return (db.prepare(`${DOC_SELECT} WHERE d.client_id = ? ORDER BY d.removed_at IS NOT NULL, d.document_date DESC, d.id DESC`).all(clientId) as DocRow[]).map(toDocument);
}

export function findDocument(db: Db, clientId: number, id: number): DocumentRecord | undefined {
  const r = db.prepare(`${DOC_SELECT} WHERE d.client_id = ? AND d.id = ?`).get(clientId, id) as DocRow | undefined;
  return r && toDocument(r);
}

/** The documents (not removed) linked to one record of the client. */
export function documentsLinkedTo(db: Db, clientId: number, table: DocumentLinkTable, id: number): DocumentRecord[] {
  return (
    db
      .prepare(`${DOC_SELECT} WHERE d.client_id = ? AND d.link_table = ? AND d.link_id = ? AND d.removed_at IS NULL ORDER BY d.document_date DESC, d.id DESC`)
      .all(clientId, table, id) as DocRow[]
  ).map(toDocument);
}

export function documentVersions(db: Db, documentId: number): DocumentVersion[] {
  return db
    .prepare(
      `SELECT v.id, v.document_id AS documentId, v.version_no AS versionNo, v.file_name AS fileName, v.mime_type AS mimeType,
         v.size_bytes AS sizeBytes, v.sha256, v.letter_data AS letterData, u.display_name AS uploadedByName, v.uploaded_at AS uploadedAt
       FROM document_versions v LEFT JOIN users u ON u.id = v.uploaded_by WHERE v.document_id = ? ORDER BY v.version_no DESC`,
    )
    .all(documentId) as DocumentVersion[];
}

export interface NewDocument {
  clientId: number;
  typeId: number;
  documentDate: string;
  description: string;
  linkTable: DocumentLinkTable | null;
  linkId: number | null;
  sharedWithProvider: boolean;
}

export interface NewFile {
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  letterData?: string | null;
}

/** Inserts a document with its first version. Run inside the caller's transaction. */
export function insertDocument(db: Db, d: NewDocument, f: NewFile, userId: number, nowIso: string): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO documents (client_id, type_id, document_date, description, link_table, link_id, shared_with_provider,
           created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(d.clientId, d.typeId, d.documentDate, d.description, d.linkTable, d.linkId, d.sharedWithProvider ? 1 : 0, userId, nowIso, nowIso)
      .lastInsertRowid,
  );
  insertVersion(db, id, 1, f, userId, nowIso);
  return id;
}

function insertVersion(db: Db, documentId: number, versionNo: number, f: NewFile, userId: number, nowIso: string): void {
  db.prepare(
    `INSERT INTO document_versions (document_id, version_no, file_name, mime_type, size_bytes, sha256, letter_data, uploaded_by, uploaded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(documentId, versionNo, f.fileName, f.mimeType, f.sizeBytes, f.sha256, f.letterData ?? null, userId, nowIso);
}

/**
 * Appends the next version of a document when its metadata still has `version` and it is not removed; returns
 * the new version number, or null (someone changed or removed it meanwhile).
 */
export function addDocumentVersion(db: Db, clientId: number, documentId: number, version: number, f: NewFile, userId: number, nowIso: string): number | null {
  const bumped = db
    .prepare(
      'UPDATE documents SET version = version + 1, updated_at = ? WHERE id = ? AND client_id = ? AND version = ? AND removed_at IS NULL',
    )
    .run(nowIso, documentId, clientId, version).changes;
  if (bumped !== 1) return null;
  const next = (db.prepare('SELECT MAX(version_no) FROM document_versions WHERE document_id = ?').pluck().get(documentId) as number) + 1;
  insertVersion(db, documentId, next, f, userId, nowIso);
  return next;
}

export function updateDocumentDetails(
  db: Db,
  clientId: number,
  documentId: number,
  version: number,
  d: Omit<NewDocument, 'clientId'>,
  nowIso: string,
): boolean {
  return (
    db
      .prepare(
        `UPDATE documents SET type_id = ?, document_date = ?, description = ?, link_table = ?, link_id = ?, shared_with_provider = ?,
           version = version + 1, updated_at = ?
         WHERE id = ? AND client_id = ? AND version = ? AND removed_at IS NULL`,
      )
      .run(d.typeId, d.documentDate, d.description, d.linkTable, d.linkId, d.sharedWithProvider ? 1 : 0, nowIso, documentId, clientId, version)
      .changes === 1
  );
}

/** Marks a document removed (the record and its files stay). False when stale or already removed. */
export function removeDocument(db: Db, clientId: number, documentId: number, version: number, reason: string, userId: number, nowIso: string): boolean {
  return (
    db
      .prepare(
        `UPDATE documents SET removed_at = ?, removed_by = ?, remove_reason = ?, version = version + 1, updated_at = ?
         WHERE id = ? AND client_id = ? AND version = ? AND removed_at IS NULL`,
      )
      .run(nowIso, userId, reason, nowIso, documentId, clientId, version).changes === 1
  );
}

/** Is a file referenced by any document version (so it must stay)? */
export function fileReferenced(db: Db, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM document_versions WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
}

// ---- what a document can be linked to --------------------------------------------------------------------

export interface LinkOption {
  table: DocumentLinkTable;
  id: number;
  /** yyyy-MM-dd of the record */
  on: string;
  kind: string;
  extra: string | null;
}

/** The client's records a document can be linked to (conversations, decisions, placements, enforcement steps). */
export function linkOptions(db: Db, clientId: number): LinkOption[] {
  return db
    .prepare(
      `SELECT 'conversations' AS "table", id, held_on AS "on", kind, NULL AS extra FROM conversations WHERE client_id = @c
       UNION ALL
       SELECT 'decisions', id, decided_on, kind, reason FROM decisions WHERE client_id = @c AND revoked_on IS NULL
       UNION ALL
       SELECT 'placements', id, start_on, kind, organisation FROM placements WHERE client_id = @c
       UNION ALL
       SELECT 'enforcement_steps', id, step_date, kind, NULL FROM enforcement_steps WHERE client_id = @c
       ORDER BY 1, 3 DESC, 2 DESC`,
    )
    .all({ c: clientId }) as LinkOption[];
}

// ---- settings --------------------------------------------------------------------------------------------

export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export function maxDocumentBytes(db: Db): number {
  const v = db.prepare("SELECT value FROM app_settings WHERE key = 'documents_max_bytes'").pluck().get() as string | undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_DOCUMENT_BYTES;
}

export function setMaxDocumentBytes(db: Db, bytes: number): void {
  db.prepare("INSERT INTO app_settings (key, value) VALUES ('documents_max_bytes', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(bytes));
}

/** The documents (not removed) of a client linked to any record of one table, for pages that list those records. */
export function documentsLinkedToTable(db: Db, clientId: number, table: DocumentLinkTable): DocumentRecord[] {
  return (
    db
      .prepare(`${DOC_SELECT} WHERE d.client_id = ? AND d.link_table = ? AND d.removed_at IS NULL ORDER BY d.document_date DESC, d.id DESC`)
      .all(clientId, table) as DocRow[]
  ).map(toDocument);
}
