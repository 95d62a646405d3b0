// Participation placements (issue 11): placements, hours per placement, readiness ("basis op orde"),
// after-care check-ins, and the team lead's overview.
import { addDays, addMonths, format, parseISO, subDays } from 'date-fns';
import { type Db, prepared } from './connection.js';
import type { HourKind } from './progress.js';

export const PLACEMENT_KINDS = [
  'VRIJWILLIGERSWERK',
  'STAGE',
  'WERKERVARINGSPLEK',
  'LEERWERKTRAJECT',
  'BETAALD_WERK',
  'BETAALD_WERK_LKS',
] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];
export const PLACEMENT_KIND_LABELS: Record<PlacementKind, string> = {
  VRIJWILLIGERSWERK: 'Vrijwilligerswerk',
  STAGE: 'Stage',
  WERKERVARINGSPLEK: 'Werkervaringsplek',
  LEERWERKTRAJECT: 'Leerwerktraject',
  BETAALD_WERK: 'Betaald werk',
  BETAALD_WERK_LKS: 'Betaald werk met loonkostensubsidie',
};

export const LANGUAGE_SUPPORTS = ['TAALCOACHING_OP_DE_WERKVLOER', 'VAKTAAL', 'GEEN'] as const;
export type LanguageSupport = (typeof LANGUAGE_SUPPORTS)[number];
export const LANGUAGE_SUPPORT_LABELS: Record<LanguageSupport, string> = {
  TAALCOACHING_OP_DE_WERKVLOER: 'Taalcoaching op de werkvloer',
  VAKTAAL: 'Lessen vaktaal',
  GEEN: 'Geen',
};

export const PLACEMENT_STATUSES = ['IN_VOORBEREIDING', 'ACTIEF', 'BEEINDIGD'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];
export const PLACEMENT_STATUS_LABELS: Record<PlacementStatus, string> = {
  IN_VOORBEREIDING: 'In voorbereiding',
  ACTIEF: 'Actief',
  BEEINDIGD: 'Beëindigd',
};

export const READINESS_ITEMS = ['HOUSING', 'INCOME', 'CHILDCARE', 'HEALTH', 'COMMUNICATION'] as const;
export type ReadinessItem = (typeof READINESS_ITEMS)[number];
export const READINESS_LABELS: Record<ReadinessItem, string> = {
  HOUSING: 'Huisvesting is geregeld',
  INCOME: 'Inkomen is geregeld',
  CHILDCARE: 'Kinderopvang is geregeld (of niet nodig)',
  HEALTH: 'Gezondheid staat werk niet in de weg',
  COMMUNICATION: 'Basiskennis Nederlands of Engels om te communiceren',
};

/** Months after the start of a paid placement at which the default after-care check-ins fall. */
export const DEFAULT_CHECKIN_MONTHS = [1, 3, 6] as const;

export function isPaidKind(kind: PlacementKind): boolean {
  return kind === 'BETAALD_WERK' || kind === 'BETAALD_WERK_LKS';
}

/** Hours registered against a placement count as paid work for paid placements, as participation otherwise. */
export function hourKindOfPlacement(kind: PlacementKind): HourKind {
  return isPaidKind(kind) ? 'PAID_WORK' : 'PARTICIPATION';
}

export interface PlacementInput {
  kind: PlacementKind;
  organisation: string;
  contactPerson: string | null;
  jobCoach: string | null;
  startOn: string;
  plannedEndOn: string | null;
  hoursPerWeek: number;
  languageSupport: LanguageSupport;
  note: string | null;
}

