// Target-group facts of a client (issue 21), kept on the clients row.
import { type Db, prepared } from './connection.js';

export interface TargetGroupFacts {
  pwUitkering: boolean | null;
  pwUitkeringSince: string | null;
  laaggeletterd: boolean | null;
  ondertussengroep: boolean;
}

const bool = (v: number | null) => (v === null ? null : v === 1);
const bit = (v: boolean | null) => (v === null ? null : v ? 1 : 0);

export function findTargetGroupFacts(db: Db, clientId: number): TargetGroupFacts | undefined {
  const r = prepared(
    db,
    'SELECT pw_uitkering AS pw, pw_uitkering_since AS since, laaggeletterd AS low, ondertussengroep AS ott FROM clients WHERE id = ?',
  ).get(clientId) as { pw: number | null; since: string | null; low: number | null; ott: number } | undefined;
  return r && { pwUitkering: bool(r.pw), pwUitkeringSince: r.since, laaggeletterd: bool(r.low), ondertussengroep: r.ott === 1 };
}

/** Saves the facts when the client's version is still `version`; false when someone changed the client meanwhile. */
export function updateTargetGroupFacts(db: Db, clientId: number, version: number, f: TargetGroupFacts, nowIso: string): boolean {
  const r = prepared(
    db,
    `UPDATE clients SET pw_uitkering = ?, pw_uitkering_since = ?, laaggeletterd = ?, ondertussengroep = ?, version = version + 1,
       updated_at = ? WHERE id = ? AND version = ?`,
  ).run(bit(f.pwUitkering), f.pwUitkering ? f.pwUitkeringSince : null, bit(f.laaggeletterd), f.ondertussengroep ? 1 : 0, nowIso, clientId, version);
  return r.changes === 1;
}

/** The SQL predicate on clients `c` per target group (parameter @jongereBornAfter for JONGERE). */
export const TARGET_GROUP_SQL = {
  PW_UITKERING: 'c.pw_uitkering = 1',
  LAAGGELETTERD: 'c.laaggeletterd = 1',
  ONDERTUSSENGROEP: 'c.ondertussengroep = 1',
  JONGERE: 'c.birth_date > @jongereBornAfter',
  GEZINSMIGRANT_ZONDER_UITKERING: "c.doelgroep = 'GEZINSMIGRANT' AND c.pw_uitkering = 0",
} as const;

/** Open clients of the team per target group, today. */
export function teamTargetGroupCounts(db: Db, teamId: number, jongereBornAfter: string): Record<keyof typeof TARGET_GROUP_SQL, number> & { open: number } {
  const cols = Object.entries(TARGET_GROUP_SQL).map(([k, sql]) => `COALESCE(SUM(CASE WHEN ${sql} THEN 1 ELSE 0 END), 0) AS ${k}`);
  return prepared(db, `SELECT COUNT(*) AS open, ${cols.join(', ')} FROM clients c WHERE c.team_id = @teamId AND c.closed_on IS NULL`).get({
    teamId,
    jongereBornAfter,
  }) as Record<keyof typeof TARGET_GROUP_SQL, number> & { open: number };
}
