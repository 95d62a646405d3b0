import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { refreshClientStatus } from '../../db/client-status.js';
import { assertOpen } from '../../db/closures.js';
import { addClientEvent } from '../../db/timeline.js';
import {
  activatePlacement,
  activePlacementsOfTeam,
  aftercareOverdueForTeam,
  endPlacement,
  findCheckin,
  findPlacement,
  hasSubstitutionDecision,
  insertPlacement,
  isCheckinOverdue,
  isPaidKind,
  LANGUAGE_SUPPORT_LABELS,
  LANGUAGE_SUPPORTS,
  listCheckins,
  listPlacements,
  loadReadiness,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_KINDS,
  PLACEMENT_STATUS_LABELS,
  type Placement,
  type PlacementInput,
  placementsEndingSoon,
  READINESS_ITEMS,
  READINESS_LABELS,
  readinessComplete,
  saveReadiness,
  structuralPaidPlacement,
  updateCheckin,
  updatePlacement,
} from '../../db/placements.js';
import { findTeam } from '../../db/teams.js';
import { zRouteNorms } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { conflict, forbidden, notFound } from '../http-errors.js';
import { formatDate, formatHours } from '../view-helpers.js';
import {
  choice,
  type FieldErrors,
  idParam,
  optionalDate,
  optionalText,
  parseInput,
  requiredDate,
  requiredNumber,
  requiredText,
} from '../validation.js';
import { type ClientPage, clientPage, refuseWhenClosed } from '../legacy-progress.js';

const placementSchema = z.object({
  kind: choice('de soort plaats', PLACEMENT_KINDS),
  organisation: requiredText('de organisatie of werkgever', 200),
  contactPerson: optionalText('de contactpersoon', 200),
  jobCoach: optionalText('de jobcoach', 200),
  startOn: requiredDate('de startdatum'),
  plannedEndOn: optionalDate('de (geplande) einddatum'),
  hoursPerWeek: requiredNumber('het aantal uren per week', { min: 0.5, max: 40 }),
  languageSupport: choice('de taalondersteuning', LANGUAGE_SUPPORTS),
  note: optionalText('de toelichting', 2000),
});

function parsePlacement(body: unknown): { ok: true; data: PlacementInput } | { ok: false; errors: FieldErrors } {
  const parsed = parseInput(placementSchema, body);
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  if (d.plannedEndOn && d.plannedEndOn < d.startOn) {
    return { ok: false, errors: { plannedEndOn: 'De einddatum mag niet voor de startdatum liggen' } };
  }
  return { ok: true, data: d };
}

const versionField = z.coerce.number().int().positive();

const activateSchema = z.object({
  version: versionField,
  activationReason: optionalText('de reden', 1000),
});

const endSchema = z.object({
  version: versionField,
  endedOn: requiredDate('de einddatum'),
  endReason: requiredText('de reden van beëindigen', 1000),
});

const checkinSchema = z.object({
  version: versionField,
  dueOn: requiredDate('de datum van het nazorgmoment'),
  done: z.preprocess((v) => v === 'ja', z.boolean()),
  note: optionalText('de notitie', 2000),
});

function describe(p: Pick<PlacementInput, 'kind' | 'organisation'>): string {
  return `${PLACEMENT_KIND_LABELS[p.kind].toLowerCase()} bij ${p.organisation}`;
}

function placementToValues(p: Placement): Record<string, unknown> {
  return {
    kind: p.kind,
    organisation: p.organisation,
    contactPerson: p.contactPerson ?? '',
    jobCoach: p.jobCoach ?? '',
    startOn: p.startOn,
    plannedEndOn: p.plannedEndOn ?? '',
    hoursPerWeek: formatHours(p.hoursPerWeek).replace(/\./g, ''),
    languageSupport: p.languageSupport,
    note: p.note ?? '',
    version: p.version,
  };
}

export interface SubstitutionSuggestion {
  placement: Placement;
  hours: number;
  languageFrom: number;
  languageTo: number;
  participationFrom: number;
  participationTo: number;
  paidWork: number;
}

