import type { Request } from 'express';
import { type Actor, actorAt } from '../app/actor.js';
import type { Deps } from '../app/deps.js';
import { forbidden } from '../app/errors.js';

/** The signed-in user of this request as the use cases' actor, with the request's audit trail. */
export function actorOf(req: Request, deps: Deps): Actor {
  if (!req.user) throw forbidden();
  return actorAt(req.user, deps.clock, req.audit);
}
