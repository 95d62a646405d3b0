import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { FieldErrors } from '../../app/result.js';
import { changeTargetGroup, loadTargetGroupPage, type TargetGroupFacts } from '../../app/target-group.js';
import { actorOf } from '../actor.js';
import { requireRole } from '../middleware/auth.js';
import { renderClosedDossier, showRefusal } from '../refusals.js';
import type { Services } from '../services.js';
import { checkbox, optionalChoice, optionalDate, parseInput } from '../validation.js';

const toBool = (v: 'ja' | 'nee' | null) => (v === null ? null : v === 'ja');

const schema: z.ZodType<TargetGroupFacts> = z
  .object({
    pwUitkering: optionalChoice('Kies een geldige keuze bij de uitkering', ['ja', 'nee'] as const),
    pwUitkeringSince: optionalDate('de datum waarop de uitkering begon'),
    laaggeletterd: optionalChoice('Kies een geldige keuze bij laaggeletterd', ['ja', 'nee'] as const),
    ondertussengroep: checkbox(),
  })
  .transform((v) => ({
    pwUitkering: toBool(v.pwUitkering),
    pwUitkeringSince: v.pwUitkering === 'ja' ? v.pwUitkeringSince : null,
    laaggeletterd: toBool(v.laaggeletterd),
    ondertussengroep: v.ondertussengroep,
  }));

/** The target-group facts of a client. */
export function targetGroupRouter(services: Services): Router {
  const router = Router();
  const staff = requireRole('consulent', 'teamleider');

  const renderPage = (req: Request, res: Response, o: { status?: number; errors?: FieldErrors; values?: Record<string, unknown> } = {}) => {
    const page = loadTargetGroupPage(services, actorOf(req, services), req.params.id);
    res.status(o.status ?? 200).render('target-group/index', {
      title: `Doelgroep – ${page.header.name}`,
      breadcrumbs: [{ href: '/clients', label: 'Cliënten' }, { href: `/clients/${page.client.id}`, label: page.header.name }, { label: 'Doelgroep' }],
      ...page,
      errors: o.errors ?? {},
      values: o.values ?? page.initialValues,
    });
  };

  router.get('/clients/:id/target-group', staff, (req, res) => renderPage(req, res));

  router.post('/clients/:id/target-group', staff, (req, res) => {
    const version = Number(req.body?.version);
    const result = changeTargetGroup(services, actorOf(req, services), req.params.id, version, parseInput(schema, req.body));
    if (!result.ok) {
      showRefusal(result.refusal, {
        form: (status, errors) => renderPage(req, res, { status, errors, values: req.body }),
        closed: (message) => renderClosedDossier(res, Number(req.params.id), message),
      });
      return;
    }
    req.session.flash = { kind: 'ok', message: 'De doelgroepkenmerken zijn opgeslagen.' };
    res.redirect(303, `/clients/${result.value.clientId}/target-group`);
  });

  return router;
}
