import { fileTypeFromBuffer } from 'file-type';
import { DECISION_KIND_LABELS } from '../db/approvals.js';
import type { ClientRef } from '../db/clients.js';
import type { DocumentFiles } from '../db/document-files.js';
import {
  addDocumentVersion,
  DOCUMENT_LINK_TABLES,
  type DocumentLinkTable,
  type DocumentRecord,
  type DocumentType,
  documentsLinkedTo,
  documentsLinkedToTable,
  documentVersions,
  fileReferenced,
  findDocument,
  findDocumentType,
  insertDocument,
  linkOptions,
  listDocuments,
  listDocumentTypes,
  maxDocumentBytes,
  type NewDocument,
  type NewFile,
  removeDocument,
  updateDocumentDetails,
} from '../db/documents.js';
import { PLACEMENT_KIND_LABELS, type PlacementKind } from '../db/placements.js';
import type { User } from '../db/users.js';
import { STEP_LABELS, type StepKind } from '../domain/enforcement.js';
import { formatDate } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { type ClientPage, closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier, type DossierEvent } from './dossier-write.js';
import { conflict, notFound } from './errors.js';
import { CONVERSATION_LABELS } from './labels.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result, stale } from './result.js';

export type { DocumentLinkTable, DocumentRecord, DocumentType };

/** The use cases of documents also need the file store (under DOCUMENTS_PATH). */
export interface DocumentDeps extends Deps {
  files: DocumentFiles;
}

// ---- what may be stored ------------------------------------------------------------------------------------

/** The allowed kinds, recognised by their bytes (never by the name or the browser's type). */
export const ALLOWED_TYPES: Record<string, { ext: string; label: string; inline: boolean }> = {
  'application/pdf': { ext: 'pdf', label: 'PDF', inline: true },
  'image/jpeg': { ext: 'jpg', label: 'JPEG', inline: true },
  'image/png': { ext: 'png', label: 'PNG', inline: true },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', label: 'Word (DOCX)', inline: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', label: 'Excel (XLSX)', inline: false },
  'application/vnd.oasis.opendocument.text': { ext: 'odt', label: 'OpenDocument-tekst (ODT)', inline: false },
};

export const ACCEPT_ATTRIBUTE = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt';

export const NOT_ALLOWED_MESSAGE =
  'Dit bestand is geen PDF, JPEG, PNG, DOCX, XLSX of ODT. Koers kijkt naar de inhoud van het bestand, niet naar de naam. Het bestand is niet opgeslagen.';

