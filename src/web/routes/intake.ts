import { type Response, Router } from 'express';
import { z } from 'zod';
import { refreshClientStatus } from '../../db/client-status.js';
import {
  activeLeefdomeinen,
  createIntake,
  findIntake,
  HIGHEST_EDUCATION,
  HIGHEST_EDUCATION_LABELS,
  type Intake,
  type IntakeFields,
  LITERACY,
  LITERACY_LABELS,
  type Leefdomein,
  updateIntake,
} from '../../db/intakes.js';
import { addClientEvent } from '../../db/timeline.js';
import { LEERBAARHEID_MAX_SCORE } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { loadClientForRequest } from '../client-access.js';
import { requireRole } from '../middleware/auth.js';
import {
  checkbox,
  type FieldErrors,
  optionalChoice,
  optionalDate,
  optionalNumber,
  optionalText,
  parseInput,
} from '../validation.js';
import { loadDossierHeader, refuseIfClosed } from './dossier-common.js';

const SCORE_OPTIONS = ['1', '2', '3', '4', '5'] as const;

function intakeSchema(domains: Leefdomein[], today: string) {
  const shape: Record<string, z.ZodType> = {
    educationHistory: optionalText('de opleidingsgeschiedenis'),
    highestEducation: optionalChoice('hoogst afgeronde opleiding', HIGHEST_EDUCATION),
    workHistory: optionalText('de werkervaring'),
    languagesSpoken: optionalText('de talen', 500),
    literacy: optionalChoice('keuze bij geletterdheid', LITERACY),
    health: optionalText('gezondheid'),
    barrierChildcare: checkbox(),
    barrierFamilyReunification: checkbox(),
    barrierPsychological: checkbox(),
    barrierTravelTime: checkbox(),
    barrierNotes: optionalText('de toelichting op belemmeringen'),
    family: optionalText('gezin en familie'),
    finances: optionalText('financiën'),
    wishesWork: optionalText('de wensen voor werk'),
    wishesEducation: optionalText('de wensen voor opleiding'),
    wantsEducation: optionalChoice('ja of nee bij opleiding', ['ja', 'nee'] as const),
    leerbaarheidScore: optionalNumber('de score van de leerbaarheidstoets', {
      min: 0,
      max: LEERBAARHEID_MAX_SCORE,
      integer: true,
    }),
    leerbaarheidOn: optionalDate('de datum van de leerbaarheidstoets').refine((d) => d === null || d <= today, {
      message: 'De datum van de leerbaarheidstoets kan niet in de toekomst liggen',
    }),
  };
  for (const d of domains) {
    shape[`score_${d.id}`] = optionalChoice(`een score van 1 tot en met 5 voor ${d.name}`, SCORE_OPTIONS);
    shape[`note_${d.id}`] = optionalText(`de toelichting bij ${d.name}`, 1000);
  }
  return z.object(shape);
}

type Parsed = Record<string, unknown>;

function toFields(p: Parsed, domains: Leefdomein[]): IntakeFields {
  return {
    educationHistory: p.educationHistory as string | null,
    highestEducation: p.highestEducation as IntakeFields['highestEducation'],
    workHistory: p.workHistory as string | null,
    languagesSpoken: p.languagesSpoken as string | null,
    literacy: p.literacy as IntakeFields['literacy'],
    health: p.health as string | null,
    barrierChildcare: p.barrierChildcare as boolean,
    barrierFamilyReunification: p.barrierFamilyReunification as boolean,
    barrierPsychological: p.barrierPsychological as boolean,
    barrierTravelTime: p.barrierTravelTime as boolean,
    barrierNotes: p.barrierNotes as string | null,
    family: p.family as string | null,
    finances: p.finances as string | null,
    wishesWork: p.wishesWork as string | null,
    wishesEducation: p.wishesEducation as string | null,
    wantsEducation: p.wantsEducation === 'ja',
    leerbaarheidScore: p.leerbaarheidScore as number | null,
    leerbaarheidOn: p.leerbaarheidOn as string | null,
    scores: domains.map((d) => ({
      leefdomeinId: d.id,
      score: p[`score_${d.id}`] ? Number(p[`score_${d.id}`]) : null,
      note: (p[`note_${d.id}`] as string | null) ?? null,
    })),
  };
}

/** What completing the intake requires beyond a valid draft. */
function completionErrors(f: IntakeFields, domains: Leefdomein[]): FieldErrors {
  const errors: FieldErrors = {};
  if (f.leerbaarheidScore === null) errors.leerbaarheidScore = 'Vul de score van de leerbaarheidstoets in om de intake af te ronden';
  if (f.leerbaarheidOn === null) errors.leerbaarheidOn = 'Vul de datum van de leerbaarheidstoets in om de intake af te ronden';
  for (const d of domains) {
    const s = f.scores.find((x) => x.leefdomeinId === d.id);
    if (!s || s.score === null) errors[`score_${d.id}`] = `Kies een score voor ${d.name} om de intake af te ronden`;
  }
  return errors;
}

