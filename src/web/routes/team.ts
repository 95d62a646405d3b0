import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { clientsOfTeam, reassignClients, signalCounts, signalParams, DEFAULT_FILTER } from '../../db/caseload.js';
import { teamFigures } from '../../db/team-figures.js';
import { findTeam } from '../../db/teams.js';
import { findUserById, listConsulentenOfTeam, type User } from '../../db/users.js';
import { PHASE_LABELS, ROUTE_LABELS } from '../../domain/index.js';
import { todayOf } from '../../lib/clock.js';
import { rulesInForce } from '../../db/rules.js';
import type { Services } from '../services.js';
import { forbidden, notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { type FieldErrors, optionalDate, parseInput, requiredText } from '../validation.js';
import { renderCaseloadList } from './caseload.js';

/** The teamleider's own team id; anyone else gets a 403. */
function teamOf(req: Request): number {
  const user = req.user!;
  if (user.role !== 'teamleider' || user.teamId === null) throw forbidden();
  return user.teamId;
}

/** A consulent of the teamleider's team, or a 404 (another team's consulent is never revealed). */
function consulentOfTeam(services: Services, teamId: number, raw: unknown): User {
  const id = z.coerce.number().int().positive().safeParse(raw);
  const user = id.success ? findUserById(services.db, id.data) : undefined;
  if (user?.role !== 'consulent' || user.teamId !== teamId) throw notFound('Deze consulent bestaat niet of hoort niet bij uw team.');
  return user;
}

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
  teamId: number,
  consulent: User,
  query: Record<string, unknown>,
  status = 200,
  extra: Record<string, unknown> = {},
): void {
  const { db } = services;
  const today = todayOf(services.clock);
  const team = findTeam(db, teamId);
  const norm = team?.caseloadNorm ?? rulesInForce(db, today).general.caseloadNorm;
  const sp = signalParams(db, today);
  const own = signalCounts(db, { teamId, consulentId: consulent.id }, DEFAULT_FILTER, sp);
  renderCaseloadList(req, res, services, {
    view: 'team/consulent',
    title: `Caseload van ${consulent.displayName}`,
    basePath: `/team/consulenten/${consulent.id}`,
    scope: { teamId, consulentId: consulent.id },
    query,
    status,
    extra: { consulent, norm, own, ...extra },
  });
}

function renderBack(req: Request, res: Response, services: Services, teamId: number, back: URL, extra: Record<string, unknown>) {
  const query = Object.fromEntries(back.searchParams);
  const m = /^\/team\/consulenten\/(\d+)$/.exec(back.pathname);
  if (m) {
    renderConsulentPage(req, res, services, teamId, consulentOfTeam(services, teamId, m[1]), query, 400, extra);
    return;
  }
  renderCaseloadList(req, res, services, {
    view: 'caseload/index',
    title: 'Cliënten van het team',
    basePath: '/caseload',
    scope: { teamId },
    query,
    status: 400,
    extra,
  });
}

const ids = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive({ error: 'Kies een of meer cliënten' })).min(1, 'Kies een of meer cliënten'),
);

export function teamRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;
  router.use('/team', requireRole('teamleider'));

  router.get('/team/consulenten/:userId', (req, res) => {
    const teamId = teamOf(req);
    const consulent = consulentOfTeam(services, teamId, req.params.userId);
    renderConsulentPage(req, res, services, teamId, consulent, req.query as Record<string, unknown>);
  });

  router.post('/team/reassign', (req, res) => {
    const teamId = teamOf(req);
    const user = req.user!;
    const back = safeBack(req.body?.back);
    const consulenten = listConsulentenOfTeam(db, teamId);
    const schema = z.object({
      clientIds: ids,
      toConsulentId: z.preprocess(
        (v) => (typeof v === 'string' ? v : ''),
        z
          .string()
          .refine((v) => consulenten.some((c) => String(c.id) === v), { message: 'Kies de consulent die de cliënten overneemt' })
          .transform(Number),
      ),
      reason: requiredText('de reden van de overdracht', 500),
    });
    const parsed = parseInput(schema, req.body);
    if (!parsed.ok) {
      const checked = [req.body?.clientIds ?? []].flat().map(String);
      renderBack(req, res, services, teamId, back, {
        errors: parsed.errors as FieldErrors,
        values: { toConsulentId: req.body?.toConsulentId ?? '', reason: req.body?.reason ?? '', clientIds: checked },
      });
      return;
    }
    const { clientIds, toConsulentId, reason } = parsed.data;
    const unique = [...new Set(clientIds)];
    const ofTeam = clientsOfTeam(db, teamId, unique);
    if (ofTeam.length !== unique.length) {
      req.audit('overdracht-geweigerd', 'caseload', { outcome: 'error', details: 'cliënt buiten het eigen team' });
      throw forbidden('Een of meer cliënten horen niet bij uw team. Er is niets overgedragen.');
    }
    const moving = ofTeam.filter((c) => c.consulentId !== toConsulentId).map((c) => c.id);
    const today = todayOf(clock);
    db.transaction(() => {
      reassignClients(db, { clientIds: moving, toConsulentId, reason, userId: user.id, today, nowIso: clock.now().toISOString() });
      for (const clientId of moving) req.audit('client-overgedragen', 'caseload', { clientId });
    })();
    const to = consulenten.find((c) => c.id === toConsulentId)!;
    const skipped = unique.length - moving.length;
    req.session.flash = {
      kind: 'ok',
      message:
        `${moving.length} ${moving.length === 1 ? 'cliënt is' : 'cliënten zijn'} overgedragen aan ${to.displayName}.` +
        (skipped ? ` ${skipped} ${skipped === 1 ? 'cliënt stond' : 'cliënten stonden'} al bij deze consulent.` : ''),
    };
    res.redirect(303, `${back.pathname}${back.search}`);
  });

  router.get('/team/figures', (req, res) => {
    const teamId = teamOf(req);
    const today = todayOf(clock);
    const schema = z.object({ from: optionalDate('de begindatum'), to: optionalDate('de einddatum') });
    const raw = { from: req.query.from ?? '', to: req.query.to ?? '' };
    const parsed = parseInput(schema, raw);
    let errors: FieldErrors = {};
    let from = `${today.slice(0, 4)}-01-01`;
    let to = today;
    if (parsed.ok) {
      from = parsed.data.from ?? from;
      to = parsed.data.to ?? to;
      if (from > to) errors = { to: 'De einddatum moet op of na de begindatum liggen' };
    } else {
      errors = parsed.errors;
    }
    const ok = Object.keys(errors).length === 0;
    req.audit('kengetallen-bekeken', 'caseload', { details: ok ? `${from} t/m ${to}` : 'ongeldige periode' });
    res.status(ok ? 200 : 400).render('team/figures', {
      title: 'Kengetallen van het team',
      breadcrumbs: [{ href: '/', label: 'Team' }, { label: 'Kengetallen' }],
      figures: ok ? teamFigures(db, teamId, from, to) : null,
      errors,
      values: ok ? { from, to } : raw,
      interval: rulesInForce(db, ok ? to : today).general.conversationIntervalMonths,
      labels: { PHASE_LABELS, ROUTE_LABELS },
    });
  });

  return router;
}
