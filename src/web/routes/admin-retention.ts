import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { addRetentionVersion, CLOSURE_TYPES, loadRetentionRulesPage, type RetentionVersionForm } from '../../app/admin-retention.js';
import type { FieldErrors } from '../../app/result.js';
import { type RetentionRules, retentionRulesSchema } from '../../domain/retention.js';
import { actorOf } from '../actor.js';
import { adminOnly } from '../admin-conflict.js';
import type { Services } from '../services.js';
import { optionalText, parseInput, requiredDate } from '../validation.js';

const NUMBER_FIELDS = ['dossierYears', 'auditYears', 'signInDays', 'sessionDays', 'importDraftDays', 'rejectedProviderReportDays'] as const;
const REASON_FIELDS = CLOSURE_TYPES.map((t) => ({ reason: t, field: `reason_${t}` }));
const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const shape = retentionRulesSchema.shape;

// Flat form: one field per term; a closing reason left empty has the general term of the dossier.
const formSchema: z.ZodType<RetentionVersionForm> = z
  .object({
    effectiveFrom: requiredDate('de ingangsdatum'),
    note: optionalText('de toelichting', 1000),
    ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, z.preprocess(empty, shape[f])])),
    ...Object.fromEntries(REASON_FIELDS.map((f) => [f.field, z.preprocess(empty, shape.dossierYears.optional())])),
  })
  .transform((v) => {
    const r = v as Record<string, unknown>;
    const rules = {
      ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, r[f]])),
      dossierYearsByReason: Object.fromEntries(REASON_FIELDS.filter((f) => r[f.field] !== undefined).map((f) => [f.reason, r[f.field]])),
    } as unknown as RetentionRules;
    return { rules, effectiveFrom: r.effectiveFrom as string, note: (r.note as string | null) ?? null };
  });

function valuesOf(rules: RetentionRules): Record<string, unknown> {
  return {
    ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, rules[f]])),
    ...Object.fromEntries(REASON_FIELDS.map((f) => [f.field, rules.dossierYearsByReason[f.reason] ?? ''])),
  };
}

/** Functioneel beheer: the retention terms, versioned by effective date. */
export function adminRetentionRouter(services: Services): Router {
  const router = Router();
  router.use(adminOnly(services));

  function render(req: Request, res: Response, status: number, values?: Record<string, unknown>, errors: FieldErrors = {}) {
    const page = loadRetentionRulesPage(services, actorOf(req, services));
    res.status(status).render('admin/retention', {
      title: 'Bewaartermijnen',
      breadcrumbs: [{ href: '/', label: 'Beheer' }, { label: 'Bewaartermijnen' }],
      ...page,
      values: values ?? { ...valuesOf(page.current), effectiveFrom: '', note: '' },
      errors,
    });
  }

  router.get('/', (req, res) => render(req, res, 200));

  router.post('/', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = addRetentionVersion(services, actorOf(req, services), parseInput(formSchema, body));
    if (!result.ok) {
      const keys = ['effectiveFrom', 'note', ...NUMBER_FIELDS, ...REASON_FIELDS.map((f) => f.field)];
      render(req, res, 400, Object.fromEntries(keys.map((k) => [k, typeof body[k] === 'string' ? body[k] : ''])), result.refusal.errors);
      return;
    }
    req.session.flash = { kind: 'ok', message: result.value.message };
    res.redirect(303, '/admin/retention');
  });

  return router;
}
