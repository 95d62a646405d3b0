import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { toId } from '../../app/access.js';
import { type ApprovalForm, decideApproval, loadApprovalsPage } from '../../app/approvals.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import type { Services } from '../services.js';
import { choice, optionalText, parseInput } from '../validation.js';

const decisionSchema: z.ZodType<ApprovalForm> = z
  .object({
    outcome: choice('goedkeuren of afkeuren', ['APPROVE', 'REJECT'] as const),
    note: optionalText('de toelichting', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'REJECT' && !v.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Vul een toelichting in: waarom keurt u dit af?' });
    }
  });

/** Four eyes: the teamleider approves or rejects what the team's consulenten recorded and the rules hold back. */
export function approvalsRouter(services: Services): Router {
  const router = Router();
  router.use('/team', requireRole('teamleider'));

  const render = (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const page = loadApprovalsPage(services, actorOf(req, services));
    res.status(status).render('team/approvals', { title: 'Goedkeuren', ...page, ...extra });
  };

  router.get('/team/approvals', (req, res) => render(req, res));

  router.post('/team/approvals/:type/:id', (req, res) => {
    const actor = actorOf(req, services);
    const result = decideApproval(services, actor, req.params.type, req.params.id, parseInput(decisionSchema, req.body));
    if (!result.ok) {
      // Invalid input, or approving an item of a closed trajectory: the form of the item concerned shows the
      // message and what was chosen.
      const refusal = result.refusal;
      render(req, res, refusal.kind === 'closed' ? 409 : 400, {
        errorFor: `${req.params.type}-${toId(req.params.id)}`,
        errors: refusal.kind === 'closed' ? { outcome: refusal.message } : refusal.errors,
        values: { outcome: req.body?.outcome ?? '', note: req.body?.note ?? '' },
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/team/approvals');
  });

  return router;
}