/** "10 MB", "2,5 MB" */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} MB`;
}

export function tooLargeMessage(maxBytes: number): string {
  return `Het bestand is groter dan ${formatMegabytes(maxBytes)}. Kies een kleiner bestand. Het bestand is niet opgeslagen.`;
}

/** "12 kB", "1,2 MB" for the lists. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/**
 * Checks an upload by its content: not empty, within the size limit, and its bytes are one of the allowed
 * kinds (an HTML or SVG file named .pdf has no PDF signature and is refused). Returns the sniffed type or the
 * Dutch message for the file field.
 */
export async function sniffUpload(file: UploadedFile | null, maxBytes: number): Promise<{ ok: true; mimeType: string; ext: string } | { ok: false; message: string }> {
  if (!file) return { ok: false, message: 'Kies een bestand.' };
  if (file.bytes.length === 0) return { ok: false, message: 'Het bestand is leeg. Kies een ander bestand. Er is niets opgeslagen.' };
  if (file.bytes.length > maxBytes) return { ok: false, message: tooLargeMessage(maxBytes) };
  const sniffed = await fileTypeFromBuffer(file.bytes);
  const allowed = sniffed ? ALLOWED_TYPES[sniffed.mime] : undefined;
  if (!sniffed || !allowed) return { ok: false, message: NOT_ALLOWED_MESSAGE };
  return { ok: true, mimeType: sniffed.mime, ext: allowed.ext };
}

/**
 * A safe file name: the last part of what the browser sent, without control characters, path separators or
 * characters that mean something to a shell or a header, at most 100 characters, ending in the extension of
 * the sniffed type.
 */
export function cleanFileName(raw: string, ext: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const base = last
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .replace(/^[\s._-]+|[\s._-]+$/g, '')
    .slice(0, 100);
  return `${base || 'document'}.${ext}`;
}

/**
 * Who may read a document once the dossier may be opened: the team's consulenten and teamleiders all of them;
 * a provider (a role Koers does not have yet) only the ones the consulent marked as shared; nobody else.
 */
export function mayReadDocument(user: Pick<User, 'role'>, doc: Pick<DocumentRecord, 'sharedWithProvider'>): boolean {
  const role: string = user.role;
  if (role === 'consulent' || role === 'teamleider') return true;
  if (role === 'provider') return doc.sharedWithProvider;
  return false;
}

// ---- labels ------------------------------------------------------------------------------------------------

export interface LinkChoice {
  value: string;
  label: string;
}

const LINK_GROUP: Record<DocumentLinkTable, string> = {
  conversations: 'Gesprek',
  decisions: 'Besluit',
  placements: 'Participatieplek',
  enforcement_steps: 'Handhavingsstap',
};

function kindLabel(table: DocumentLinkTable, kind: string): string {
  switch (table) {
    case 'conversations':
      return CONVERSATION_LABELS[kind as keyof typeof CONVERSATION_LABELS] ?? kind;
    case 'decisions':
      return DECISION_KIND_LABELS[kind] ?? kind;
    case 'placements':
      return PLACEMENT_KIND_LABELS[kind as PlacementKind] ?? kind;
    case 'enforcement_steps':
      return STEP_LABELS[kind as StepKind] ?? kind;
  }
}

/** The choices of the "linked to" field: `conversations:12` → "Pre-eindgesprek van 12 november 2026". */
export function linkChoices(deps: Deps, clientId: number): LinkChoice[] {
  return linkOptions(deps.db, clientId).map((o) => ({
    value: `${o.table}:${o.id}`,
    label: `${LINK_GROUP[o.table]}: ${kindLabel(o.table, o.kind)} van ${formatDate(o.on)}${o.table === 'placements' && o.extra ? ` (${o.extra})` : ''}`,
  }));
}

/** Parses `table:id` of the link field; null for "no link", undefined when it is not a valid value. */
export function parseLink(raw: string | null): { table: DocumentLinkTable; id: number } | null | undefined {
  if (!raw) return null;
  const m = /^([a-z_]+):(\d+)$/.exec(raw);
  if (!m || !(DOCUMENT_LINK_TABLES as readonly string[]).includes(m[1]!)) return undefined;
  const id = toId(m[2]);
  return id === null ? undefined : { table: m[1] as DocumentLinkTable, id };
}

function linkLabel(choices: LinkChoice[], d: Pick<DocumentRecord, 'linkTable' | 'linkId'>): string | null {
  if (!d.linkTable) return null;
  return choices.find((c) => c.value === `${d.linkTable}:${d.linkId}`)?.label ?? null;
}

/** Where the linked record is shown, so the document page can point to it. */
function linkHref(clientId: number, d: Pick<DocumentRecord, 'linkTable' | 'linkId'>): string | null {
  switch (d.linkTable) {
    case 'conversations':
      return `/clients/${clientId}/conversations/${d.linkId}`;
    case 'decisions':
      return `/clients/${clientId}/decisions`;
    case 'placements':
      return `/clients/${clientId}/placements`;
    case 'enforcement_steps':
      return `/clients/${clientId}/enforcement`;
    default:
      return null;
  }
}

function describe(d: { typeName: string; description: string }): string {
  return `${d.typeName} – ${d.description}`;
}

function documentEvent(summary: string, id: number): DossierEvent {
  return { kind: 'DOCUMENT', summary, refTable: 'documents', refId: id };
}

// ---- pages -------------------------------------------------------------------------------------------------

export interface DocumentForm {
  typeId: number;
  documentDate: string;
  description: string;
  link: string | null;
  sharedWithProvider: boolean;
}

function visibleDocuments(actor: Actor, docs: DocumentRecord[]): DocumentRecord[] {
  return docs.filter((d) => mayReadDocument(actor.user, d));
}

/** The documents tab of a client: every document (removed ones marked), and the upload form's lists. */
export function loadDocumentsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const choices = linkChoices(deps, page.client.id);
  const documents = visibleDocuments(actor, listDocuments(deps.db, page.client.id)).map((d) => ({
    ...d,
    linkLabel: linkLabel(choices, d),
    inline: ALLOWED_TYPES[d.current.mimeType]?.inline ?? false,
  }));
  actor.audit('documenten-bekeken', 'documenten', { clientId: page.client.id });
  return {
    ...page,
    documents,
    types: listDocumentTypes(deps.db).filter((t) => t.active),
    linkChoices: choices,
    maxBytes: maxDocumentBytes(deps.db),
    maxLabel: formatMegabytes(maxDocumentBytes(deps.db)),
    accept: ACCEPT_ATTRIBUTE,
    formatSize,
  };
}

function loadDocument(deps: Deps, actor: Actor, page: ClientPage, rawId: unknown): DocumentRecord {
  const id = toId(rawId);
  const doc = id === null ? undefined : findDocument(deps.db, page.client.id, id);
  if (!doc || !mayReadDocument(actor.user, doc)) throw notFound('Dit document bestaat niet.');
  return doc;
}

/** One document: its details, its versions, and the forms for a new version, the details and removing. */
export function loadDocumentPage(deps: Deps, actor: Actor, clientId: unknown, documentId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const doc = loadDocument(deps, actor, page, documentId);
  const choices = linkChoices(deps, page.client.id);
  actor.audit('document-bekeken', 'documenten', { clientId: page.client.id, details: `document ${doc.id}` });
  const types = listDocumentTypes(deps.db).filter((t) => t.active || t.id === doc.typeId);
  return {
    ...page,
    doc,
    versions: documentVersions(deps.db, doc.id),
    linkLabel: linkLabel(choices, doc),
    linkHref: linkHref(page.client.id, doc),
    linkChoices: choices,
    types,
    maxLabel: formatMegabytes(maxDocumentBytes(deps.db)),
    accept: ACCEPT_ATTRIBUTE,
    inline: ALLOWED_TYPES[doc.current.mimeType]?.inline ?? false,
    formatSize,
    letterData: doc.current.letterData ? (JSON.parse(doc.current.letterData) as { data?: Record<string, string> }) : null,
  };
}

/** The form values of a stored document, as the details form shows them. */
export function documentValues(d: DocumentRecord): Record<string, unknown> {
  return {
    typeId: d.typeId,
    documentDate: d.documentDate,
    description: d.description,
    link: d.linkTable ? `${d.linkTable}:${d.linkId}` : '',
    sharedWithProvider: d.sharedWithProvider ? 'on' : '',
    version: d.version,
  };
}

/** A document as the page of a linked record lists it. */
export interface LinkedDocument {
  id: number;
  typeName: string;
  description: string;
  documentDate: string;
  fileName: string;
  href: string;
  fileHref: string;
}

function asLinked(client: ClientRef, d: DocumentRecord): LinkedDocument {
  return {
    id: d.id,
    typeName: d.typeName,
    description: d.description,
    documentDate: d.documentDate,
    fileName: d.current.fileName,
    href: `/clients/${client.id}/documents/${d.id}`,
    fileHref: `/clients/${client.id}/documents/${d.id}/file`,
  };
}

/** The documents linked to one record, for the page that shows that record ("shown there"). */
export function linkedDocuments(deps: Deps, actor: Actor, client: ClientRef, table: DocumentLinkTable, id: number): LinkedDocument[] {
  return visibleDocuments(actor, documentsLinkedTo(deps.db, client.id, table, id)).map((d) => asLinked(client, d));
}

/**
 * For a page that lists many records of one table (decisions, placements, enforcement steps): one query, and
 * a function from a record's id to its linked documents.
 */
export function linkedDocumentsOf(deps: Deps, actor: Actor, client: ClientRef, table: DocumentLinkTable): (id: number) => LinkedDocument[] {
  const byId = new Map<number, LinkedDocument[]>();
  for (const d of visibleDocuments(actor, documentsLinkedToTable(deps.db, client.id, table))) {
    const list = byId.get(d.linkId!) ?? [];
    list.push(asLinked(client, d));
    byId.set(d.linkId!, list);
  }
  return (id) => byId.get(id) ?? [];
}

// ---- checks ------------------------------------------------------------------------------------------------

/** The rules of the details that need stored data: the type exists (and is in use), the link is this client's. */
function checkDetails(deps: Deps, clientId: number, form: DocumentForm, keepTypeId: number | null): { errors: FieldErrors; value: Omit<NewDocument, 'clientId'> | null } {
  const errors: FieldErrors = {};
  const type = findDocumentType(deps.db, form.typeId);
  if (!type || (!type.active && type.id !== keepTypeId)) errors.typeId = 'Kies een soort document uit de lijst';
  const link = parseLink(form.link);
  if (link === undefined || (link && !linkOptions(deps.db, clientId).some((o) => o.table === link.table && o.id === link.id))) {
    errors.link = 'Kies een gesprek, besluit, plek of handhavingsstap uit de lijst';
  }
  if (Object.keys(errors).length || link === undefined) return { errors, value: null };
  return {
    errors,
    value: {
      typeId: form.typeId,
      documentDate: form.documentDate,
      description: form.description,
      linkTable: link?.table ?? null,
      linkId: link?.id ?? null,
      sharedWithProvider: form.sharedWithProvider,
    },
  };
}

/**
 * Writes the file (content-addressed, temporary name then rename) and then the metadata in one transaction;
 * when the transaction fails or records nothing, a file this call created and nothing refers to is taken away again.
 */
function storeThenRecord<T>(deps: DocumentDeps, bytes: Buffer, record: (sha256: string) => T): T {
  const { sha256, created } = deps.files.put(bytes);
  try {
    const result = record(sha256);
    // Not recorded (a stale version): nothing refers to a file this call created.
    if (result === null && created && !fileReferenced(deps.db, sha256)) deps.files.discard(sha256);
    return result;
  } catch (err) {
    if (created && !fileReferenced(deps.db, sha256)) deps.files.discard(sha256);
    throw err;
  }
}

// ---- writes ------------------------------------------------------------------------------------------------

/** Uploads a document of a client. Nothing is stored when the file or the form is refused. */
export async function uploadDocument(
  deps: DocumentDeps,
  actor: Actor,
  clientId: unknown,
  form: Parsed<DocumentForm>,
  file: UploadedFile | null,
): Promise<Result<{ id: number; summary: string }>> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'documenten');
  if (closed) return { ok: false, refusal: closed };
  const sniffed = await sniffUpload(file, maxDocumentBytes(deps.db));
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  const details = form.ok ? checkDetails(deps, page.client.id, form.data, null) : null;
  if (details) Object.assign(errors, details.errors);
  if (!sniffed.ok) errors.file = sniffed.message;
  if (Object.keys(errors).length || !sniffed.ok || !details?.value || !file) {
    if (!sniffed.ok && file) actor.audit('document-geweigerd', 'documenten', { clientId: page.client.id, outcome: 'error', details: 'inhoud of grootte' });
    return invalid(errors);
  }
  const value = details.value;
  const typeName = findDocumentType(deps.db, value.typeId)!.name;
  const fileName = cleanFileName(file.name, sniffed.ext);
  const summary = `${describe({ typeName, description: value.description })} (${fileName})`;
  const saved = storeThenRecord(deps, file.bytes, (sha256) =>
    changeDossier(deps, actor, page.client.id, () => {
      const f: NewFile = { fileName, mimeType: sniffed.mimeType, sizeBytes: file.bytes.length, sha256 };
      const id = insertDocument(deps.db, { clientId: page.client.id, ...value }, f, actor.user.id, actor.nowIso);
      return { value: id, events: [documentEvent(`Document toegevoegd: ${summary}`, id)] };
    }),
  );
  actor.audit('document-toegevoegd', 'documenten', { clientId: page.client.id, details: `document ${saved!.value}` });
  return ok({ id: saved!.value, summary });
}

/** Stores a file made by Koers itself (a letter) as a new document; used by the letters. */
export function storeGeneratedDocument(
  deps: DocumentDeps,
  actor: Actor,
  client: ClientRef,
  doc: Omit<NewDocument, 'clientId'>,
  file: { name: string; bytes: Buffer; mimeType: string; letterData: string },
  summary: string,
  /** Runs in the same transaction once the document exists (e.g. an appointment pointing at its invitation). */
  alsoRecord: (documentId: number) => void = () => undefined,
): number {
  const saved = storeThenRecord(deps, file.bytes, (sha256) =>
    changeDossier(deps, actor, client.id, () => {
      const f: NewFile = { fileName: file.name, mimeType: file.mimeType, sizeBytes: file.bytes.length, sha256, letterData: file.letterData };
      const id = insertDocument(deps.db, { clientId: client.id, ...doc }, f, actor.user.id, actor.nowIso);
      alsoRecord(id);
      return { value: id, events: [documentEvent(summary, id)] };
    }),
  );
  return saved!.value;
}

/** Adds a new version of a document (the old one stays); refused when someone changed the document meanwhile. */
export async function uploadDocumentVersion(
  deps: DocumentDeps,
  actor: Actor,
  clientId: unknown,
  documentId: unknown,
  version: number,
  file: UploadedFile | null,
): Promise<Result<{ versionNo: number; summary: string }>> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'documenten');
  if (closed) return { ok: false, refusal: closed };
  const doc = loadDocument(deps, actor, page, documentId);
  if (doc.removedAt) throw conflict('Dit document is verwijderd. U kunt er geen nieuwe versie van toevoegen.');
  const sniffed = await sniffUpload(file, maxDocumentBytes(deps.db));
  if (!sniffed.ok || !file) {
    if (file) actor.audit('document-geweigerd', 'documenten', { clientId: page.client.id, outcome: 'error', details: 'inhoud of grootte' });
    return invalid({ file: sniffed.ok ? 'Kies een bestand.' : sniffed.message });
  }
  const fileName = cleanFileName(file.name, sniffed.ext);
  const saved = storeThenRecord(deps, file.bytes, (sha256) =>
    changeDossier(deps, actor, page.client.id, () => {
      const f: NewFile = { fileName, mimeType: sniffed.mimeType, sizeBytes: file.bytes.length, sha256 };
      const no = addDocumentVersion(deps.db, page.client.id, doc.id, version, f, actor.user.id, actor.nowIso);
      return no === null
        ? null
        : { value: no, events: [documentEvent(`Nieuwe versie (${no}) van document: ${describe(doc)} (${fileName})`, doc.id)] };
    }),
  );
  if (!saved) {
    return stale('Iemand anders heeft dit document intussen gewijzigd; uw nieuwe versie is niet opgeslagen. Bekijk het document en kies het bestand opnieuw.');
  }
  actor.audit('document-nieuwe-versie', 'documenten', { clientId: page.client.id, details: `document ${doc.id} versie ${saved.value}` });
  return ok({ versionNo: saved.value, summary: describe(doc) });
}

/** Changes the details of a document (type, date, description, link, shared with the provider). */
export function changeDocumentDetails(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  documentId: unknown,
  version: number,
  form: Parsed<DocumentForm>,
): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'documenten');
  if (closed) return { ok: false, refusal: closed };
  const doc = loadDocument(deps, actor, page, documentId);
  if (doc.removedAt) throw conflict('Dit document is verwijderd en kan niet meer worden gewijzigd.');
  if (!form.ok) return invalid(form.errors);
  const details = checkDetails(deps, page.client.id, form.data, doc.typeId);
  if (!details.value) return invalid(details.errors);
  const value = details.value;
  const typeName = findDocumentType(deps.db, value.typeId)!.name;
  const summary = describe({ typeName, description: value.description });
  const saved = changeDossier(deps, actor, page.client.id, () =>
    updateDocumentDetails(deps.db, page.client.id, doc.id, version, value, actor.nowIso)
      ? { value: doc.id, events: [documentEvent(`Document gewijzigd: ${summary}`, doc.id)] }
      : null,
  );
  if (!saved) {
    return stale('Iemand anders heeft dit document intussen gewijzigd; uw wijziging is niet opgeslagen. Hieronder staat wat u invulde: sla opnieuw op om dat te bewaren.');
  }
  actor.audit('document-gewijzigd', 'documenten', { clientId: page.client.id, details: `document ${doc.id}` });
  return ok({ summary });
}

/** Removes a document with a reason: the record stays (marked removed), the file goes by the retention rules. */
export function removeDocumentWithReason(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  documentId: unknown,
  form: Parsed<{ reason: string; version: number }>,
): Result<{ summary: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'documenten');
  if (closed) return { ok: false, refusal: closed };
  const doc = loadDocument(deps, actor, page, documentId);
  if (doc.removedAt) throw conflict('Dit document is al verwijderd.');
  if (!form.ok) return invalid(form.errors);
  const { reason, version } = form.data;
  const removed = changeDossier(deps, actor, page.client.id, () =>
    removeDocument(deps.db, page.client.id, doc.id, version, reason, actor.user.id, actor.nowIso)
      ? { value: doc.id, events: [documentEvent(`Document verwijderd: ${describe(doc)}. Reden: ${reason}`, doc.id)] }
      : null,
  );
  if (!removed) throw conflict('Iemand anders heeft dit document intussen gewijzigd. Er is niets verwijderd; open het document opnieuw.');
  actor.audit('document-verwijderd', 'documenten', { clientId: page.client.id, details: `document ${doc.id}` });
  return ok({ summary: describe(doc) });
}

/** The bytes of a document's version (the newest by default) to send, audited as a view or a download. */
export function openDocumentFile(
  deps: DocumentDeps,
  actor: Actor,
  clientId: unknown,
  documentId: unknown,
  versionNo: unknown,
  wantsDownload: boolean,
) {
  const page = loadClientPage(deps, actor, clientId);
  const doc = loadDocument(deps, actor, page, documentId);
  let v = doc.current;
  if (versionNo !== undefined && versionNo !== null) {
    const n = toId(versionNo);
    const found = n === null ? undefined : documentVersions(deps.db, doc.id).find((x) => x.versionNo === n);
    if (!found) throw notFound('Deze versie van het document bestaat niet.');
    v = found;
  }
  const inline = !wantsDownload && (ALLOWED_TYPES[v.mimeType]?.inline ?? false);
  let bytes: Buffer;
  try {
    bytes = deps.files.read(v.sha256);
  } catch {
    actor.audit('document-niet-gevonden', 'documenten', { clientId: page.client.id, outcome: 'error', details: `document ${doc.id} versie ${v.versionNo}` });
    throw notFound('Het bestand van dit document is niet (meer) aanwezig.');
  }
  actor.audit(inline ? 'document-geopend' : 'document-gedownload', 'documenten', {
    clientId: page.client.id,
    details: `document ${doc.id} versie ${v.versionNo}`,
  });
  return { bytes, mimeType: v.mimeType, fileName: v.fileName, inline };
}

/** The maximum size of an uploaded file now (an admin setting), for the upload parser's limit. */
export function uploadLimit(deps: Deps): { bytes: number; message: string } {
  const bytes = maxDocumentBytes(deps.db);
  return { bytes, message: tooLargeMessage(bytes) };
}