export interface Placement extends PlacementInput {
  id: number;
  clientId: number;
  status: PlacementStatus;
  activatedOn: string | null;
  activationReason: string | null;
  endedOn: string | null;
  endReason: string | null;
  version: number;
  hoursRegistered: number;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT p.id, p.client_id AS clientId, p.kind, p.organisation, p.contact_person AS contactPerson,
  p.job_coach AS jobCoach, p.start_on AS startOn, p.planned_end_on AS plannedEndOn, p.hours_per_week AS hoursPerWeek,
  p.language_support AS languageSupport, p.status, p.activated_on AS activatedOn,
  p.activation_reason AS activationReason, p.ended_on AS endedOn, p.end_reason AS endReason, p.note, p.version,
  (SELECT COALESCE(SUM(h.hours), 0) FROM hour_entries h WHERE h.placement_id = p.id AND h.deleted_at IS NULL)
    AS hoursRegistered,
  u.display_name AS createdByName, p.created_at AS createdAt, p.updated_at AS updatedAt
FROM placements p LEFT JOIN users u ON u.id = p.created_by`;

/** Active first, then in preparation, then ended; newest start first within each. */
/** A client's placements with the hours registered on each (exported for the plan check in the tests). */
export const CLIENT_PLACEMENTS_SQL = `${SELECT} WHERE p.client_id = ?
  ORDER BY CASE p.status WHEN 'ACTIEF' THEN 0 WHEN 'IN_VOORBEREIDING' THEN 1 ELSE 2 END, p.start_on DESC, p.id DESC`;

export function listPlacements(db: Db, clientId: number): Placement[] {
  return prepared(db, CLIENT_PLACEMENTS_SQL).all(clientId) as Placement[];
}

export function findPlacement(db: Db, clientId: number, id: number): Placement | undefined {
  return db.prepare(`${SELECT} WHERE p.client_id = ? AND p.id = ?`).get(clientId, id) as Placement | undefined;
}

export function insertPlacement(db: Db, clientId: number, input: PlacementInput, userId: number, nowIso: string): number {
  const r = db
    .prepare(
      `INSERT INTO placements (client_id, kind, organisation, contact_person, job_coach, start_on, planned_end_on,
         hours_per_week, language_support, note, status, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IN_VOORBEREIDING', ?, ?, ?)`,
    )
    .run(
      clientId,
      input.kind,
      input.organisation,
      input.contactPerson,
      input.jobCoach,
      input.startOn,
      input.plannedEndOn,
      input.hoursPerWeek,
      input.languageSupport,
      input.note,
      userId,
      nowIso,
      nowIso,
    );
  return Number(r.lastInsertRowid);
}

/** Updates the facts if nobody changed the placement since `version`; false when stale or ended. */
export function updatePlacement(
  db: Db,
  clientId: number,
  id: number,
  version: number,
  input: PlacementInput,
  nowIso: string,
): boolean {
  const r = db
    .prepare(
      `UPDATE placements SET kind = ?, organisation = ?, contact_person = ?, job_coach = ?, start_on = ?,
         planned_end_on = ?, hours_per_week = ?, language_support = ?, note = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND client_id = ? AND version = ? AND status <> 'BEEINDIGD'`,
    )
    .run(
      input.kind,
      input.organisation,
      input.contactPerson,
      input.jobCoach,
      input.startOn,
      input.plannedEndOn,
      input.hoursPerWeek,
      input.languageSupport,
      input.note,
      nowIso,
      id,
      clientId,
      version,
    );
  return r.changes === 1;
}

/**
 * Sets a placement in preparation to ACTIEF. A paid placement gets its default after-care check-ins
 * (1, 3 and 6 months after the start) unless it already has check-ins.
 */
export function activatePlacement(
  db: Db,
  clientId: number,
  id: number,
  version: number,
  activatedOn: string,
  reason: string | null,
  userId: number,
  nowIso: string,
): boolean {
  const r = db
    .prepare(
      `UPDATE placements SET status = 'ACTIEF', activated_on = ?, activation_reason = ?, version = version + 1,
         updated_at = ?
       WHERE id = ? AND client_id = ? AND version = ? AND status = 'IN_VOORBEREIDING'`,
    )
    .run(activatedOn, reason, nowIso, id, clientId, version);
  if (r.changes !== 1) return false;
  const p = findPlacement(db, clientId, id)!;
  const existing = db.prepare('SELECT COUNT(*) FROM placement_checkins WHERE placement_id = ?').pluck().get(id) as number;
  if (isPaidKind(p.kind) && existing === 0) {
    for (const due of defaultCheckinDates(p.startOn)) {
      db.prepare(
        `INSERT INTO placement_checkins (placement_id, due_on, updated_by, updated_at) VALUES (?, ?, ?, ?)`,
      ).run(id, due, userId, nowIso);
    }
  }
  return true;
}

export function defaultCheckinDates(startOn: string): string[] {
  return DEFAULT_CHECKIN_MONTHS.map((m) => format(addMonths(parseISO(startOn), m), 'yyyy-MM-dd'));
}

