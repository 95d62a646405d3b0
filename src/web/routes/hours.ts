import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { ClientRef } from '../../db/clients.js';
import { refreshClientStatus } from '../../db/client-status.js';
import {
  deleteHour,
  findHour,
  type HourEntry,
  type HourInput,
  hourHistory,
  insertHour,
  listActivityKinds,
  listHours,
  listProviders,
  updateHour,
} from '../../db/hours.js';
import { findPlacement, hourKindOfPlacement, PLACEMENT_KIND_LABELS, placementsForHours } from '../../db/placements.js';
import { addClientEvent } from '../../db/timeline.js';
import { type Eligibility, HOUR_KINDS, type HourKind, loadEligibility } from '../../db/progress.js';
import { participationTotal, ROUTE_LABELS } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../app.js';
import { loadClientForRequest } from '../client-access.js';
import { conflict, notFound } from '../http-errors.js';
import { formatDate, formatHours } from '../view-helpers.js';
import {
  choice,
  type FieldErrors,
  idParam,
  optionalNumber,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
  requiredText,
} from '../validation.js';

export const HOUR_KIND_LABELS: Record<HourKind, string> = {
  LANGUAGE: 'Taalles',
  KNM: 'KNM',
  PARTICIPATION: 'Participatie',
  MAP: 'MAP',
  PVT: 'PVT',
  PAID_WORK: 'Betaald werk',
};

export const SOURCE_LABELS: Record<string, string> = { MANUAL: 'Handmatig', IMPORT: 'Import aanbieder' };

/** What every progress page of one client needs: access-checked client, today, and where the client stands. */
export interface ClientPage {
  client: ClientRef;
  today: string;
  nowIso: string;
  eligibility: Eligibility;
  routeLabel: string | null;
}

export function clientPage(req: Request, services: Services): ClientPage {
  const client = loadClientForRequest(req, services, req.params.id);
  const today = todayOf(services.clock);
  const eligibility = loadEligibility(services.db, client.id, today);
  return {
    client,
    today,
    nowIso: services.clock.now().toISOString(),
    eligibility,
    routeLabel: eligibility.route ? ROUTE_LABELS[eligibility.route] : null,
  };
}

export function closedMessage(client: ClientRef, what: string): string {
  return `Het traject van ${client.firstName} ${client.lastName} is afgesloten op ${formatDate(client.closedOn)}. U kunt geen ${what} meer vastleggen. Het dossier blijft leesbaar.`;
}

/**
 * Closed trajectories stay readable, but no new hours, decisions or conversations can be recorded:
 * renders a 409 page and returns true when the client is closed.
 */
export function refuseWhenClosed(req: Request, res: Response, page: ClientPage, what: string): boolean {
  if (!page.client.closedOn) return false;
  req.audit('wijziging-geweigerd-afgesloten', 'voortgang', { clientId: page.client.id, outcome: 'error' });
  res.status(409).render('hours/closed', {
    title: 'Traject afgesloten',
    ...page,
    message: closedMessage(page.client, what),
  });
  return true;
}

export interface HourBar {
  label: string;
  actual: number;
  norm: number | null;
  note?: string;
}

/** The bars of the progress panel: attended hours per kind against the norms in force. */
export function hourBars(e: Eligibility): HourBar[] {
  const a = e.progress.totals.attended;
  const bars: HourBar[] = [{ label: 'Taalles', actual: a.LANGUAGE, norm: e.norms.languageHours }];
  if (e.route === 'Z' && e.progress.snapshot) {
    const total = participationTotal(e.progress.snapshot, e.rules.z);
    const extra = total - a.PARTICIPATION - a.MAP - a.PAID_WORK;
    bars.push({
      label: 'Participatie (totaal)',
      actual: total,
      norm: e.norms.participationHours,
      note: `Activiteiten ${formatHours(a.PARTICIPATION)}, MAP ${formatHours(a.MAP)}, betaald werk ${formatHours(a.PAID_WORK)}${extra > 0 ? `, besluiten ${formatHours(extra)}` : ''}`,
    });
    if (e.norms.paidWorkHours) bars.push({ label: 'Waarvan betaald werk', actual: a.PAID_WORK, norm: e.norms.paidWorkHours });
  } else {
    bars.push({ label: 'Participatie', actual: a.PARTICIPATION + a.MAP, norm: e.norms.participationHours });
    bars.push({ label: 'Betaald werk', actual: a.PAID_WORK, norm: null });
  }
  bars.push({ label: 'KNM', actual: a.KNM, norm: null }, { label: 'PVT', actual: a.PVT, norm: null });
  return bars;
}

/** Absence per kind where planned hours were reported: (planned − attended) / planned. */
export function absencePct(attended: number, planned: number | null): number | null {
  if (planned === null || planned <= 0) return null;
  return Math.max(0, Math.round(((planned - attended) / planned) * 100));
}

