import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { agreementsOfCaseMeetings, insertCaseMeeting, listCaseMeetings } from '../../db/case-meetings.js';
import { refreshClientStatus } from '../../db/client-status.js';
import { assertOpen } from '../../db/closures.js';
import { addClientEvent } from '../../db/timeline.js';
import { findPlacement, listPlacements, PLACEMENT_KIND_LABELS } from '../../db/placements.js';
import type { Services } from '../services.js';
import { formatDate } from '../view-helpers.js';
import { checkbox, type FieldErrors, optionalNumber, optionalText, parseInput, requiredDate, requiredText } from '../validation.js';
import { OWNER_LABELS, parseAgreementRows } from './conversations.js';
import { type ClientPage, clientPage, refuseWhenClosed } from '../legacy-progress.js';

const AGREEMENT_ROWS = 3;

const meetingSchema = z.object({
  heldOn: requiredDate('de datum van het overleg'),
  placementId: optionalNumber('de plaats', { integer: true, min: 1 }),
  withProvider: checkbox(),
  withJobCoach: checkbox(),
  withEmployer: checkbox(),
  otherParticipants: optionalText('de andere deelnemers', 500),
  notes: requiredText('de aantekeningen', 4000),
});

/** Casusoverleg: who took part, notes, and agreements that land in the client's agreements list. */
export function caseMeetingsRouter(services: Services): Router {
  const router = Router();
  const { db } = services;

  function render(req: Request, res: Response, page: ClientPage, status = 200, extra: Record<string, unknown> = {}) {
    const agreements = agreementsOfCaseMeetings(db, page.client.id);
    res.status(status).render('case-meetings/index', {
      title: `Casusoverleg – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      meetings: listCaseMeetings(db, page.client.id),
      agreementsOf: (id: number) => agreements.filter((a) => a.caseMeetingId === id),
      placements: listPlacements(db, page.client.id).map((p) => ({
        value: p.id,
        label: `${PLACEMENT_KIND_LABELS[p.kind]} bij ${p.organisation}`,
      })),
      ownerLabels: OWNER_LABELS,
      rows: AGREEMENT_ROWS,
      values: { heldOn: page.today },
      ...extra,
    });
    req.audit('casusoverleg-bekeken', 'voortgang', { clientId: page.client.id });
  }

  router.get('/clients/:id/case-meetings', (req, res) => {
    render(req, res, clientPage(req, services));
  });

  router.post('/clients/:id/case-meetings', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'casusoverleggen')) return;
    const parsed = parseInput(meetingSchema, req.body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (parsed.ok && parsed.data.heldOn > page.today) {
      errors.heldOn = `De datum van het overleg mag niet na vandaag (${formatDate(page.today)}) liggen`;
    }
    if (parsed.ok && parsed.data.placementId !== null && !findPlacement(db, page.client.id, parsed.data.placementId)) {
      errors.placementId = 'Kies een plaats uit de lijst';
    }
    if (parsed.ok && !parsed.data.withProvider && !parsed.data.withJobCoach && !parsed.data.withEmployer && !parsed.data.otherParticipants) {
      errors.withProvider = 'Kies wie er meededen, of vul de andere deelnemers in';
    }
    const heldOn = parsed.ok ? parsed.data.heldOn : page.today;
    const agreements = parseAgreementRows(req.body, AGREEMENT_ROWS, heldOn);
    Object.assign(errors, agreements.errors);
    if (!parsed.ok || Object.keys(errors).length) {
      render(req, res, page, 400, { errors, values: req.body });
      return;
    }
    const m = parsed.data;
    const userId = req.user!.id;
    db.transaction(() => {
      assertOpen(db, page.client.id);
      const { id } = insertCaseMeeting(db, page.client.id, m, agreements.rows, userId, page.nowIso);
      const n = agreements.rows.length;
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: m.heldOn,
          kind: 'CASE_MEETING',
          summary: `Casusoverleg op ${formatDate(m.heldOn)}${n ? `, ${n} afspra${n === 1 ? 'ak' : 'ken'} gemaakt` : ''}`,
          refTable: 'case_meetings',
          refId: id,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
    })();
    req.audit('casusoverleg-vastgelegd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Casusoverleg van ${formatDate(m.heldOn)} opgeslagen.` };
    res.redirect(303, `/clients/${page.client.id}/case-meetings`);
  });

  return router;
}
