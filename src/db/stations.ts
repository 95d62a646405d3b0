// Station dates and intake cohorts of a team, read from client_status (the same facts the caseload signals read).
import type { LeadStep, StationDates } from '../domain/index.js';
import { SIGNAL_SQL } from './caseload.js';
import { type Db, prepared } from './connection.js';

/** client_status columns as station dates (one definition for the dossier bar, the team page and the figures). */
export const STATION_COLUMNS = `s.linked_on AS LINKED, s.first_contact_on AS FIRST_CONTACT, s.intake_started_on AS INTAKE_STARTED,
  s.leerbaarheid_on AS LEERBAARHEID, s.intake_completed_on AS INTAKE_COMPLETED, s.route_chosen_on AS ROUTE_CHOSEN,
  s.pip_set_on AS PIP_SET, s.first_hours_on AS FIRST_HOURS, s.first_placement_on AS FIRST_PLACEMENT,
  s.first_pre_end_on AS PRE_END, s.first_end_on AS END`;

/**
 * Where the client waits, from client_status: the step, since when, the limit that was in force when the status
 * was computed, and the WAITING signal's own predicate on `@today` (one definition with the caseload).
 */
const WAIT_COLUMNS = `s.waiting_step AS waitingStep, s.waiting_since AS waitingSince,
  CAST(julianday(s.waiting_too_long_on) - julianday(s.waiting_since) AS INTEGER) - 1 AS waitLimit,
  (${SIGNAL_SQL.WAITING}) AS waitingTooLong`;

export interface StationRow extends StationDates {
  clientId: number;
  consulentId: number | null;
  closedOn: string | null;
  waitingStep: LeadStep | null;
  waitingSince: string | null;
  waitLimit: number | null;
  /** 1 when the WAITING signal applies today. */
  waitingTooLong: number | null;
}

export interface NamedStationRow extends StationRow {
  firstName: string;
  lastName: string;
}

export function stationDatesOf(db: Db, clientId: number, today: string): StationRow | undefined {
  return prepared(
    db,
    `SELECT s.client_id AS clientId, s.consulent_id AS consulentId, s.closed_on AS closedOn, ${STATION_COLUMNS}, ${WAIT_COLUMNS}
     FROM client_status s WHERE s.client_id = @clientId`,
  ).get({ clientId, today }) as StationRow | undefined;
}

/** Every client of the team with its station dates and its wait on `today` (open and closed; the caller filters). */
export function teamStationRows(db: Db, teamId: number, today: string): NamedStationRow[] {
  return prepared(
    db,
    `SELECT s.client_id AS clientId, s.consulent_id AS consulentId, s.closed_on AS closedOn, c.first_name AS firstName,
       c.last_name AS lastName, ${STATION_COLUMNS}, ${WAIT_COLUMNS}
     FROM client_status s JOIN clients c ON c.id = s.client_id
     WHERE s.team_id = @teamId AND c.team_id = s.team_id`,
  ).all({ teamId, today }) as NamedStationRow[];
}

export interface CohortRow {
  /** 'yyyy-Qn' of the registration (linked_on). */
  cohort: string;
  clients: number;
  intakeStarted: number;
  pipSet: number;
  /** Open with a PIP (the trajectory runs). */
  inProgress: number;
  preEndHeld: number;
  endHeld: number;
  closed: number;
  closedByReason: Record<string, number>;
  /** Median days from registration to the PIP, over the cohort's clients with a PIP. */
  pipDays: number[];
}

/** The cohorts (quarter of registration) of a team registered from `from` up to `to`, counted in SQL. */
export function teamCohorts(db: Db, teamId: number, from: string, to: string): Omit<CohortRow, 'pipDays' | 'closedByReason'>[] {
  return prepared(
    db,
    `SELECT substr(s.linked_on, 1, 4) || '-Q' || ((CAST(substr(s.linked_on, 6, 2) AS INTEGER) + 2) / 3) AS cohort,
       COUNT(*) AS clients,
       SUM(s.intake_started_on IS NOT NULL) AS intakeStarted,
       SUM(s.pip_set_on IS NOT NULL) AS pipSet,
       SUM(s.pip_set_on IS NOT NULL AND s.closed_on IS NULL) AS inProgress,
       SUM(s.first_pre_end_on IS NOT NULL) AS preEndHeld,
       SUM(s.first_end_on IS NOT NULL) AS endHeld,
       SUM(s.closed_on IS NOT NULL) AS closed
     FROM client_status s
     WHERE s.team_id = @teamId AND s.linked_on BETWEEN @from AND @to
     GROUP BY cohort ORDER BY cohort`,
  ).all({ teamId, from, to }) as Omit<CohortRow, 'pipDays' | 'closedByReason'>[];
}

/** Per cohort: the closure reasons and the days from registration to the PIP. */
export function teamCohortDetails(db: Db, teamId: number, from: string, to: string) {
  const reasons = prepared(
    db,
    `SELECT substr(s.linked_on, 1, 4) || '-Q' || ((CAST(substr(s.linked_on, 6, 2) AS INTEGER) + 2) / 3) AS cohort,
       COALESCE(c.closure_reason, 'ONBEKEND') AS reason, COUNT(*) AS n
     FROM client_status s JOIN clients c ON c.id = s.client_id
     WHERE s.team_id = @teamId AND s.linked_on BETWEEN @from AND @to AND s.closed_on IS NOT NULL
     GROUP BY cohort, reason`,
  ).all({ teamId, from, to }) as { cohort: string; reason: string; n: number }[];
  const pipDays = prepared(
    db,
    `SELECT substr(s.linked_on, 1, 4) || '-Q' || ((CAST(substr(s.linked_on, 6, 2) AS INTEGER) + 2) / 3) AS cohort,
       CAST(julianday(s.pip_set_on) - julianday(s.linked_on) AS INTEGER) AS days
     FROM client_status s
     WHERE s.team_id = @teamId AND s.linked_on BETWEEN @from AND @to AND s.pip_set_on IS NOT NULL`,
  ).all({ teamId, from, to }) as { cohort: string; days: number }[];
  return { reasons, pipDays };
}
