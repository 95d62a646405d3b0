import { Router } from 'express';
import { z } from 'zod';
import { type AuditFilterForm, loadAuditFilterOptions, searchAuditLog } from '../../app/admin-audit.js';
import { actorOf } from '../actor.js';
import { adminOnly } from '../admin-conflict.js';
import type { Services } from '../services.js';
import { optionalDate, optionalNumber, optionalText, parseInput } from '../validation.js';

const filterSchema: z.ZodType<AuditFilterForm> = z
  .object({
    user: optionalText('de gebruikersnaam', 100),
    client: optionalNumber('het cliënt-id', { integer: true, min: 1 }),
    action: optionalText('de handeling', 100),
    from: optionalDate('de datum vanaf'),
    to: optionalDate('de datum tot en met'),
    page: optionalNumber('het paginanummer', { integer: true, min: 1, max: 1_000_000 }),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: 'De datum tot en met ligt vóór de datum vanaf',
  });

const FILTER_KEYS = ['user', 'client', 'action', 'from', 'to'] as const;

/** Functioneel beheer: the audit log, read-only, filtered and paged. */
export function adminAuditRouter(services: Services): Router {
  const router = Router();
  router.use(adminOnly(services));

  router.get('/', (req, res) => {
    const actor = actorOf(req, services);
    const query = req.query as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const key of FILTER_KEYS) values[key] = typeof query[key] === 'string' ? (query[key] as string) : '';
    const common = { title: 'Auditlog', breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Auditlog' }], values };
    const filterQuery = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString();
    const result = searchAuditLog(services, actor, parseInput(filterSchema, query), filterQuery);
    if (!result.ok) {
      const options = loadAuditFilterOptions(services, actor);
      res.status(400).render('admin/audit', { ...common, ...options, errors: result.refusal.errors, rows: [], total: 0, page: 1, pages: 1 });
      return;
    }
    const pageHref = (p: number) => `/admin/audit?${filterQuery ? `${filterQuery}&` : ''}page=${p}`;
    res.render('admin/audit', { ...common, ...result.value, errors: {}, pageHref });
  });

  return router;
}
