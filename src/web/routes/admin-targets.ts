import type { Router } from 'express';
import { z } from 'zod';
import { addTargetVersion, loadTargetsPage, type TargetVersionForm } from '../../app/admin-targets.js';
import { LEAD_STEPS, ROUTE_TARGET_KEYS, type Route, type TargetSet, targetSetSchema } from '../../domain/index.js';
import { effectiveDatedAdminRouter } from '../effective-dated-admin.js';
import type { Services } from '../services.js';
import { optionalText, requiredDate } from '../validation.js';

const NUMBER_FIELDS = ['intakeStartedPct', 'intakeWeeks', 'pipOnTimePct', 'onTrackPct', 'placementPct', 'placementMonths', 'plichtMetPct'] as const;
const ROUTES: readonly Route[] = ['B1', 'ONDERWIJS', 'Z'];
const ROUTE_FIELDS = ROUTES.flatMap((r) => ROUTE_TARGET_KEYS.map((k) => ({ route: r, key: k, field: `route_${r}_${k}` })));
const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// The form is flat (one field per number; the waiting limits as wait_<STEP>); the domain schema checks each value.
const shape = targetSetSchema.shape;
const formSchema: z.ZodType<TargetVersionForm> = z
  .object({
    effectiveFrom: requiredDate('de ingangsdatum'),
    note: optionalText('de toelichting', 1000),
    ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, z.preprocess(empty, shape[f])])),
    ...Object.fromEntries(LEAD_STEPS.map((s) => [`wait_${s}`, z.preprocess(empty, shape.waitDays.shape[s])])),
    ...Object.fromEntries(ROUTE_FIELDS.map((f) => [f.field, z.preprocess(empty, shape.byRoute.unwrap().shape[f.route].shape[f.key])])),
  })
  .transform((v) => {
    const r = v as Record<string, unknown>;
    const targets = {
      ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, r[f]])),
      waitDays: Object.fromEntries(LEAD_STEPS.map((s) => [s, r[`wait_${s}`]])),
      byRoute: Object.fromEntries(
        ROUTES.map((route) => [route, Object.fromEntries(ROUTE_FIELDS.filter((f) => f.route === route && r[f.field] !== undefined).map((f) => [f.key, r[f.field]]))]),
      ),
    } as unknown as TargetSet;
    return { targets, effectiveFrom: r.effectiveFrom as string, note: (r.note as string | null) ?? null };
  });

function valuesOf(t: TargetSet): Record<string, unknown> {
  return {
    ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f, t[f]])),
    ...Object.fromEntries(LEAD_STEPS.map((s) => [`wait_${s}`, t.waitDays[s]])),
    ...Object.fromEntries(ROUTE_FIELDS.map((f) => [f.field, t.byRoute[f.route][f.key] ?? ''])),
  };
}

/** Functioneel beheer: the municipality's targets and waiting limits, versioned by effective date. */
export function adminTargetsRouter(services: Services): Router {
  return effectiveDatedAdminRouter(services, {
    view: 'admin/targets',
    title: 'Doelen en wachtgrenzen',
    crumb: 'Doelen',
    path: '/admin/targets',
    load: loadTargetsPage,
    add: addTargetVersion,
    formSchema,
    valuesOf,
    fields: [...NUMBER_FIELDS, ...LEAD_STEPS.map((s) => `wait_${s}`), ...ROUTE_FIELDS.map((f) => f.field)],
  });
}
