// Fixtures written through the use cases (src/app), as a user would with the form: the row, its timeline line and
// the client_status refresh, on the moment `now` (the actor's clock), without audit rows (a fixture is not a user's
// action). A refused write throws, so a fixture cannot silently leave out what a test relies on.
import { type Actor, actorAt } from '../../src/app/actor.js';
import { closeClientTrajectory } from '../../src/app/closure.js';
import type { Deps } from '../../src/app/deps.js';
import { recordLevel, registerExam } from '../../src/app/language.js';
import type { Result } from '../../src/app/result.js';
import type { NewClosure } from '../../src/db/closures.js';
import type { Db } from '../../src/db/connection.js';
import type { NewExam, NewLevel } from '../../src/db/language.js';
import { findUserById } from '../../src/db/users.js';
import { fixedClock } from '../../src/lib/clock.js';
import { START } from './app.js';

function asUser(db: Db, userId: number, now: string): { deps: Deps; actor: Actor } {
  const user = findUserById(db, userId);
  if (!user) throw new Error(`no user ${userId}`);
  const clock = fixedClock(now);
  return { deps: { db, clock }, actor: actorAt(user, clock, () => {}) };
}

function done<T>(what: string, r: Result<T>): T {
  if (!r.ok) throw new Error(`fixture ${what} refused: ${JSON.stringify(r.refusal)}`);
  return r.value;
}

/** A measured language level (recordLevel). */
export function addLevel(db: Db, clientId: number, input: NewLevel, userId: number, now = START): void {
  const { deps, actor } = asUser(db, userId, now);
  done('level', recordLevel(deps, actor, clientId, { ok: true, data: input }));
}

/** A registered exam, with its result when given (registerExam); returns the exam's id. */
export function addExam(db: Db, clientId: number, input: NewExam, userId: number, now = START): number {
  const { deps, actor } = asUser(db, userId, now);
  const { level, ...rest } = input;
  done('exam', registerExam(deps, actor, clientId, { ok: true, data: { ...rest, examLevel: level } }));
  return db.prepare('SELECT MAX(id) FROM exams WHERE client_id = ?').pluck().get(clientId) as number;
}

/** Closes the trajectory (closeClientTrajectory): a CLOSURE decision, the dossier read-only from then on. */
export function closeTrajectory(db: Db, clientId: number, input: NewClosure, userId: number, now = START): void {
  const { deps, actor } = asUser(db, userId, now);
  const { decidedOn, ...rest } = input;
  done('closure', closeClientTrajectory(deps, actor, clientId, { ok: true, data: { ...rest, closedOn: decidedOn } }));
}