export function endPlacement(
  db: Db,
  clientId: number,
  id: number,
  version: number,
  endedOn: string,
  reason: string,
  nowIso: string,
): boolean {
  const r = db
    .prepare(
      `UPDATE placements SET status = 'BEEINDIGD', ended_on = ?, end_reason = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND client_id = ? AND version = ? AND status <> 'BEEINDIGD'`,
    )
    .run(endedOn, reason, nowIso, id, clientId, version);
  return r.changes === 1;
}

/** Placements the hour form may book against: not ended, or ended but chosen already on this entry. */
export function placementsForHours(db: Db, clientId: number, includeId: number | null = null): Placement[] {
  return listPlacements(db, clientId).filter((p) => p.status !== 'BEEINDIGD' || p.id === includeId);
}

// ---- readiness ("basis op orde") ---------------------------------------------------------------

export interface ReadinessRow {
  item: ReadinessItem;
  confirmed: boolean;
  note: string | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
}

/** Every item, also the ones never answered (confirmed false, confirmedAt null). */
export function loadReadiness(db: Db, clientId: number): ReadinessRow[] {
  const rows = db
    .prepare(
      `SELECT r.item, r.confirmed, r.note, u.display_name AS confirmedByName, r.confirmed_at AS confirmedAt
       FROM placement_readiness r LEFT JOIN users u ON u.id = r.confirmed_by WHERE r.client_id = ?`,
    )
    .all(clientId) as { item: ReadinessItem; confirmed: number; note: string | null; confirmedByName: string | null; confirmedAt: string }[];
  return READINESS_ITEMS.map((item) => {
    const r = rows.find((x) => x.item === item);
    return r
      ? { item, confirmed: r.confirmed === 1, note: r.note, confirmedByName: r.confirmedByName, confirmedAt: r.confirmedAt }
      : { item, confirmed: false, note: null, confirmedByName: null, confirmedAt: null };
  });
}

export function readinessComplete(rows: ReadinessRow[]): boolean {
  return rows.every((r) => r.confirmed);
}

export function saveReadiness(
  db: Db,
  clientId: number,
  answers: { item: ReadinessItem; confirmed: boolean; note: string | null }[],
  userId: number,
  nowIso: string,
): void {
  const stmt = db.prepare(
    `INSERT INTO placement_readiness (client_id, item, confirmed, note, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (client_id, item) DO UPDATE SET confirmed = excluded.confirmed, note = excluded.note,
       confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at`,
  );
  for (const a of answers) stmt.run(clientId, a.item, a.confirmed ? 1 : 0, a.note, userId, nowIso);
}

// ---- after-care ---------------------------------------------------------------------------------

export interface Checkin {
  id: number;
  placementId: number;
  dueOn: string;
  doneOn: string | null;
  note: string | null;
  version: number;
}

export function listCheckins(db: Db, clientId: number): Checkin[] {
  return db
    .prepare(
      `SELECT c.id, c.placement_id AS placementId, c.due_on AS dueOn, c.done_on AS doneOn, c.note, c.version
       FROM placement_checkins c JOIN placements p ON p.id = c.placement_id
       WHERE p.client_id = ? ORDER BY c.due_on, c.id`,
    )
    .all(clientId) as Checkin[];
}

export function findCheckin(db: Db, clientId: number, id: number): Checkin | undefined {
  return db
    .prepare(
      `SELECT c.id, c.placement_id AS placementId, c.due_on AS dueOn, c.done_on AS doneOn, c.note, c.version
       FROM placement_checkins c JOIN placements p ON p.id = c.placement_id WHERE p.client_id = ? AND c.id = ?`,
    )
    .get(clientId, id) as Checkin | undefined;
}

/** Changes the date, or marks the check-in done with a note; false when stale. */
export function updateCheckin(
  db: Db,
  id: number,
  version: number,
  change: { dueOn: string; doneOn: string | null; note: string | null },
  userId: number,
  nowIso: string,
): boolean {
  const r = db
    .prepare(
      `UPDATE placement_checkins SET due_on = ?, done_on = ?, note = ?, version = version + 1, updated_by = ?, updated_at = ?
       WHERE id = ? AND version = ?`,
    )
    .run(change.dueOn, change.doneOn, change.note, userId, nowIso, id, version);
  return r.changes === 1;
}

