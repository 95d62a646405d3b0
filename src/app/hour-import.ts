import { findDraft, insertHourImport, markDraftImported, saveDraft } from '../db/hour-import.js';
import { insertHour, listActivityKinds, listProviders } from '../db/hours.js';
import { refreshClientStatus } from '../db/client-status.js';
import { addClientEvent } from '../db/timeline.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import type { Deps } from './deps.js';
import { forbidden, notFound } from './errors.js';
import {
  checkImportRows,
  IMPORT_COLUMNS,
  type ImportCheck,
  KIND_WORDS,
  parseHourCsv,
  sha256,
  TEMPLATE_CSV,
} from './hour-import-file.js';
import { HOUR_KIND_LABELS } from './labels.js';
import { ok, refuse, type Result } from './result.js';

export { TEMPLATE_CSV };

/**
 * The team of the consulent who imports. Only consulenten import (their team's clients); a consulent without a
 * team gets a check in which no client number is of the team (as before: team -1).
 */
function importerTeam(actor: Actor): number {
  if (actor.user.role !== 'consulent') throw forbidden();
  return actor.user.teamId ?? -1;
}

/** The start page: the columns of the file and the names it may use. */
export function loadHourImportPage(deps: Deps, actor: Actor) {
  importerTeam(actor);
  return {
    columns: IMPORT_COLUMNS,
    kindWords: Object.keys(KIND_WORDS),
    activityKinds: listActivityKinds(deps.db),
    providers: listProviders(deps.db),
  };
}

/** What the review page of a file shows; `check.problems` empty means it can be imported. */
export interface ImportPreview {
  draftId: number;
  fileName: string;
  check: ImportCheck;
  kindLabels: typeof HOUR_KIND_LABELS;
}

/** The review of a checked file, with an audit row per client whose rows can be imported. */
function preview(actor: Actor, draftId: number, fileName: string, check: ImportCheck): ImportPreview {
  for (const id of new Set(check.valid.map((v) => v.clientId))) {
    actor.audit('uren-import-gecontroleerd', 'voortgang', { clientId: id });
  }
  return { draftId, fileName, check, kindLabels: HOUR_KIND_LABELS };
}

/**
 * Reads an uploaded report and checks every row. A readable file is kept as a draft (one per user and file) so
 * that it can be imported after the review; a file that cannot be read at all gives its problems and no draft.
 * No file (or an empty one) is refused next to the file field.
 */
export function previewHourImport(
  deps: Deps,
  actor: Actor,
  file: { name: string; bytes: Buffer } | null,
): Result<ImportPreview, { kind: 'invalid'; errors: { file: string } }> {
  const teamId = importerTeam(actor);
  if (!file || file.bytes.length === 0) return refuse({ kind: 'invalid', errors: { file: 'Kies een CSV-bestand met uren.' } });
  const parsed = parseHourCsv(file.bytes);
  const fileName = file.name.slice(0, 200);
  if (parsed.problems.length) {
    return ok(preview(actor, 0, fileName, { rows: 0, valid: [], problems: parsed.problems, alreadyImported: 0, toImport: 0 }));
  }
  const draftId = saveDraft(deps.db, actor.user.id, fileName, sha256(file.bytes), parsed.rows, actor.nowIso);
  return ok(preview(actor, draftId, fileName, checkImportRows(deps.db, parsed.rows, teamId, actor.today)));
}

export type ImportRefusal = { kind: 'conflict'; message: string } | { kind: 'problems'; preview: ImportPreview };

/**
 * Imports a reviewed draft, all or nothing: the rows not imported before, one timeline event per client and each
 * touched client's status refreshed, in one transaction. The rows are checked again first (the data may have
 * changed since the review); with problems nothing is imported and the review comes back.
 */
export function runHourImport(
  deps: Deps,
  actor: Actor,
  draftId: unknown,
): Result<{ imported: number; clientIds: number[]; message: string }, ImportRefusal> {
  const teamId = importerTeam(actor);
  const id = toId(draftId);
  const draft = id === null ? undefined : findDraft(deps.db, id, actor.user.id);
  if (!draft) throw notFound('Dit importbestand bestaat niet (meer). Upload het bestand opnieuw.');
  if (draft.importedAt) {
    return refuse({
      kind: 'conflict',
      message: 'Dit bestand is al geïmporteerd. Upload het opnieuw als u wilt controleren of er nieuwe regels in staan.',
    });
  }
  const check = checkImportRows(deps.db, draft.rows, teamId, actor.today);
  if (check.problems.length) return refuse({ kind: 'problems', preview: preview(actor, draft.id, draft.fileName, check) });

  const { db } = deps;
  const userId = actor.user.id;
  const result = db.transaction(() => {
    const toImport = check.valid.filter((v) => !v.alreadyImported);
    const importId = insertHourImport(db, draft, toImport.length, userId, actor.nowIso);
    const perClient = new Map<number, { rows: number; hours: number }>();
    for (const v of toImport) {
      insertHour(db, v.clientId, v.input, userId, actor.nowIso, { importId, importKey: v.importKey });
      const p = perClient.get(v.clientId) ?? { rows: 0, hours: 0 };
      p.rows += 1;
      p.hours += v.input.hours;
      perClient.set(v.clientId, p);
    }
    for (const [clientId, p] of perClient) {
      addClientEvent(
        db,
        {
          clientId,
          occurredOn: actor.today,
          kind: 'HOURS',
          summary: `Uren geïmporteerd uit ${draft.fileName}: ${p.rows} regel${p.rows === 1 ? '' : 's'}, ${String(Math.round(p.hours * 10) / 10).replace('.', ',')} uur`,
          refTable: 'hour_imports',
          refId: importId,
          userId,
        },
        actor.nowIso,
      );
      refreshClientStatus(db, clientId, actor.today);
    }
    markDraftImported(db, draft.id, actor.nowIso);
    return { imported: toImport.length, clientIds: [...perClient.keys()] };
  })();
  for (const clientId of result.clientIds) actor.audit('uren-geimporteerd', 'voortgang', { clientId });

  const { imported, clientIds } = result;
  const skipped = check.alreadyImported;
  return ok({
    ...result,
    message: `${imported} regel${imported === 1 ? '' : 's'} geïmporteerd voor ${clientIds.length} cliënt${clientIds.length === 1 ? '' : 'en'}.${skipped ? ` ${skipped} regel${skipped === 1 ? ' was' : 's waren'} al eerder geïmporteerd en ${skipped === 1 ? 'is' : 'zijn'} overgeslagen.` : ''}`,
  });
}
