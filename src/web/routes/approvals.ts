import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { APPROVAL_TYPES, type ApprovalType, decideApproval, listPendingApprovals } from '../../db/approvals.js';
import type { ProcessingActivity } from '../../domain/processing-activities.js';
import { todayOf } from '../../lib/clock.js';
import type { Services } from '../services.js';
import { forbidden, notFound } from '../http-errors.js';
import { requireRole } from '../middleware/auth.js';
import { choice, type FieldErrors, idParam, optionalText, parseInput } from '../validation.js';

const ACTIVITY: Record<ApprovalType, ProcessingActivity> = {
  route: 'intake',
  decision: 'voortgang',
  conversation: 'afronding',
};

const decisionSchema = z
  .object({
    outcome: choice('goedkeuren of afkeuren', ['APPROVE', 'REJECT'] as const),
    note: optionalText('de toelichting', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'REJECT' && !v.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Vul een toelichting in: waarom keurt u dit af?' });
    }
  });

export function approvalsRouter(services: Services): Router {
  const router = Router();
  const { db, clock } = services;
  router.use('/team', requireRole('teamleider'));

  const teamOf = (req: Request) => {
    const teamId = req.user!.teamId;
    if (teamId === null) throw forbidden();
    return teamId;
  };

  const render = (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const items = listPendingApprovals(db, teamOf(req));
    req.audit('goedkeuringen-bekeken', 'caseload', { details: `${items.length} open` });
    res.status(status).render('team/approvals', {
      title: 'Goedkeuren',
      breadcrumbs: [{ href: '/', label: 'Team' }, { label: 'Goedkeuren' }],
      items,
      ...extra,
    });
  };

  router.get('/team/approvals', (req, res) => render(req, res));

  router.post('/team/approvals/:type/:id', (req, res) => {
    const teamId = teamOf(req);
    const type = z.enum(APPROVAL_TYPES).safeParse(req.params.type);
    const id = idParam.safeParse(req.params.id);
    if (!type.success || !id.success) throw notFound('Dit item bestaat niet of wacht niet meer op goedkeuring.');
    const parsed = parseInput(decisionSchema, req.body);
    if (!parsed.ok) {
      render(req, res, 400, {
        errorFor: `${type.data}-${id.data}`,
        errors: parsed.errors as FieldErrors,
        values: { outcome: req.body?.outcome ?? '', note: req.body?.note ?? '' },
      });
      return;
    }
    const user = req.user!;
    const result = db.transaction(() => {
      const r = decideApproval(db, {
        type: type.data,
        id: id.data,
        teamId,
        approve: parsed.data.outcome === 'APPROVE',
        note: parsed.data.note,
        userId: user.id,
        userName: user.displayName,
        today: todayOf(clock),
        nowIso: clock.now().toISOString(),
      });
      if (r) {
        req.audit(parsed.data.outcome === 'APPROVE' ? 'goedgekeurd' : 'afgekeurd', ACTIVITY[type.data], {
          clientId: r.clientId,
          details: `${type.data} ${id.data}`,
        });
      }
      return r;
    })();
    if (!result) throw notFound('Dit item bestaat niet of wacht niet meer op goedkeuring.');
    req.session.flash = {
      kind: 'ok',
      message: `${result.label} is ${parsed.data.outcome === 'APPROVE' ? 'goedgekeurd' : 'afgekeurd'}.`,
    };
    res.redirect(303, '/team/approvals');
  });

  return router;
}
