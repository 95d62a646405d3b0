import type { Router } from 'express';
import { z } from 'zod';
import { addRetentionVersion, CLOSURE_TYPES, loadRetentionRulesPage, type RetentionVersionForm } from '../../app/admin-retention.js';
import { type RetentionRules, retentionRulesSchema } from '../../domain/retention.js';
import { effectiveDatedAdminRouter } from '../effective-dated-admin.js';
import type { Services } from '../services.js';
import { optionalText, requiredDate } from '../validation.js';

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
  return effectiveDatedAdminRouter(services, {
    view: 'admin/retention',
    title: 'Bewaartermijnen',
    crumb: 'Bewaartermijnen',
    path: '/admin/retention',
    load: loadRetentionRulesPage,
    add: addRetentionVersion,
    formSchema,
    valuesOf,
    fields: [...NUMBER_FIELDS, ...REASON_FIELDS.map((f) => f.field)],
  });
}
