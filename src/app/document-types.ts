import {
  documentTypeNameTaken,
  findDocumentType,
  insertDocumentType,
  listDocumentTypes,
  maxDocumentBytes,
  setMaxDocumentBytes,
  updateDocumentType,
} from '../db/documents.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { formatMegabytes } from './documents.js';
import { forbidden, notFound } from './errors.js';
import { invalid, ok, type Parsed, type Result, stale } from './result.js';

/** The largest limit an admin can set: what a dossier document reasonably is (scans of a few pages). */
export const MAX_LIMIT_MB = 50;

function requireAdmin(actor: Actor): void {
  if (actor.user.role !== 'admin') throw forbidden('Alleen functioneel beheerders beheren de soorten documenten.');
}

/** The admin page of documents: the list of document types and the maximum file size. */
export function loadDocumentSettingsPage(deps: Deps, actor: Actor) {
  requireAdmin(actor);
  actor.audit('documentinstellingen-bekeken', 'beheer');
  const max = maxDocumentBytes(deps.db);
  return { types: listDocumentTypes(deps.db), maxBytes: max, maxMb: max / (1024 * 1024), maxLabel: formatMegabytes(max), limitMb: MAX_LIMIT_MB };
}

export function loadDocumentTypePage(deps: Deps, actor: Actor, rawId: unknown) {
  requireAdmin(actor);
  const id = Number(rawId);
  const type = Number.isSafeInteger(id) ? findDocumentType(deps.db, id) : undefined;
  if (!type) throw notFound('Dit soort document bestaat niet.');
  return { type };
}

export interface DocumentTypeForm {
  name: string;
  sortOrder: number;
  active: boolean;
}

export function addDocumentType(deps: Deps, actor: Actor, form: Parsed<Omit<DocumentTypeForm, 'active'>>): Result<{ name: string }> {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const { name, sortOrder } = form.data;
  const created = deps.db.transaction(() => {
    if (documentTypeNameTaken(deps.db, name)) return false;
    insertDocumentType(deps.db, name, sortOrder);
    return true;
  })();
  if (!created) return invalid({ name: `Er is al een soort document met de naam "${name}"` });
  actor.audit('documentsoort-toegevoegd', 'beheer', { details: name });
  return ok({ name });
}

export function changeDocumentType(deps: Deps, actor: Actor, rawId: unknown, version: number, form: Parsed<DocumentTypeForm>): Result<{ name: string }> {
  requireAdmin(actor);
  const { type } = loadDocumentTypePage(deps, actor, rawId);
  if (!form.ok) return invalid(form.errors);
  const v = form.data;
  if (type.code === 'BRIEF' && !v.active) return invalid({ active: 'Het soort "brief" blijft in gebruik: Koers bewaart de brieven die het maakt onder dit soort.' });
  const result = deps.db.transaction(() => {
    if (documentTypeNameTaken(deps.db, v.name, type.id)) return 'taken' as const;
    return updateDocumentType(deps.db, type.id, version, v) ? ('ok' as const) : ('stale' as const);
  })();
  if (result === 'taken') return invalid({ name: `Er is al een soort document met de naam "${v.name}"` });
  if (result === 'stale') return stale('Iemand anders heeft dit soort document intussen gewijzigd; uw wijziging is niet opgeslagen. Open het opnieuw.');
  actor.audit('documentsoort-gewijzigd', 'beheer', { details: v.name });
  return ok({ name: v.name });
}

/** Sets the maximum size of an uploaded file, in whole MB (1 to MAX_LIMIT_MB). */
export function changeMaxDocumentSize(deps: Deps, actor: Actor, form: Parsed<{ maxMb: number }>): Result<{ label: string }> {
  requireAdmin(actor);
  if (!form.ok) return invalid(form.errors);
  const bytes = form.data.maxMb * 1024 * 1024;
  setMaxDocumentBytes(deps.db, bytes);
  actor.audit('documentgrootte-gewijzigd', 'beheer', { details: `${form.data.maxMb} MB` });
  return ok({ label: formatMegabytes(bytes) });
}