/**
 * The leidraad's suggestion for a Z-route client with structural paid work (an active paid placement for at
 * least `structuralPaidWorkWeeks` weeks) and no substitution decision yet: the norms with and without the
 * maximum substitution.
 */
export function substitutionSuggestion(services: Services, page: ClientPage): SubstitutionSuggestion | null {
  const e = page.eligibility;
  if (e.route !== 'Z') return null;
  const placement = structuralPaidPlacement(services.db, page.client.id, page.today, e.rules.general.structuralPaidWorkWeeks);
  if (!placement || hasSubstitutionDecision(services.db, page.client.id)) return null;
  const hours = e.rules.z.maxSubstitutionHours;
  const without = zRouteNorms(0, e.rules.z);
  const withS = zRouteNorms(hours, e.rules.z);
  return {
    placement,
    hours,
    languageFrom: without.languageHours,
    languageTo: withS.languageHours,
    participationFrom: without.participationHours,
    participationTo: withS.participationHours,
    paidWork: withS.paidWorkHours,
  };
}

const labels = {
  kindLabels: PLACEMENT_KIND_LABELS,
  supportLabels: LANGUAGE_SUPPORT_LABELS,
  statusLabels: PLACEMENT_STATUS_LABELS,
  readinessLabels: READINESS_LABELS,
};