/** A check-in is overdue when its date has passed, it is not done and the placement is still active. */
export function isCheckinOverdue(c: Pick<Checkin, 'dueOn' | 'doneOn'>, today: string): boolean {
  return c.doneOn === null && c.dueOn < today;
}

export interface OverdueCheckin {
  checkinId: number;
  placementId: number;
  clientId: number;
  clientName: string;
  kind: PlacementKind;
  organisation: string;
  dueOn: string;
}

/** After-care check-ins of the team's active placements whose date has passed without being done. */
export function aftercareOverdueForTeam(db: Db, teamId: number, today: string): OverdueCheckin[] {
  return db
    .prepare(
      `SELECT c.id AS checkinId, p.id AS placementId, cl.id AS clientId, cl.first_name || ' ' || cl.last_name AS clientName,
         p.kind, p.organisation, c.due_on AS dueOn
       FROM placement_checkins c
       JOIN placements p ON p.id = c.placement_id
       JOIN clients cl ON cl.id = p.client_id
       WHERE cl.team_id = ? AND p.status = 'ACTIEF' AND c.done_on IS NULL AND c.due_on < ?
       ORDER BY c.due_on, c.id`,
    )
    .all(teamId, today) as OverdueCheckin[];
}

// ---- substitution suggestion --------------------------------------------------------------------

/**
 * The active paid placement that makes a Z-route client's work "structural": started at least `weeks`
 * weeks ago (start on or before today − 7·weeks days). Undefined when none.
 */
export function structuralPaidPlacement(db: Db, clientId: number, today: string, weeks: number): Placement | undefined {
  const latestStart = format(subDays(parseISO(today), weeks * 7), 'yyyy-MM-dd');
  return listPlacements(db, clientId).find(
    (p) => p.status === 'ACTIEF' && isPaidKind(p.kind) && p.startOn <= latestStart,
  );
}

/** Whether any SUBSTITUTION decision exists for the client that is not revoked or rejected. */
export function hasSubstitutionDecision(db: Db, clientId: number): boolean {
  return (
    (db
      .prepare(
        `SELECT COUNT(*) FROM decisions WHERE client_id = ? AND kind = 'SUBSTITUTION' AND revoked_on IS NULL
           AND approval_status <> 'REJECTED'`,
      )
      .pluck()
      .get(clientId) as number) > 0
  );
}

// ---- team overview ------------------------------------------------------------------------------

export interface TeamPlacementRow {
  id: number;
  clientId: number;
  clientName: string;
  kind: PlacementKind;
  organisation: string;
  status: PlacementStatus;
  startOn: string;
  plannedEndOn: string | null;
  hoursPerWeek: number;
}

export function activePlacementsOfTeam(db: Db, teamId: number): TeamPlacementRow[] {
  return db
    .prepare(
      `SELECT p.id, p.client_id AS clientId, cl.first_name || ' ' || cl.last_name AS clientName, p.kind,
         p.organisation, p.status, p.start_on AS startOn, p.planned_end_on AS plannedEndOn, p.hours_per_week AS hoursPerWeek
       FROM placements p JOIN clients cl ON cl.id = p.client_id
       WHERE cl.team_id = ? AND p.status = 'ACTIEF' ORDER BY p.kind, p.organisation, p.id`,
    )
    .all(teamId) as TeamPlacementRow[];
}

/** Placements not yet ended whose planned end falls from today up to and including today + `days`. */
export function placementsEndingSoon(db: Db, teamId: number, today: string, days: number): TeamPlacementRow[] {
  const until = format(addDays(parseISO(today), days), 'yyyy-MM-dd');
  return db
    .prepare(
      `SELECT p.id, p.client_id AS clientId, cl.first_name || ' ' || cl.last_name AS clientName, p.kind,
         p.organisation, p.status, p.start_on AS startOn, p.planned_end_on AS plannedEndOn, p.hours_per_week AS hoursPerWeek
       FROM placements p JOIN clients cl ON cl.id = p.client_id
       WHERE cl.team_id = ? AND p.status <> 'BEEINDIGD' AND p.planned_end_on BETWEEN ? AND ?
       ORDER BY p.planned_end_on, p.id`,
    )
    .all(teamId, today, until) as TeamPlacementRow[];
}
