import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { loadConsulentCaseloadPage, loadTeamFiguresPage, type ReassignForm, reassignClients } from '../../app/team.js';
import { actorOf } from '../actor.js';
import { renderCaseloadList } from '../caseload-list.js';
import { readCaseloadQuery } from '../forms/caseload-query.js';
import { requireRole } from '../middleware/auth.js';
import type { Services } from '../services.js';
import { optionalDate, parseInput, requiredText } from '../validation.js';

/** Where a reassignment form may send the user back to: only the caseload pages. */
function safeBack(raw: unknown): URL {
  const s = typeof raw === 'string' ? raw : '/caseload';
  const url = new URL(s, 'http://koers.invalid');
  if (url.origin !== 'http://koers.invalid' || !/^\/(caseload|team\/consulenten\/\d+)?$/.test(url.pathname)) {
    return new URL('/caseload', 'http://koers.invalid');
  }
  return url;
}

function renderConsulentPage(
  req: Request,
  res: Response,
  services: Services,
  consulentId: unknown,
  query: Record<string, unknown>,
  status = 200,
  extra: Record<string, unknown> = {},
): void {
  const page = loadConsulentCaseloadPage(services, actorOf(req, services), consulentId, readCaseloadQuery(query));
  res.status(status).render('team/consulent', { title: `Caseload van ${page.consulent.displayName}`, ...page, ...extra });
}

/** The page a refused reassignment came from (a consulent's caseload, else the team's list), with the messages. */
function renderBack(req: Request, res: Response, services: Services, back: URL, extra: Record<string, unknown>) {
  const query = Object.fromEntries(back.searchParams);
  const m = /^\/team\/consulenten\/(\d+)$/.exec(back.pathname);
  if (m) {
    renderConsulentPage(req, res, services, m[1], query, 400, extra);
    return;
  }
  renderCaseloadList(req, res, services, { query, status: 400, extra });
}

const ids = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive({ error: 'Kies een of meer cliënten' })).min(1, 'Kies een of meer cliënten'),
);

// The consulent who takes over (`toConsulentId`) is checked by the use case against the team.
const reassignSchema: z.ZodType<ReassignForm> = z.object({
  clientIds: ids,
  reason: requiredText('de reden van de overdracht', 500),
});

const periodSchema = z.object({ from: optionalDate('de begindatum'), to: optionalDate('de einddatum') });

/** The teamleider's views: one consulent's caseload, reassigning clients, the team's key figures. */
export function teamRouter(services: Services): Router {
  const router = Router();
  router.use('/team', requireRole('teamleider'));

  router.get('/team/consulenten/:userId', (req, res) => {
    renderConsulentPage(req, res, services, req.params.userId, req.query as Record<string, unknown>);
  });

  router.post('/team/reassign', (req, res) => {
    const actor = actorOf(req, services);
    const back = safeBack(req.body?.back);
    const result = reassignClients(services, actor, req.body?.toConsulentId, parseInput(reassignSchema, req.body));
    if (!result.ok) {
      const checked = [req.body?.clientIds ?? []].flat().map(String);
      renderBack(req, res, services, back, {
        errors: result.refusal.errors,
        values: { toConsulentId: req.body?.toConsulentId ?? '', reason: req.body?.reason ?? '', clientIds: checked },
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, `${back.pathname}${back.search}`);
  });

  router.get('/team/figures', (req, res) => {
    const raw = { from: req.query.from ?? '', to: req.query.to ?? '' };
    const page = loadTeamFiguresPage(services, actorOf(req, services), parseInput(periodSchema, raw));
    res.status(page.period ? 200 : 400).render('team/figures', {
      title: 'Kengetallen van het team',
      breadcrumbs: [{ href: '/', label: 'Team' }, { label: 'Kengetallen' }],
      ...page,
      values: page.period ?? raw,
    });
  });

  return router;
}