/** Placements of one client, readiness, after-care; and the team lead's overview. */
export function placementsRouter(services: Services): Router {
  const router = Router();
  const { db } = services;

  function render(req: Request, res: Response, page: ClientPage, status = 200, extra: Record<string, unknown> = {}) {
    const checkins = listCheckins(db, page.client.id);
    const placements = listPlacements(db, page.client.id);
    const overdue = checkins.filter(
      (c) => isCheckinOverdue(c, page.today) && placements.find((p) => p.id === c.placementId)?.status === 'ACTIEF',
    );
    res.status(status).render('placements/index', {
      title: `Participatie – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      ...labels,
      placements,
      checkinsOf: (id: number) => checkins.filter((c) => c.placementId === id),
      isOverdue: (c: { dueOn: string; doneOn: string | null }) => isCheckinOverdue(c, page.today),
      overdue,
      readiness: loadReadiness(db, page.client.id),
      suggestion: substitutionSuggestion(services, page),
      isPaidKind,
      values: { startOn: page.today, languageSupport: 'GEEN' },
      readinessErrors: {},
      readinessValues: null,
      actionFor: null,
      actionErrors: {},
      actionValues: {},
      ...extra,
    });
    req.audit('participatie-bekeken', 'voortgang', { clientId: page.client.id });
  }

  function loadPlacement(page: ClientPage, raw: unknown): Placement {
    const id = idParam.safeParse(raw);
    const p = id.success ? findPlacement(db, page.client.id, id.data) : undefined;
    if (!p) throw notFound('Deze plaats bestaat niet.');
    return p;
  }

  function event(page: ClientPage, userId: number, summary: string, refId: number, refTable = 'placements') {
    addClientEvent(
      db,
      { clientId: page.client.id, occurredOn: page.today, kind: 'PLACEMENT', summary, refTable, refId, userId },
      page.nowIso,
    );
  }

  router.get('/clients/:id/placements', (req, res) => {
    render(req, res, clientPage(req, services));
  });

  router.post('/clients/:id/placements', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'plaatsen')) return;
    const parsed = parsePlacement(req.body);
    if (!parsed.ok) {
      render(req, res, page, 400, { errors: parsed.errors, values: req.body });
      return;
    }
    const userId = req.user!.id;
    db.transaction(() => {
      assertOpen(db, page.client.id);
      const id = insertPlacement(db, page.client.id, parsed.data, userId, page.nowIso);
      event(page, userId, `Plaats toegevoegd: ${describe(parsed.data)} (in voorbereiding)`, id);
      refreshClientStatus(db, page.client.id, page.today);
    })();
    req.audit('plaats-toegevoegd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Plaats opgeslagen: ${describe(parsed.data)}.` };
    res.redirect(303, `/clients/${page.client.id}/placements`);
  });

  function renderEdit(req: Request, res: Response, page: ClientPage, p: Placement, status = 200, extra = {}) {
    res.status(status).render('placements/edit', {
      title: `Plaats wijzigen – ${page.client.firstName} ${page.client.lastName}`,
      ...page,
      ...labels,
      placement: p,
      values: placementToValues(p),
      endValues: { endedOn: page.today },
      endErrors: {},
      ...extra,
    });
    req.audit('plaats-bekeken', 'voortgang', { clientId: page.client.id });
  }

  router.get('/clients/:id/placements/:placementId/edit', (req, res) => {
    const page = clientPage(req, services);
    renderEdit(req, res, page, loadPlacement(page, req.params.placementId));
  });

  router.post('/clients/:id/placements/:placementId/edit', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'plaatsen')) return;
    const p = loadPlacement(page, req.params.placementId);
    if (p.status === 'BEEINDIGD') throw conflict('Deze plaats is beëindigd en kan niet meer worden gewijzigd.');
    const parsed = parsePlacement(req.body);
    if (parsed.ok && p.hoursRegistered > 0 && isPaidKind(p.kind) !== isPaidKind(parsed.data.kind)) {
      const counted = isPaidKind(p.kind) ? 'betaald werk' : 'participatie';
      renderEdit(req, res, page, p, 400, {
        errors: {
          kind: `Op deze plek zijn al uren geregistreerd die tellen als ${counted}. Kies een soort die ook zo telt, of beëindig deze plek en voeg een nieuwe toe`,
        },
        values: req.body,
      });
      return;
    }
    if (!parsed.ok) {
      renderEdit(req, res, page, p, 400, { errors: parsed.errors, values: req.body });
      return;
    }
    const version = Number(req.body.version);
    const userId = req.user!.id;
    const ok = db.transaction(() => {
      assertOpen(db, page.client.id);
      if (!updatePlacement(db, page.client.id, p.id, version, parsed.data, page.nowIso)) return false;
      event(page, userId, `Plaats gewijzigd: ${describe(parsed.data)}`, p.id);
      refreshClientStatus(db, page.client.id, page.today);
      return true;
    })();
    if (!ok) {
      const fresh = findPlacement(db, page.client.id, p.id)!;
      renderEdit(req, res, page, fresh, 409, {
        errors: { _form: 'Iemand anders heeft deze plaats intussen gewijzigd. Hieronder staat de nieuwe versie; uw wijziging is niet opgeslagen.' },
      });
      return;
    }
    req.audit('plaats-gewijzigd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Gewijzigd: ${describe(parsed.data)}.` };
    res.redirect(303, `/clients/${page.client.id}/placements`);
  });

  router.post('/clients/:id/placements/:placementId/activate', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'plaatsen')) return;
    const p = loadPlacement(page, req.params.placementId);
    if (p.status !== 'IN_VOORBEREIDING') throw conflict('Alleen een plaats in voorbereiding kan actief worden gemaakt.');
    const input = { version: req.body.version, activationReason: req.body[`activationReason-${p.id}`] };
    const parsed = parseInput(activateSchema, input);
    const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    const ready = readinessComplete(loadReadiness(db, page.client.id));
    if (parsed.ok && !ready && !parsed.data.activationReason) {
      errors[`activationReason-${p.id}`] =
        'De basis is nog niet op orde: bevestig eerst alle punten van de checklist, of vul de reden in waarom de plaats toch start';
    }
    if (!parsed.ok || Object.keys(errors).length) {
      const keyed: FieldErrors = {};
      for (const [k, v] of Object.entries(errors)) keyed[k.startsWith('activationReason') ? `activationReason-${p.id}` : k] = v;
      render(req, res, page, 400, { errors: keyed, actionFor: p.id, actionErrors: keyed, actionValues: input });
      return;
    }
    const reason = ready ? null : parsed.data.activationReason;
    const userId = req.user!.id;
    const ok = db.transaction(() => {
      assertOpen(db, page.client.id);
      if (!activatePlacement(db, page.client.id, p.id, parsed.data.version, page.today, reason, userId, page.nowIso)) {
        return false;
      }
      event(page, userId, `Plaats actief: ${describe(p)}${reason ? `. Basis nog niet op orde; reden: ${reason}` : ''}`, p.id);
      refreshClientStatus(db, page.client.id, page.today);
      return true;
    })();
    if (!ok) throw conflict('Iemand anders heeft deze plaats intussen gewijzigd. Er is niets veranderd; open de pagina opnieuw.');
    req.audit('plaats-actief', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `De plaats ${describe(p)} is actief.` };
    res.redirect(303, `/clients/${page.client.id}/placements`);
  });

  router.post('/clients/:id/placements/:placementId/end', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'plaatsen')) return;
    const p = loadPlacement(page, req.params.placementId);
    if (p.status === 'BEEINDIGD') throw conflict('Deze plaats is al beëindigd.');
    const parsed = parseInput(endSchema, req.body);
    const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok && parsed.data.endedOn < p.startOn) errors.endedOn = 'De einddatum mag niet voor de startdatum liggen';
    else if (parsed.ok && parsed.data.endedOn > page.today) {
      errors.endedOn = `De einddatum mag niet na vandaag (${formatDate(page.today)}) liggen`;
    }
    if (!parsed.ok || Object.keys(errors).length) {
      renderEdit(req, res, page, p, 400, { errors, endErrors: errors, endValues: req.body });
      return;
    }
    const userId = req.user!.id;
    const ok = db.transaction(() => {
      assertOpen(db, page.client.id);
      if (!endPlacement(db, page.client.id, p.id, parsed.data.version, parsed.data.endedOn, parsed.data.endReason, page.nowIso)) {
        return false;
      }
      event(page, userId, `Plaats beëindigd: ${describe(p)} per ${formatDate(parsed.data.endedOn)}. Reden: ${parsed.data.endReason}`, p.id);
      refreshClientStatus(db, page.client.id, page.today);
      return true;
    })();
    if (!ok) throw conflict('Iemand anders heeft deze plaats intussen gewijzigd. Er is niets veranderd; open de pagina opnieuw.');
    req.audit('plaats-beeindigd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `De plaats ${describe(p)} is beëindigd.` };
    res.redirect(303, `/clients/${page.client.id}/placements`);
  });

  router.post('/clients/:id/placements/readiness', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'de checklist')) return;
    const body = req.body as Record<string, unknown>;
    const errors: FieldErrors = {};
    const answers = READINESS_ITEMS.map((item) => {
      const raw = body[`ready_${item}`];
      const note = typeof body[`note_${item}`] === 'string' ? (body[`note_${item}`] as string).trim() : '';
      if (raw !== 'ja' && raw !== 'nee') errors[`ready_${item}`] = `${READINESS_LABELS[item]}: kies ja of nee`;
      if (note.length > 1000) errors[`note_${item}`] = `${READINESS_LABELS[item]}: de notitie mag maximaal 1000 tekens zijn`;
      return { item, confirmed: raw === 'ja', note: note || null };
    });
    if (Object.keys(errors).length) {
      render(req, res, page, 400, { errors, readinessErrors: errors, readinessValues: body });
      return;
    }
    const userId = req.user!.id;
    const yes = answers.filter((a) => a.confirmed).length;
    db.transaction(() => {
      assertOpen(db, page.client.id);
      saveReadiness(db, page.client.id, answers, userId, page.nowIso);
      addClientEvent(
        db,
        {
          clientId: page.client.id,
          occurredOn: page.today,
          kind: 'PLACEMENT',
          summary: `Basis op orde bijgewerkt: ${yes} van ${answers.length} punten bevestigd`,
          userId,
        },
        page.nowIso,
      );
      refreshClientStatus(db, page.client.id, page.today);
    })();
    req.audit('basis-op-orde-bevestigd', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: `Checklist opgeslagen: ${yes} van ${answers.length} punten op orde.` };
    res.redirect(303, `/clients/${page.client.id}/placements#basis`);
  });

  router.post('/clients/:id/placements/checkins/:checkinId', (req, res) => {
    const page = clientPage(req, services);
    if (refuseWhenClosed(req, res, page, 'nazorg')) return;
    const id = idParam.safeParse(req.params.checkinId);
    const c = id.success ? findCheckin(db, page.client.id, id.data) : undefined;
    if (!c) throw notFound('Dit nazorgmoment bestaat niet.');
    const input = {
      version: req.body.version,
      dueOn: req.body[`dueOn-${c.id}`],
      done: req.body.done,
      note: req.body[`note-${c.id}`],
    };
    const parsed = parseInput(checkinSchema, input);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (parsed.ok && parsed.data.done && !parsed.data.note) errors.note = 'Vul in wat er uit het nazorgmoment kwam';
    if (!parsed.ok || Object.keys(errors).length) {
      const keyed: FieldErrors = {};
      for (const [k, v] of Object.entries(errors)) keyed[`${k}-${c.id}`] = v;
      render(req, res, page, 400, { errors: keyed, actionFor: `c${c.id}`, actionErrors: keyed, actionValues: input });
      return;
    }
    const d = parsed.data;
    const doneOn = d.done ? (c.doneOn ?? page.today) : null;
    const userId = req.user!.id;
    const p = findPlacement(db, page.client.id, c.placementId)!;
    const ok = db.transaction(() => {
      assertOpen(db, page.client.id);
      if (!updateCheckin(db, c.id, d.version, { dueOn: d.dueOn, doneOn, note: d.note }, userId, page.nowIso)) return false;
      event(
        page,
        userId,
        doneOn
          ? `Nazorg gedaan (${describe(p)}): ${d.note ?? ''}`
          : `Nazorgmoment (${describe(p)}) gepland op ${formatDate(d.dueOn)}`,
        c.id,
        'placement_checkins',
      );
      refreshClientStatus(db, page.client.id, page.today);
      return true;
    })();
    if (!ok) throw conflict('Iemand anders heeft dit nazorgmoment intussen gewijzigd. Er is niets veranderd; open de pagina opnieuw.');
    req.audit('nazorg-bijgewerkt', 'voortgang', { clientId: page.client.id });
    req.session.flash = { kind: 'ok', message: doneOn ? 'Nazorgmoment afgerond.' : `Nazorgmoment staat op ${formatDate(d.dueOn)}.` };
    res.redirect(303, `/clients/${page.client.id}/placements#nazorg-${c.placementId}`);
  });

  router.get('/team/placements', (req, res) => {
    const user = req.user!;
    if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
    const teamId = user.teamId;
    const today = todayOf(services.clock);
    const active = activePlacementsOfTeam(db, teamId);
    const perKind = PLACEMENT_KINDS.map((k) => ({
      kind: k,
      label: PLACEMENT_KIND_LABELS[k],
      count: active.filter((p) => p.kind === k).length,
      hours: active.filter((p) => p.kind === k).reduce((s, p) => s + p.hoursPerWeek, 0),
    }));
    const employers = new Map<string, { organisation: string; count: number; paid: number }>();
    for (const p of active) {
      const key = p.organisation.trim().toLowerCase();
      const e = employers.get(key) ?? { organisation: p.organisation, count: 0, paid: 0 };
      e.count += 1;
      if (isPaidKind(p.kind)) e.paid += 1;
      employers.set(key, e);
    }
    res.render('placements/team', {
      title: 'Participatieplaatsen van het team',
      team: findTeam(db, teamId),
      today,
      total: active.length,
      perKind,
      perEmployer: [...employers.values()].sort((a, b) => b.count - a.count || a.organisation.localeCompare(b.organisation, 'nl')),
      endingSoon: placementsEndingSoon(db, teamId, today, 28),
      overdue: aftercareOverdueForTeam(db, teamId, today),
      kindLabels: PLACEMENT_KIND_LABELS,
      statusLabels: PLACEMENT_STATUS_LABELS,
    });
    req.audit('participatie-team-bekeken', 'caseload', {});
  });

  return router;
}
