import type { Doelgroep } from '../domain/index.js';
import { type Db, prepared } from './connection.js';

/** The fields every client page needs to decide access and to show the header. */
export interface ClientRef {
  id: number;
  clientNumber: string;
  firstName: string;
  lastName: string;
  doelgroep: Doelgroep;
  teamId: number;
  consulentId: number | null;
  closedOn: string | null;
  version: number;
}

export function findClientRef(db: Db, id: number): ClientRef | undefined {
  return prepared(
    db,
    `SELECT id, client_number AS clientNumber, first_name AS firstName, last_name AS lastName, doelgroep,
       team_id AS teamId, consulent_id AS consulentId, closed_on AS closedOn, version
     FROM clients WHERE id = ?`,
  ).get(id) as ClientRef | undefined;
}
