import { agreementsOfCaseMeetings, type CaseMeetingInput, insertCaseMeeting, listCaseMeetings } from '../db/case-meetings.js';
import { assertOpen } from '../db/closures.js';
import { findPlacement, listPlacements, PLACEMENT_KIND_LABELS } from '../db/placements.js';
import { formatDate } from '../lib/format.js';
import type { Actor } from './actor.js';
import type { AgreementRows } from './agreements.js';
import { closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { OWNER_LABELS } from './labels.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result } from './result.js';

export type { CaseMeetingInput } from '../db/case-meetings.js';

/** How many agreement rows the case meeting form has. */
export const CASE_MEETING_AGREEMENT_ROWS = 3;

/** The case meetings of a client with their agreements, and the lists of the form. */
export function loadCaseMeetingsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const { db } = deps;
  const agreements = agreementsOfCaseMeetings(db, page.client.id);
  actor.audit('casusoverleg-bekeken', 'voortgang', { clientId: page.client.id });
  return {
    ...page,
    meetings: listCaseMeetings(db, page.client.id),
    agreementsOf: (id: number) => agreements.filter((a) => a.caseMeetingId === id),
    placements: listPlacements(db, page.client.id).map((p) => ({
      value: p.id,
      label: `${PLACEMENT_KIND_LABELS[p.kind]} bij ${p.organisation}`,
    })),
    ownerLabels: OWNER_LABELS,
    rows: CASE_MEETING_AGREEMENT_ROWS,
  };
}

/**
 * Records a case meeting (casusoverleg) with its agreements, which land in the client's agreements list.
 * `agreements` are the form's agreement rows, parsed against the meeting date (or today when that is invalid).
 */
export function recordCaseMeeting(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  agreements: AgreementRows,
  form: Parsed<CaseMeetingInput>,
): Result<{ message: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'casusoverleggen');
  if (closed) return { ok: false, refusal: closed };
  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  if (form.ok) {
    const m = form.data;
    if (m.heldOn > actor.today) errors.heldOn = `De datum van het overleg mag niet na vandaag (${formatDate(actor.today)}) liggen`;
    if (m.placementId !== null && !findPlacement(deps.db, page.client.id, m.placementId)) errors.placementId = 'Kies een plaats uit de lijst';
    if (!m.withProvider && !m.withJobCoach && !m.withEmployer && !m.otherParticipants) {
      errors.withProvider = 'Kies wie er meededen, of vul de andere deelnemers in';
    }
  }
  Object.assign(errors, agreements.errors);
  if (!form.ok || Object.keys(errors).length) return invalid(errors);
  const m = form.data;
  changeDossier(deps, actor, page.client.id, () => {
    assertOpen(deps.db, page.client.id);
    const { id } = insertCaseMeeting(deps.db, page.client.id, m, agreements.rows, actor.user.id, actor.nowIso);
    const n = agreements.rows.length;
    return {
      value: id,
      events: [
        {
          kind: 'CASE_MEETING',
          summary: `Casusoverleg op ${formatDate(m.heldOn)}${n ? `, ${n} afspra${n === 1 ? 'ak' : 'ken'} gemaakt` : ''}`,
          refTable: 'case_meetings',
          refId: id,
          occurredOn: m.heldOn,
        },
      ],
    };
  });
  actor.audit('casusoverleg-vastgelegd', 'voortgang', { clientId: page.client.id });
  return ok({ message: `Casusoverleg van ${formatDate(m.heldOn)} opgeslagen.` });
}
