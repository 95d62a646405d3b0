import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { toId } from '../../app/access.js';
import {
  CORE_VALUES,
  LATER_REASONS,
  loadNewPipPage,
  loadPipComparePage,
  loadPipHandout,
  loadPipPage,
  loadPipVersionPage,
  type PipFields,
  type PipForm,
  type PipGoalRow,
  setPip,
} from '../../app/pip.js';
import type { FieldErrors } from '../../app/result.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import {
  optionalChoice,
  optionalDate,
  optionalNumber,
  optionalText,
  parseInput,
  requiredDate,
  requiredText,
} from '../validation.js';

const pipSchema = (today: string): z.ZodType<PipFields> =>
  z.object({
    vastgesteldOn: requiredDate('de datum waarop het PIP is vastgesteld').refine((d) => d <= today, {
      message: 'De datum van vaststelling kan niet in de toekomst liggen',
    }),
    revisionReason: optionalChoice('Kies een geldige reden voor de nieuwe versie', LATER_REASONS),
    revisionNote: optionalText('de toelichting op de reden', 2000),
    taalaanbiederId: optionalNumber('de taalaanbieder', { integer: true, min: 1 }),
    participatiecoachId: optionalNumber('de participatiecoach', { integer: true, min: 1 }),
    languageGoal: requiredText('het taaldoel', 2000),
    hoursPerWeekLanguage: optionalNumber('het aantal uren taal per week', { min: 0, max: 40 }),
    participationGoals: requiredText('de participatiedoelen', 4000),
    hoursPerWeekParticipation: optionalNumber('het aantal uren participatie per week', { min: 0, max: 40 }),
    mapThemes: optionalText('de afspraken over de MAP-thema’s'),
    mapPractice: optionalText('de afspraken over het praktijkdeel'),
    mapWorkingExemption: optionalText('de vrijstelling voor werkenden'),
    pvtHours: optionalNumber('het aantal uren PVT', { min: 12, max: 200 }),
    pvtCoreValue: optionalChoice('Kies een geldige kernwaarde', CORE_VALUES),
    pvtActivity: optionalText('de PVT-activiteit', 2000),
    pvtSigningPlannedOn: optionalDate('de geplande datum van ondertekening'),
    knm: optionalText('de afspraken over KNM'),
    supportOntzorgen: optionalText('ontzorgen'),
    supportBegeleiding: optionalText('begeleiding'),
    supportInterpreter: optionalText('tolk of taalassistent', 1000),
  });

/**
 * Goal rows come in as goal_domain_N, goal_text_N, goal_date_N; empty rows are skipped, a row with anything filled
 * must be complete (whether its domain exists is the use case's check).
 */
function parseGoalRows(body: Record<string, unknown>): PipGoalRow[] {
  const rows: PipGoalRow[] = [];
  for (let i = 0; i < 100; i++) {
    if (!(`goal_text_${i}` in body) && !(`goal_domain_${i}` in body)) break;
    const domain = String(body[`goal_domain_${i}`] ?? '').trim();
    const goal = String(body[`goal_text_${i}`] ?? '').trim();
    const date = String(body[`goal_date_${i}`] ?? '').trim();
    if (!domain && !goal && !date) continue;
    const errors: FieldErrors = {};
    if (!goal) errors[`goal_text_${i}`] = `Beschrijf doel ${i + 1}`;
    else if (goal.length > 1000) errors[`goal_text_${i}`] = `Doel ${i + 1} mag maximaal 1000 tekens zijn`;
    const parsedDate = optionalDate(`de streefdatum bij doel ${i + 1}`).safeParse(date);
    if (!parsedDate.success) errors[`goal_date_${i}`] = parsedDate.error.issues[0]?.message ?? 'Ongeldige datum';
    rows.push({ index: i, domain, goal, targetOn: parsedDate.success ? parsedDate.data : null, errors });
  }
  return rows;
}

const parsePipForm = (today: string, body: Record<string, unknown>): PipForm => ({
  fields: parseInput(pipSchema(today), body),
  goals: parseGoalRows(body),
});

type PipPage = ReturnType<typeof loadPipPage>;

/** The PIP: first plan, new versions with a reason, earlier versions, comparison, provider and print views. */
export function pipRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  const closedDossier = (req: Request, res: Response, message: string) =>
    renderClosedDossier(res, toId(req.params.id) ?? String(req.params.id), message);

  function renderPage(res: Response, page: PipPage, status = 200, errors: FieldErrors = {}) {
    const name = page.header.name;
    switch (page.kind) {
      case 'no-route':
        res.status(status).render('pip/no-route', { title: `PIP – ${name}`, ...page });
        return;
      case 'form':
        res.status(status).render('pip/form', {
          title: `${page.latest ? 'Nieuwe PIP-versie' : 'PIP opstellen'} – ${name}`,
          ...page,
          errors,
        });
        return;
      case 'show':
        res.status(status).render('pip/show', { title: `PIP – ${name}`, ...page });
    }
  }

  /** The form of a new version (or the no-route message), fresh or with what the user sent and the messages. */
  function renderNew(req: Request, res: Response, status = 200, posted: Record<string, unknown> | null = null, errors: FieldErrors = {}) {
    const page = loadNewPipPage(services, actorOf(req, services), req.params.id, posted);
    if (!page.ok) return closedDossier(req, res, page.refusal.message);
    renderPage(res, page.value, status, errors);
  }

  router.get('/clients/:id/pip', staff, (req, res) => renderPage(res, loadPipPage(services, actorOf(req, services), req.params.id)));

  router.get('/clients/:id/pip/new', staff, (req, res) => renderNew(req, res));

  router.post('/clients/:id/pip', staff, (req, res) => {
    const actor = actorOf(req, services);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = setPip(services, actor, req.params.id, parsePipForm(actor.today, body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderNew(req, res, status, body, errors),
        closed: (message) => closedDossier(req, res, message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `/clients/${result.value.clientId}/pip`);
  });

  router.get('/clients/:id/pip/versions/:no', staff, (req, res) => {
    const page = loadPipVersionPage(services, actorOf(req, services), req.params.id, req.params.no);
    res.render('pip/show', { title: `PIP versie ${page.version.versionNo} – ${page.header.name}`, ...page });
  });

  router.get('/clients/:id/pip/compare', staff, (req, res) => {
    const page = loadPipComparePage(services, actorOf(req, services), req.params.id, req.query.a, req.query.b);
    res.render('pip/compare', { title: `PIP vergelijken – ${page.header.name}`, ...page });
  });

  const handout = (kind: 'share' | 'print') => (req: Request, res: Response) => {
    const page = loadPipHandout(services, actorOf(req, services), req.params.id, kind);
    const name = `${page.client.firstName} ${page.client.lastName}`;
    res.render(kind === 'share' ? 'pip/share' : 'pip/print', {
      title: kind === 'share' ? `PIP voor de aanbieder – ${name}` : `Mijn plan – ${name}`,
      ...page,
    });
  };
  router.get('/clients/:id/pip/share', staff, handout('share'));
  router.get('/clients/:id/pip/print', staff, handout('print'));

  return router;
}
