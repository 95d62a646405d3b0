import { format, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale/nl';
import { type Response, Router } from 'express';
import { z } from 'zod';
import { addExcusedAbsence, clientAbsence, excusedAbsenceExists, listExcusedAbsences } from '../../db/absence.js';
import { refreshClientStatus } from '../../db/client-status.js';
import type { ClientRef } from '../../db/clients.js';
import { openCaseOf } from '../../db/enforcement.js';
import { EXCUSED_REASON_KINDS, EXCUSED_REASON_LABELS, ROUTE_LABELS } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { loadClientForRequest } from '../client-access.js';
import { type FieldErrors, choice, optionalDate, optionalText, parseInput, requiredDate, requiredNumber } from '../validation.js';

/** "oktober 2026" for a 'yyyy-MM' period. */
export function monthLabel(period: string): string {
  return format(parseISO(`${period}-01`), 'MMMM yyyy', { locale: nl });
}

/**
 * Lets a cross-field check run even when other fields have errors (zod skips it by default), as long as
 * the fields it reads parsed; so the form shows every problem at once.
 */
export function whenValid(...fields: string[]) {
  return {
    when: (payload: { issues: { path?: PropertyKey[] }[] }) =>
      payload.issues.every((i) => !fields.includes(String(i.path?.[0] ?? ''))),
  };
}

const excusedSchema = z
  .object({
    fromDate: requiredDate('de eerste dag'),
    toDate: optionalDate('de laatste dag'),
    hours: requiredNumber('het aantal uren', { min: 0.5, max: 500 }),
    reasonKind: choice('een reden', EXCUSED_REASON_KINDS),
    note: optionalText('de toelichting', 1000),
  })
  .superRefine((v, ctx) => {
    const to = v.toDate ?? v.fromDate;
    if (to < v.fromDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: 'De laatste dag mag niet voor de eerste dag liggen' });
    else if (to.slice(0, 7) !== v.fromDate.slice(0, 7)) {
      ctx.addIssue({
        code: 'custom',
        path: ['toDate'],
        message: 'De periode moet binnen één kalendermaand vallen. Voer voor elke maand een aparte regel in.',
      });
    }
    if (v.reasonKind === 'OVERIG' && !v.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Vul een toelichting in bij een andere reden' });
    }
  }, whenValid('fromDate', 'toDate', 'reasonKind', 'note'));

/** Absence per month (planned against attended hours) and excused absence: /clients/:id/absence. */
export function absenceRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;

  function render(res: Response, client: ClientRef, status = 200, errors: FieldErrors = {}, values: Record<string, unknown> = {}) {
    const today = todayOf(clock);
    const absence = clientAbsence(db, client.id, today);
    res.status(status).render('absence/show', {
      title: `Verzuim – ${client.firstName} ${client.lastName}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${client.id}`, label: `${client.firstName} ${client.lastName}` },
        { label: 'Verzuim' },
      ],
      client,
      absence,
      routeLabel: absence.route ? ROUTE_LABELS[absence.route] : null,
      monthLabel,
      currentPeriod: today.slice(0, 7),
      excused: listExcusedAbsences(db, client.id),
      reasonLabels: EXCUSED_REASON_LABELS,
      reasonOptions: EXCUSED_REASON_KINDS.map((k) => ({ value: k, label: EXCUSED_REASON_LABELS[k] })),
      openCase: openCaseOf(db, client.id) ?? null,
      activeTab: 'enforcement',
      errors,
      values,
    });
  }

  router.get('/clients/:id/absence', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    req.audit('verzuim-bekeken', 'handhaving', { clientId: client.id });
    render(res, client);
  });

  router.post('/clients/:id/absence/excused', (req, res) => {
    const client = loadClientForRequest(req, services, req.params.id);
    if (client.closedOn) {
      render(res, client, 400, { _form: 'Het inburgeringstraject van deze cliënt is afgesloten. U kunt geen geoorloofd verzuim meer vastleggen.' }, req.body);
      return;
    }
    const parsed = parseInput(excusedSchema, req.body);
    if (!parsed.ok) {
      req.audit('geoorloofd-verzuim-vastleggen', 'handhaving', { clientId: client.id, outcome: 'error' });
      render(res, client, 400, parsed.errors, req.body);
      return;
    }
    const v = parsed.data;
    const today = todayOf(clock);
    const nowIso = clock.now().toISOString();
    const record = { clientId: client.id, fromDate: v.fromDate, toDate: v.toDate ?? v.fromDate, hours: v.hours, reasonKind: v.reasonKind, note: v.note };
    if (excusedAbsenceExists(db, record)) {
      render(res, client, 400, { _form: 'Dit geoorloofd verzuim (zelfde dagen, uren en reden) is al vastgelegd. Er is niets dubbel opgeslagen.' }, req.body);
      return;
    }
    db.transaction(() => {
      addExcusedAbsence(
        db,
        record,
        req.user!.id,
        `Verzuim: ${String(v.hours).replace('.', ',')} uur geoorloofd afwezig (${EXCUSED_REASON_LABELS[v.reasonKind].toLowerCase()})`,
        nowIso,
      );
      refreshClientStatus(db, client.id, today);
    })();
    req.audit('geoorloofd-verzuim-vastgelegd', 'handhaving', { clientId: client.id });
    req.session.flash = { kind: 'ok', message: 'Het geoorloofd verzuim is vastgelegd. Het telt niet mee in het verzuimpercentage.' };
    res.redirect(303, `/clients/${client.id}/absence`);
  });

  return router;
}
