import {
  AGREEMENT_OWNERS,
  AGREEMENT_STATUSES,
  type Agreement,
  type AgreementInput,
  type AgreementStatus,
  agreementHistory,
  changeAgreementStatus,
  findAgreement,
  insertAgreement,
  listAgreements,
} from '../db/agreements.js';
import { formatDate } from '../lib/format.js';
import { toId } from './access.js';
import type { Actor } from './actor.js';
import { type ClientPage, closedRefusal, loadClientPage } from './client-page.js';
import type { Deps } from './deps.js';
import { changeDossier } from './dossier-write.js';
import { notFound } from './errors.js';
import { OWNER_LABELS } from './labels.js';
import { type FieldErrors, invalid, ok, type Parsed, type Result, stale } from './result.js';

export { AGREEMENT_OWNERS, AGREEMENT_STATUSES };
export type { AgreementInput, AgreementOwner, AgreementStatus } from '../db/agreements.js';

export const STATUS_LABELS: Record<AgreementStatus, string> = {
  OPEN: 'Open',
  GEREALISEERD: 'Gerealiseerd',
  LOOPT_ACHTER: 'Loopt achter',
  HERZIEN: 'Herzien',
};

/**
 * The agreement rows of a form (conversation, case meeting, agreements page) as the web layer parsed them:
 * the complete rows, and a Dutch message per field of an incomplete one (empty rows are left out).
 */
export interface AgreementRows {
  rows: AgreementInput[];
  errors: FieldErrors;
}

/** Not realised or revised, and the due date has passed. */
export function isOverdue(a: { status: string; dueOn: string }, today: string): boolean {
  return (a.status === 'OPEN' || a.status === 'LOOPT_ACHTER') && a.dueOn < today;
}

/** The agreements page of a client: the list (overdue ones marked) with each agreement's status history. */
export function loadAgreementsPage(deps: Deps, actor: Actor, clientId: unknown) {
  const page = loadClientPage(deps, actor, clientId);
  const { db } = deps;
  const history = agreementHistory(db, page.client.id);
  actor.audit('afspraken-bekeken', 'voortgang', { clientId: page.client.id });
  return {
    ...page,
    agreements: listAgreements(db, page.client.id),
    historyOf: (id: number) => history.filter((h) => h.agreementId === id),
    isOverdue: (a: { status: string; dueOn: string }) => isOverdue(a, page.today),
    ownerLabels: OWNER_LABELS,
    statusLabels: STATUS_LABELS,
    rows: 1,
    // The status form of one agreement, opened again (with its messages) after a refused change.
    statusErrors: {} as FieldErrors,
    statusFor: null as number | null,
  };
}

function loadAgreement(deps: Deps, page: ClientPage, rawId: unknown): Agreement {
  const id = toId(rawId);
  const agreement = id === null ? undefined : findAgreement(deps.db, page.client.id, id);
  if (!agreement) throw notFound('Deze afspraak bestaat niet.');
  return agreement;
}

/** Adds an agreement made outside a conversation; its due date may not be before today (checked by the form). */
export function addAgreement(deps: Deps, actor: Actor, clientId: unknown, form: Parsed<AgreementInput>): Result<{ message: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'afspraken');
  if (closed) return { ok: false, refusal: closed };
  if (!form.ok) return invalid(form.errors);
  const a = form.data;
  changeDossier(deps, actor, page.client.id, () => {
    const id = insertAgreement(deps.db, page.client.id, null, a, actor.user.id, actor.nowIso);
    return {
      value: id,
      events: [
        {
          kind: 'AGREEMENT',
          summary: `Afspraak gemaakt: ${a.description} (${OWNER_LABELS[a.owner]}, klaar op ${formatDate(a.dueOn)})`,
          refTable: 'agreements',
          refId: id,
        },
      ],
    };
  });
  actor.audit('afspraak-toegevoegd', 'voortgang', { clientId: page.client.id });
  return ok({ message: `Afspraak opgeslagen: ${a.description}.` });
}

export interface AgreementStatusForm {
  status: AgreementStatus;
  note: string | null;
  version: number;
}

/** Changes the status of an agreement (with a note, required when revised); refused when someone else changed it in between. */
export function setAgreementStatus(
  deps: Deps,
  actor: Actor,
  clientId: unknown,
  agreementId: unknown,
  form: Parsed<AgreementStatusForm>,
): Result<{ message: string }> {
  const page = loadClientPage(deps, actor, clientId);
  const closed = closedRefusal(actor, page.client, 'afspraken');
  if (closed) return { ok: false, refusal: closed };
  const agreement = loadAgreement(deps, page, agreementId);
  if (!form.ok) return invalid(form.errors);
  const { status, note, version } = form.data;
  const errors: FieldErrors = {};
  if (status === agreement.status) errors.status = 'Kies een andere status dan de huidige';
  if (status === 'HERZIEN' && !note) errors.note = 'Vul bij herzien in wat de nieuwe afspraak is';
  if (Object.keys(errors).length) return invalid(errors);
  const saved = changeDossier(deps, actor, page.client.id, () =>
    changeAgreementStatus(deps.db, page.client.id, agreement.id, version, status, note, actor.user.id, actor.nowIso)
      ? {
          value: agreement.id,
          events: [
            {
              kind: 'AGREEMENT',
              summary: `Afspraak "${agreement.description}": ${STATUS_LABELS[status].toLowerCase()}${note ? `. ${note}` : ''}`,
              refTable: 'agreements',
              refId: agreement.id,
            },
          ],
        }
      : null,
  );
  if (!saved) return stale('Iemand anders heeft deze afspraak intussen gewijzigd. Bekijk de nieuwe status en probeer het opnieuw.');
  actor.audit('afspraak-status-gewijzigd', 'voortgang', { clientId: page.client.id });
  return ok({ message: `Status van "${agreement.description}" is nu: ${STATUS_LABELS[status]}.` });
}
