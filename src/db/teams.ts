import { type Db, prepared } from './connection.js';

export interface Team {
  id: number;
  name: string;
  caseloadNorm: number | null;
  version: number;
}

export function createTeam(db: Db, name: string, nowIso: string, caseloadNorm: number | null = null): number {
  const r = db
    .prepare('INSERT INTO teams (name, caseload_norm, created_at) VALUES (?, ?, ?)')
    .run(name, caseloadNorm, nowIso);
  return Number(r.lastInsertRowid);
}

export function listTeams(db: Db): Team[] {
  return db
    .prepare('SELECT id, name, caseload_norm AS caseloadNorm, version FROM teams ORDER BY name')
    .all() as Team[];
}

export function findTeam(db: Db, id: number): Team | undefined {
  return prepared(db, 'SELECT id, name, caseload_norm AS caseloadNorm, version FROM teams WHERE id = ?').get(id) as
    | Team
    | undefined;
}

export interface TeamWithCounts extends Team {
  consulenten: number;
  teamleiders: number;
  inactive: number;
}

/** Teams with their members (active consulenten and teamleiders; deactivated accounts apart). */
export function listTeamsWithCounts(db: Db): TeamWithCounts[] {
  return db
    .prepare(
      `SELECT t.id, t.name, t.caseload_norm AS caseloadNorm, t.version,
         COUNT(CASE WHEN u.active = 1 AND u.role = 'consulent' THEN 1 END) AS consulenten,
         COUNT(CASE WHEN u.active = 1 AND u.role = 'teamleider' THEN 1 END) AS teamleiders,
         COUNT(CASE WHEN u.active = 0 THEN 1 END) AS inactive
       FROM teams t LEFT JOIN users u ON u.team_id = t.id
       GROUP BY t.id ORDER BY t.name`,
    )
    .all() as TeamWithCounts[];
}

export function teamNameTaken(db: Db, name: string, exceptId?: number): boolean {
  return (
    db.prepare('SELECT 1 FROM teams WHERE lower(trim(name)) = lower(trim(?)) AND id != ?').get(name, exceptId ?? 0) !==
    undefined
  );
}

/** Updates when the row still has `version`; false when someone else changed it meanwhile. */
export function updateTeam(db: Db, id: number, version: number, v: { name: string; caseloadNorm: number | null }): boolean {
  const r = db
    .prepare('UPDATE teams SET name = ?, caseload_norm = ?, version = version + 1 WHERE id = ? AND version = ?')
    .run(v.name, v.caseloadNorm, id, version);
  return r.changes === 1;
}
