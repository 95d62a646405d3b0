import { Router } from 'express';
import { z } from 'zod';
import { type AuditFilter, countAudit, listAuditActions, queryAudit } from '../../db/audit.js';
import { listUsers } from '../../db/users.js';
import { PROCESSING_ACTIVITIES } from '../../domain/processing-activities.js';
import type { Services } from '../services.js';
import { requireRole } from '../middleware/auth.js';
import { optionalDate, optionalNumber, optionalText, parseInput } from '../validation.js';

export const AUDIT_PAGE_SIZE = 50;

const filterSchema = z
  .object({
    user: optionalNumber('de gebruiker', { integer: true, min: 1 }),
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
  const { db } = services;
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/', (req, res) => {
    const query = req.query as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const key of FILTER_KEYS) values[key] = typeof query[key] === 'string' ? (query[key] as string) : '';
    const common = {
      title: 'Auditlog',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Auditlog' }],
      values,
      userOptions: listUsers(db).map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.username})` })),
      actionOptions: listAuditActions(db).map((a) => ({ value: a, label: a })),
      activities: PROCESSING_ACTIVITIES,
    };
    const parsed = parseInput(filterSchema, query);
    if (!parsed.ok) {
      res.status(400).render('admin/audit', { ...common, errors: parsed.errors, rows: [], total: 0, page: 1, pages: 1 });
      return;
    }
    const f = parsed.data;
    const filter: AuditFilter = {
      userId: f.user ?? undefined,
      clientId: f.client ?? undefined,
      action: f.action ?? undefined,
      from: f.from ?? undefined,
      to: f.to ?? undefined,
    };
    const total = countAudit(db, filter);
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    const page = Math.min(f.page ?? 1, pages);
    const rows = queryAudit(db, { ...filter, limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
    const filterQuery = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString();
    const pageHref = (p: number) => `/admin/audit?${filterQuery ? `${filterQuery}&` : ''}page=${p}`;
    req.audit('auditlog-bekeken', 'beheer', { details: filterQuery || 'geen filter' });
    res.render('admin/audit', { ...common, errors: {}, rows, total, page, pages, pageHref });
  });

  return router;
}
