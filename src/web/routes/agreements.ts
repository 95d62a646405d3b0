import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  AGREEMENT_STATUSES,
  type AgreementStatus,
  agreementHistory,
  changeAgreementStatus,
  findAgreement,
  insertAgreement,
  listAgreements,
} from '../../db/agreements.js';
import { refreshClientStatus } from '../../db/client-status.js';
import { addClientEvent } from '../../db/timeline.js';
import type { Services } from '../services.js';
import { notFound } from '../http-errors.js';
import { formatDate } from '../view-helpers.js';
import { choice, type FieldErrors, idParam, optionalText, parseInput } from '../validation.js';
import { OWNER_LABELS, parseAgreementRows } from './conversations.js';
import { type ClientPage, clientPage, refuseWhenClosed } from '../legacy-progress.js';

export const STATUS_LABELS: Record<AgreementStatus, string> = {
  OPEN: 'Open',
  GEREALISEERD: 'Gerealiseerd',
  LOOPT_ACHTER: 'Loopt achter',
  HERZIEN: 'Herzien',
};

/** Not realised or revised, and the due date has passed. */
export function isOverdue(a: { status: string; dueOn: string }, today: string): boolean {
  return (a.status === 'OPEN' || a.status === 'LOOPT_ACHTER') && a.dueOn < today;
}

const statusSchema = z.object({
  status: choice('de nieuwe status', AGREEMENT_STATUSES),
  note: optionalText('de toelichting', 1000),
  version: z.coerce.number({ error: 'Versie ontbreekt' }).int().positive(),
});

/** Agreements (afspraken): list with overdue ones marked, add, status changes with a note and history. */
export function agreementsRouter(services: Services): Router {
  const router = Router();
  const { db } = services;

  function render(req: Request, res: Response, page: ClientPage, status = 200, extra: Record<string, unknown> = {}) {
    const history = agreementHistory(db, page.client.id);
    res.status(status).render('agreements/index', {
      title: `Afspraken – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      agreements: listAgreements(db, page.client.id),
      historyOf: (id: number) => history.filter((h) => h.agreementId === id),
      isOverdue: (a: { status: string; dueOn: string }) => isOverdue(a, page.today),
      ownerLabels: OWNER_LABELS,
      statusLabels: STATUS_LABELS,
      rows: 1,
      statusErrors: {},
      statusFor: null,
      ...extra,
    });
    req.audit('afspraken-bekeken', 'voortgang', { clientId: page.client.id });
  }

  router.get('/clients/:id/agreements', (req, res) => {
    render(req, res, clientPage(req, services));
  });

  router.post('/clients/:id/agreements', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'afspraken')) return;
    const { rows, errors } = parseAgreementRows(req.body, 1, page.today);
    if (!rows.length && !Object.keys(errors).length) errors.agreement_0_description = 'Afspraak 1: vul in wat er is afgesproken';
    if (Object.keys(errors).length) {
      render(req, res, page, 400, { errors, values: req.body });
      return;
    }
    const a = rows[0]!;
    const userId = req.user!.id;
    db.transaction(() => {
      const id = insertAgreement(db, page.client.id, null, a, userId, page.nowIso);
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: page.today,
          kind: 'AGREEMENT',
          summary: `Afspraak gemaakt: ${a.description} (${OWNER_LABELS[a.owner]}, klaar op ${formatDate(a.dueOn)})`,
          refTable: 'agreements',
          refId: id,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
    })();
    req.audit('afspraak-toegevoegd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Afspraak opgeslagen: ${a.description}.` };
    res.redirect(303, `/clients/${page.client.id}/agreements`);
  });

  router.post('/clients/:id/agreements/:agreementId/status', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'afspraken')) return;
    const id = idParam.safeParse(req.params.agreementId);
    const agreement = id.success ? findAgreement(db, page.client.id, id.data) : undefined;
    if (!agreement) throw notFound('Deze afspraak bestaat niet.');
    const parsed = parseInput(statusSchema, req.body);
    const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok && parsed.data.status === agreement.status) errors.status = 'Kies een andere status dan de huidige';
    if (parsed.ok && parsed.data.status === 'HERZIEN' && !parsed.data.note) {
      errors.note = 'Vul bij herzien in wat de nieuwe afspraak is';
    }
    if (!parsed.ok || Object.keys(errors).length) {
      render(req, res, page, 400, { errors, statusErrors: errors, statusFor: agreement.id, statusValues: req.body });
      return;
    }
    const { status, note, version } = parsed.data;
    const userId = req.user!.id;
    const ok = db.transaction(() => {
      if (!changeAgreementStatus(db, page.client.id, agreement.id, version, status, note, userId, page.nowIso)) return false;
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: page.today,
          kind: 'AGREEMENT',
          summary: `Afspraak "${agreement.description}": ${STATUS_LABELS[status].toLowerCase()}${note ? `. ${note}` : ''}`,
          refTable: 'agreements',
          refId: agreement.id,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
      return true;
    })();
    if (!ok) {
      // Keep what the user chose and typed in the (re-opened) status form; the hidden version is the new one.
      render(req, res, page, 409, {
        errors: { _form: 'Iemand anders heeft deze afspraak intussen gewijzigd. Bekijk de nieuwe status en probeer het opnieuw.' },
        statusFor: agreement.id,
        statusValues: req.body,
      });
      return;
    }
    req.audit('afspraak-status-gewijzigd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Status van "${agreement.description}" is nu: ${STATUS_LABELS[status]}.` };
    res.redirect(303, `/clients/${page.client.id}/agreements`);
  });

  return router;
}
