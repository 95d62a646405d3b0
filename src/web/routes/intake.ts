import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import {
  HIGHEST_EDUCATION,
  type IntakeFields,
  intakeDomains,
  intakeValues,
  LITERACY,
  type Leefdomein,
  loadIntakePage,
  saveIntake,
} from '../../app/intake.js';
import type { FieldErrors } from '../../app/result.js';
import { LEERBAARHEID_MAX_SCORE } from '../../domain/index.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { checkbox, optionalChoice, optionalDate, optionalNumber, optionalText, parseInput } from '../validation.js';

const SCORE_OPTIONS = ['1', '2', '3', '4', '5'] as const;

type Fields = Record<string, unknown>;

function toFields(p: Fields, domains: Leefdomein[]): IntakeFields {
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

/** The intake form: the fixed fields, plus a score and a note for each leefdomein in use. */
function intakeSchema(domains: Leefdomein[], today: string): z.ZodType<IntakeFields> {
  const shape: Record<string, z.ZodType> = {
    educationHistory: optionalText('de opleidingsgeschiedenis'),
    highestEducation: optionalChoice('Kies een geldige hoogst afgeronde opleiding', HIGHEST_EDUCATION),
    workHistory: optionalText('de werkervaring'),
    languagesSpoken: optionalText('de talen', 500),
    literacy: optionalChoice('Kies een geldige keuze bij geletterdheid', LITERACY),
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
    wantsEducation: optionalChoice('Kies ja of nee bij opleiding', ['ja', 'nee'] as const),
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
    shape[`score_${d.id}`] = optionalChoice(`Kies een score van 1 tot en met 5 voor ${d.name}`, SCORE_OPTIONS);
    shape[`note_${d.id}`] = optionalText(`de toelichting bij ${d.name}`, 1000);
  }
  return z.object(shape).transform((p) => toFields(p, domains));
}

type IntakePage = ReturnType<typeof loadIntakePage>;

export function intakeRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  const render = (
    req: Request,
    res: Response,
    o: { status?: number; values?: (page: IntakePage) => Record<string, unknown>; errors?: FieldErrors; conflict?: boolean } = {},
  ) => {
    const page = loadIntakePage(services, actorOf(req, services), req.params.id);
    const { header } = page;
    res.status(o.status ?? 200).render('intake/form', {
      title: `Brede intake – ${header.name}`,
      breadcrumbs: [
        { href: '/clients', label: 'Cliënten' },
        { href: `/clients/${page.clientId}`, label: header.name },
        { label: 'Brede intake' },
      ],
      ...page,
      values: o.values ? o.values(page) : intakeValues(page.intake),
      errors: o.errors ?? {},
      conflict: o.conflict ?? false,
    });
  };

  router.get('/clients/:id/intake', staff, (req, res) => render(req, res));

  router.post('/clients/:id/intake', staff, (req, res) => {
    const actor = actorOf(req, services);
    const form = parseInput(intakeSchema(intakeDomains(services), actor.today), req.body);
    const version = Number(req.body?.version ?? 0);
    const result = saveIntake(services, actor, req.params.id, version, req.body?.action === 'afronden', form);
    if (!result.ok) {
      showRefusal(result.refusal, {
        // A stale save keeps what the user typed, with the stored version, so a second save is deliberate.
        form: (status, errors) =>
          status === 409
            ? render(req, res, { status, values: (page) => ({ ...req.body, version: String(page.intake?.version ?? 0) }), conflict: true })
            : render(req, res, { status, values: () => req.body, errors }),
        closed: (message) => renderClosedDossier(res, Number(req.params.id), message),
      });
      return;
    }
    const { clientId, justCompleted, completed } = result.value;
    req.session.flash = justCompleted
      ? { kind: 'ok', message: 'De brede intake is afgerond. Kies nu de route.' }
      : { kind: 'ok', message: completed ? 'De wijzigingen in de intake zijn opgeslagen.' : 'De intake is opgeslagen als concept.' };
    res.redirect(303, justCompleted ? `/clients/${clientId}/route` : `/clients/${clientId}/intake`);
  });

  return router;
}