const hourSchema = z.object({
  kind: choice('een soort uren', HOUR_KINDS as unknown as readonly [HourKind, ...HourKind[]]),
  activityKindId: optionalNumber('de activiteit', { integer: true, min: 1 }),
  periodStart: requiredDate('de begindatum'),
  periodEnd: requiredDate('de einddatum'),
  hours: requiredNumber('het aantal gevolgde uren', { max: 1000 }).refine((n) => n > 0, {
    message: 'Het aantal gevolgde uren moet meer dan 0 zijn',
  }),
  plannedHours: optionalNumber('het aantal geplande uren', { min: 0, max: 1000 }),
  providerId: optionalNumber('de aanbieder', { integer: true, min: 1 }),
  organisation: optionalText('de organisatie', 200),
  note: optionalText('de toelichting', 1000),
  placementId: optionalNumber('de plaats', { integer: true, min: 1 }),
});

/** Parses and checks the hour form; the cross-field rules need today and the lists. */
export function parseHourForm(
  services: Services,
  body: unknown,
  today: string,
  clientId: number | null = null,
): { ok: true; data: HourInput } | { ok: false; errors: FieldErrors } {
  // Hours made at a participation placement take their kind from the placement (paid work or participation).
  const raw = (body ?? {}) as Record<string, unknown>;
  const placementRaw = typeof raw.placementId === 'string' ? raw.placementId.trim() : '';
  const placement =
    clientId !== null && /^\d+$/.test(placementRaw) ? findPlacement(services.db, clientId, Number(placementRaw)) : undefined;
  const parsed = parseInput(hourSchema, placement ? { ...raw, kind: hourKindOfPlacement(placement.kind) } : raw);
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  const errors: FieldErrors = {};
  if (d.periodEnd < d.periodStart) errors.periodEnd = 'De einddatum mag niet voor de begindatum liggen';
  else if (d.periodEnd > today) errors.periodEnd = `De einddatum mag niet na vandaag (${formatDate(today)}) liggen`;
  if (d.plannedHours !== null && d.plannedHours < d.hours) {
    errors.plannedHours = 'Het aantal geplande uren mag niet kleiner zijn dan het aantal gevolgde uren';
  }
  if (d.placementId !== null && !placement) errors.placementId = 'Kies een plaats uit de lijst';
  let activityKindId: number | null = null;
  // At a placement the placement says what the activity was; an activity kind is then optional.
  if (d.kind === 'PARTICIPATION' && !(placement && d.activityKindId === null)) {
    if (d.activityKindId === null) errors.activityKindId = 'Kies de activiteit: die is verplicht bij participatie';
    else if (!listActivityKinds(services.db, d.activityKindId).some((k) => k.id === d.activityKindId)) {
      errors.activityKindId = 'Kies een activiteit uit de lijst';
    } else activityKindId = d.activityKindId;
  }
  if (d.providerId !== null && !listProviders(services.db, d.providerId).some((p) => p.id === d.providerId)) {
    errors.providerId = 'Kies een aanbieder uit de lijst';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { ...d, activityKindId } };
}

function describe(e: HourInput): string {
  return `${formatHours(e.hours)} uur ${HOUR_KIND_LABELS[e.kind].toLowerCase()} (${formatDate(e.periodStart)} t/m ${formatDate(e.periodEnd)})`;
}

function entryToValues(e: HourEntry): Record<string, unknown> {
  return {
    kind: e.kind,
    activityKindId: e.activityKindId ?? '',
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    hours: formatHours(e.hours).replace(/\./g, ''),
    plannedHours: e.plannedHours === null ? '' : formatHours(e.plannedHours).replace(/\./g, ''),
    providerId: e.providerId ?? '',
    organisation: e.organisation ?? '',
    note: e.note ?? '',
    placementId: e.placementId ?? '',
    version: e.version,
  };
}

const deleteSchema = z.object({
  reason: requiredText('de reden van verwijderen', 500),
  version: z.coerce.number().int().positive(),
});

