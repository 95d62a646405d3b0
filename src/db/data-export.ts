// Everything Koers holds about one client, for an access request under the AVG (article 15) and data
// portability: every table with the client's records, the audit trail of who read or changed the dossier,
// and the names of the staff referred to. Internal derived data (client_status) and secrets are left out.
import { type Db, prepared } from './connection.js';

/** Tables with a client_id column, exported whole for the client (section name → SQL). */
const BY_CLIENT: Record<string, string> = {
  contactpogingen: 'SELECT * FROM contact_attempts WHERE client_id = ? ORDER BY id',
  intake: 'SELECT * FROM intakes WHERE client_id = ? ORDER BY id',
  intakeScores: `SELECT s.*, l.name AS leefdomein FROM intake_scores s JOIN intakes i ON i.id = s.intake_id
    JOIN leefdomeinen l ON l.id = s.leefdomein_id WHERE i.client_id = ? ORDER BY s.intake_id, l.sort_order, l.id`,
  routebesluiten: 'SELECT * FROM route_decisions WHERE client_id = ? ORDER BY id',
  pipVersies: 'SELECT * FROM pip_versions WHERE client_id = ? ORDER BY version_no',
  uren: 'SELECT * FROM hour_entries WHERE client_id = ? ORDER BY period_end, id',
  urenWijzigingen: `SELECT h.* FROM hour_entry_history h JOIN hour_entries e ON e.id = h.hour_entry_id
    WHERE e.client_id = ? ORDER BY h.id`,
  besluiten: 'SELECT * FROM decisions WHERE client_id = ? ORDER BY id',
  gesprekken: 'SELECT * FROM conversations WHERE client_id = ? ORDER BY held_on, id',
  gespreksScores: `SELECT s.*, l.name AS leefdomein FROM conversation_scores s JOIN conversations c ON c.id = s.conversation_id
    JOIN leefdomeinen l ON l.id = s.leefdomein_id WHERE c.client_id = ? ORDER BY s.conversation_id, l.sort_order, l.id`,
  afspraken: 'SELECT * FROM agreements WHERE client_id = ? ORDER BY id',
  afsprakenStatus: `SELECT h.* FROM agreement_status_history h JOIN agreements a ON a.id = h.agreement_id
    WHERE a.client_id = ? ORDER BY h.id`,
  taalniveaus: 'SELECT * FROM language_levels WHERE client_id = ? ORDER BY measured_on, id',
  examens: 'SELECT * FROM exams WHERE client_id = ? ORDER BY exam_on, id',
  geoorloofdVerzuim: 'SELECT * FROM excused_absences WHERE client_id = ? ORDER BY from_date, id',
  handhavingstrajecten: 'SELECT * FROM enforcement_cases WHERE client_id = ? ORDER BY id',
  handhavingsstappen: 'SELECT * FROM enforcement_steps WHERE client_id = ? ORDER BY id',
  participatieplekken: 'SELECT * FROM placements WHERE client_id = ? ORDER BY id',
  basisOpOrde: 'SELECT * FROM placement_readiness WHERE client_id = ? ORDER BY item',
  nazorg: `SELECT k.* FROM placement_checkins k JOIN placements p ON p.id = k.placement_id WHERE p.client_id = ? ORDER BY k.id`,
  casusoverleggen: 'SELECT * FROM case_meetings WHERE client_id = ? ORDER BY id',
  // Documents and letters: the records and each version's file name, type, size, hash and letter data (the files
  // themselves are handed over separately, from DOCUMENTS_PATH).
  documenten: 'SELECT * FROM documents WHERE client_id = ? ORDER BY id',
  documentVersies: `SELECT v.* FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.client_id = ? ORDER BY v.id`,
  tijdlijn: 'SELECT * FROM client_events WHERE client_id = ? ORDER BY occurred_on, id',
  // Who read or changed the dossier, and when: the recipients the AVG asks to name.
  inzageEnWijzigingen: `SELECT started_at, action, activity, outcome, user_id, details FROM audit_log
    WHERE client_id = ? ORDER BY id`,
};

type Row = Record<string, unknown>;

export interface ClientDataExport {
  client: Row;
  sections: Record<string, Row[]>;
  /** Staff referred to in the records by id (created_by, decided_by, user_id, ...): id → name and role. */
  medewerkers: Record<string, { naam: string; rol: string }>;
}

const USER_COLUMNS = /(_by|^user_id|^consulent_id)$/;

/** All records of one client; `showBsn` gives the BSN as this reader may see it (masked or in full). */
export function clientDataExport(db: Db, clientId: number, showBsn: (bsn: string) => string): ClientDataExport | undefined {
  const client = prepared(db, 'SELECT * FROM clients WHERE id = ?').get(clientId) as Row | undefined;
  if (!client) return undefined;
  const sections: Record<string, Row[]> = {};
  const userIds = new Set<number>();
  const collect = (row: Row) => {
    for (const [k, v] of Object.entries(row)) if (USER_COLUMNS.test(k) && typeof v === 'number') userIds.add(v);
  };
  collect(client);
  for (const [name, sql] of Object.entries(BY_CLIENT)) {
    const rows = prepared(db, sql).all(clientId) as Row[];
    rows.forEach(collect);
    sections[name] = rows;
  }
  const medewerkers: ClientDataExport['medewerkers'] = {};
  const user = prepared(db, 'SELECT display_name AS naam, role AS rol FROM users WHERE id = ?');
  for (const id of [...userIds].sort((a, b) => a - b)) {
    const u = user.get(id) as { naam: string; rol: string } | undefined;
    if (u) medewerkers[String(id)] = u;
  }
  const bsn = typeof client.bsn === 'string' ? showBsn(client.bsn) : null;
  return { client: { ...client, bsn }, sections, medewerkers };
}
