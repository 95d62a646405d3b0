// The web side of the functioneel-beheer pages: only admins get past their routers, each form carries the
// version of the record it was loaded with, and a refused save is shown one way (the use cases in
// src/app/admin*.ts decide and word it; see src/app/admin.ts).
import type { NextFunction, Request, Response } from 'express';
import type { AdminRefusal, Conflict } from '../app/admin.js';
import { requireAdmin } from '../app/admin.js';
import type { Deps } from '../app/deps.js';
import type { FieldErrors } from '../app/result.js';
import { actorOf } from './actor.js';

/**
 * The admin routers' gate: anyone else gets a 403 on every URL under them, also one no route serves. (Each
 * use case checks it again.)
 */
export function adminOnly(deps: Deps) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    requireAdmin(actorOf(req, deps));
    next();
  };
}

/** The version a form was loaded with: a positive whole number, or null when it is missing or garbage. */
export function formVersion(body: unknown): number | null {
  const raw = (body as Record<string, unknown> | undefined)?.version;
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  return /^[1-9]\d{0,14}$/.test(text) ? Number(text) : null;
}

/**
 * Shows a refused admin save: invalid input (400) next to the fields; a stale save (409, or 400 when the
 * form had no valid version) with what is stored now next to what was typed. `form` renders the page.
 */
export function showAdminRefusal(
  refusal: AdminRefusal,
  form: (status: number, shown: { errors?: FieldErrors; conflict?: Conflict }) => void,
): void {
  if (refusal.kind === 'invalid') form(400, { errors: refusal.errors });
  else form(refusal.versionMissing ? 400 : 409, { conflict: refusal.conflict });
}