/** Hours of one client: list, totals against the norms, add, edit, remove with a reason, history. */
export function hoursRouter(services: Services): Router {
  const router = Router();
  const { db } = services;

  function placementOptions(clientId: number, includeId: number | null) {
    return placementsForHours(db, clientId, includeId).map((p) => ({
      value: p.id,
      label: `${PLACEMENT_KIND_LABELS[p.kind]} bij ${p.organisation}`,
    }));
  }

  function renderList(req: Request, res: Response, page: ClientPage, status = 200, extra: Record<string, unknown> = {}) {
    res.status(status).render('hours/index', {
      title: `Uren – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      entries: listHours(db, page.client.id),
      bars: hourBars(page.eligibility),
      activityKinds: listActivityKinds(db),
      providers: listProviders(db),
      placements: placementOptions(page.client.id, null),
      kindLabels: HOUR_KIND_LABELS,
      sourceLabels: SOURCE_LABELS,
      absencePct,
      values: { periodEnd: page.today },
      ...extra,
    });
    req.audit('uren-bekeken', 'voortgang', { clientId: page.client.id });
  }

  router.get('/clients/:id/hours', (req, res) => {
    renderList(req, res, clientPage(req, services));
  });

  router.post('/clients/:id/hours', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'uren')) return;
    const parsed = parseHourForm(services, req.body, page.today, page.client.id);
    if (!parsed.ok) {
      renderList(req, res, page, 400, { errors: parsed.errors, values: req.body });
      return;
    }
    const userId = req.user!.id;
    db.transaction(() => {
      const id = insertHour(db, page.client.id, parsed.data, userId, page.nowIso);
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: page.today,
          kind: 'HOURS',
          summary: `Uren vastgelegd: ${describe(parsed.data)}`,
          refTable: 'hour_entries',
          refId: id,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
    })();
    req.audit('uren-toegevoegd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Opgeslagen: ${describe(parsed.data)}.` };
    res.redirect(303, `/clients/${page.client.id}/hours`);
  });

  function loadEntry(page: ClientPage, raw: unknown): HourEntry {
    const id = idParam.safeParse(raw);
    const entry = id.success ? findHour(db, page.client.id, id.data) : undefined;
    if (!entry) throw notFound('Deze urenregel bestaat niet.');
    return entry;
  }

  function renderEdit(req: Request, res: Response, page: ClientPage, entry: HourEntry, status = 200, extra = {}) {
    res.status(status).render('hours/edit', {
      title: `Urenregel wijzigen – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      entry,
      history: hourHistory(db, entry.id),
      activityKinds: listActivityKinds(db, entry.activityKindId),
      providers: listProviders(db, entry.providerId),
      placements: placementOptions(page.client.id, entry.placementId ?? null),
      kindLabels: HOUR_KIND_LABELS,
      sourceLabels: SOURCE_LABELS,
      values: entryToValues(entry),
      deleteValues: {},
      deleteErrors: {},
      ...extra,
    });
    req.audit('urenregel-bekeken', 'voortgang', { clientId: page.client.id });
  }

  router.get('/clients/:id/hours/:hourId/edit', (req, res) => {
    const page = clientPage(req, services);
    renderEdit(req, res, page, loadEntry(page, req.params.hourId));
  });

  router.post('/clients/:id/hours/:hourId/edit', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'uren')) return;
    const entry = loadEntry(page, req.params.hourId);
    if (entry.deletedAt) throw conflict('Deze urenregel is verwijderd en kan niet meer worden gewijzigd.');
    const version = Number(req.body.version);
    const parsed = parseHourForm(services, req.body, page.today, page.client.id);
    if (!parsed.ok) {
      renderEdit(req, res, page, entry, 400, { errors: parsed.errors, values: req.body });
      return;
    }
    const userId = req.user!.id;
    const ok = db.transaction(() => {
      if (!updateHour(db, page.client.id, entry.id, version, parsed.data, userId, page.nowIso)) return false;
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: page.today,
          kind: 'HOURS',
          summary: `Uren gewijzigd: ${describe(entry)} → ${describe(parsed.data)}`,
          refTable: 'hour_entries',
          refId: entry.id,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
      return true;
    })();
    if (!ok) {
      const fresh = findHour(db, page.client.id, entry.id)!;
      // Show what the user typed (not lost), with the new version number so a second save is deliberate.
      renderEdit(req, res, page, fresh, 409, {
        values: { ...req.body, version: fresh.version },
        errors: {
          _form: `Iemand anders heeft deze urenregel intussen gewijzigd; uw wijziging is niet opgeslagen. Nu opgeslagen: ${describe(fresh)}. Hieronder staat wat u invulde: sla opnieuw op om dat te bewaren.`,
        },
      });
      return;
    }
    req.audit('uren-gewijzigd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Gewijzigd: ${describe(parsed.data)}.` };
    res.redirect(303, `/clients/${page.client.id}/hours`);
  });

  router.post('/clients/:id/hours/:hourId/delete', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'uren')) return;
    const entry = loadEntry(page, req.params.hourId);
    if (entry.deletedAt) throw conflict('Deze urenregel is al verwijderd.');
    const parsed = parseInput(deleteSchema, req.body);
    if (!parsed.ok) {
      renderEdit(req, res, page, entry, 400, { deleteErrors: parsed.errors, errors: parsed.errors, deleteValues: req.body });
      return;
    }
    const userId = req.user!.id;
    const ok = db.transaction(() => {
      if (!deleteHour(db, page.client.id, entry.id, parsed.data.version, parsed.data.reason, userId, page.nowIso)) {
        return false;
      }
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: page.today,
          kind: 'HOURS',
          summary: `Uren verwijderd: ${describe(entry)}. Reden: ${parsed.data.reason}`,
          refTable: 'hour_entries',
          refId: entry.id,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
      return true;
    })();
    if (!ok) {
      throw conflict('Iemand anders heeft deze urenregel intussen gewijzigd. Er is niets verwijderd; open de regel opnieuw.');
    }
    req.audit('uren-verwijderd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Verwijderd: ${describe(entry)}.` };
    res.redirect(303, `/clients/${page.client.id}/hours`);
  });

  return router;
}