function valuesOf(i: Intake | undefined): Record<string, unknown> {
  if (!i) return { version: '0' };
  const v: Record<string, unknown> = {
    educationHistory: i.educationHistory,
    highestEducation: i.highestEducation,
    workHistory: i.workHistory,
    languagesSpoken: i.languagesSpoken,
    literacy: i.literacy,
    health: i.health,
    barrierChildcare: i.barrierChildcare,
    barrierFamilyReunification: i.barrierFamilyReunification,
    barrierPsychological: i.barrierPsychological,
    barrierTravelTime: i.barrierTravelTime,
    barrierNotes: i.barrierNotes,
    family: i.family,
    finances: i.finances,
    wishesWork: i.wishesWork,
    wishesEducation: i.wishesEducation,
    wantsEducation: i.wantsEducation ? 'ja' : i.completedOn || i.wishesEducation ? 'nee' : '',
    leerbaarheidScore: i.leerbaarheidScore,
    leerbaarheidOn: i.leerbaarheidOn,
    version: String(i.version),
  };
  for (const s of i.scores) {
    v[`score_${s.leefdomeinId}`] = s.score === null ? '' : String(s.score);
    v[`note_${s.leefdomeinId}`] = s.note;
  }
  return v;
}

export function intakeRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;
  const staff = requireRole('consulent', 'teamleider');

  const render = (
    res: Response,
    clientId: number,
    o: { status?: number; values?: Record<string, unknown>; errors?: FieldErrors; conflict?: boolean } = {},
  ) => {
    const today = todayOf(clock);
    const header = loadDossierHeader(db, clientId);
    const intake = findIntake(db, clientId);
    res.status(o.status ?? 200).render('intake/form', {
      title: `Brede intake – ${header.name}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${clientId}`, label: header.name },
        { label: 'Brede intake' },
      ],
      header,
      clientId,
      intake,
      domains: activeLeefdomeinen(db),
      values: o.values ?? valuesOf(intake),
      errors: o.errors ?? {},
      conflict: o.conflict ?? false,
      educationOptions: HIGHEST_EDUCATION.map((e) => ({ value: e, label: HIGHEST_EDUCATION_LABELS[e] })),
      literacyOptions: LITERACY.map((e) => ({ value: e, label: LITERACY_LABELS[e] })),
      maxScore: LEERBAARHEID_MAX_SCORE,
      today,
    });
  };

  router.get('/clients/:id/intake', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    req.audit('intake-bekeken', 'intake', { clientId: ref.id });
    render(res, ref.id);
  });

  router.post('/clients/:id/intake', staff, (req, res) => {
    const ref = loadClientForRequest(req, services, req.params.id);
    if (refuseIfClosed(res, ref)) return;
    const today = todayOf(clock);
    const domains = activeLeefdomeinen(db);
    const existing = findIntake(db, ref.id);
    const complete = req.body?.action === 'afronden' || Boolean(existing?.completedOn);
    const parsed = parseInput(intakeSchema(domains, today), req.body);
    let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    const fields = parsed.ok ? toFields(parsed.data as Parsed, domains) : null;
    if (fields && complete) errors = completionErrors(fields, domains);
    if (!fields || Object.keys(errors).length) {
      req.audit('intake-bekeken', 'intake', { clientId: ref.id });
      render(res, ref.id, { status: 400, values: req.body, errors });
      return;
    }
    const user = req.user!;
    const now = clock.now().toISOString();
    const version = Number(req.body?.version ?? 0);
    const completedOn = existing?.completedOn ?? (complete ? today : null);
    const outcome = db.transaction((): 'ok' | 'conflict' => {
      if (!existing) {
        if (version !== 0) return 'conflict';
        const id = createIntake(db, ref.id, fields, { startedOn: today, completedOn, userId: user.id, nowIso: now });
        addClientEvent(db, {
          clientId: ref.id,
          occurredOn: today,
          kind: 'INTAKE_STARTED',
          summary: 'Brede intake begonnen',
          refTable: 'intakes',
          refId: id,
          userId: user.id,
          createdAt: now,
        });
      } else if (!updateIntake(db, existing.id, version, fields, { completedOn, userId: user.id, nowIso: now })) {
        return 'conflict';
      } else if (existing.completedOn) {
        addClientEvent(db, {
          clientId: ref.id,
          occurredOn: today,
          kind: 'INTAKE_UPDATED',
          summary: 'Brede intake gewijzigd na afronding',
          refTable: 'intakes',
          refId: existing.id,
          userId: user.id,
          createdAt: now,
        });
      }
      if (completedOn && !existing?.completedOn) {
        addClientEvent(db, {
          clientId: ref.id,
          occurredOn: today,
          kind: 'INTAKE_COMPLETED',
          summary: `Brede intake afgerond (leerbaarheidstoets ${fields.leerbaarheidScore} van ${LEERBAARHEID_MAX_SCORE})`,
          refTable: 'intakes',
          refId: existing?.id ?? null,
          userId: user.id,
          createdAt: now,
        });
      }
      refreshClientStatus(db, ref.id, today);
      return 'ok';
    })();
    if (outcome === 'conflict') {
      req.audit('intake-bekeken', 'intake', { clientId: ref.id });
      const fresh = findIntake(db, ref.id);
      render(res, ref.id, {
        status: 409,
        values: { ...req.body, version: String(fresh?.version ?? 0) },
        errors: {},
        conflict: true,
      });
      return;
    }
    const justCompleted = completedOn !== null && !existing?.completedOn;
    req.audit(justCompleted ? 'intake-afgerond' : 'intake-opgeslagen', 'intake', { clientId: ref.id });
    req.session.flash = justCompleted
      ? { kind: 'ok', message: 'De brede intake is afgerond. Kies nu de route.' }
      : { kind: 'ok', message: completedOn ? 'De wijzigingen in de intake zijn opgeslagen.' : 'De intake is opgeslagen als concept.' };
    res.redirect(303, justCompleted ? `/clients/${ref.id}/route` : `/clients/${ref.id}/intake`);
  });

  return router;
}
