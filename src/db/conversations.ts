import { type Db, prepared } from './connection.js';

export type ConversationKind = 'VOORTGANG' | 'PRE_EIND' | 'EIND';

export interface Leefdomein {
  id: number;
  name: string;
}

export function listActiveLeefdomeinen(db: Db): Leefdomein[] {
  return prepared(db, 'SELECT id, name FROM leefdomeinen WHERE active = 1 ORDER BY sort_order, name').all() as Leefdomein[];
}

export interface Score {
  leefdomeinId: number;
  score: number | null;
  note: string | null;
}

/**
 * The last known zelfredzaamheid scores: from the latest conversation that has scores, else from the intake.
 * `source` says where they came from, for the form ("vorige").
 */
export function lastScores(
  db: Db,
  clientId: number,
): { source: 'CONVERSATION' | 'INTAKE' | null; sourceDate: string | null; scores: Map<number, Score> } {
  const conv = db
    .prepare(
      `SELECT c.id, c.held_on FROM conversations c
       WHERE c.client_id = ? AND EXISTS (SELECT 1 FROM conversation_scores s WHERE s.conversation_id = c.id)
       ORDER BY c.held_on DESC, c.id DESC LIMIT 1`,
    )
    .get(clientId) as { id: number; held_on: string } | undefined;
  let rows: Score[];
  let source: 'CONVERSATION' | 'INTAKE' | null;
  let sourceDate: string | null = null;
  if (conv) {
    rows = db
      .prepare('SELECT leefdomein_id AS leefdomeinId, score, note FROM conversation_scores WHERE conversation_id = ?')
      .all(conv.id) as Score[];
    source = 'CONVERSATION';
    sourceDate = conv.held_on;
  } else {
    rows = db
      .prepare(
        `SELECT s.leefdomein_id AS leefdomeinId, s.score, s.note FROM intake_scores s
         JOIN intakes i ON i.id = s.intake_id WHERE i.client_id = ?`,
      )
      .all(clientId) as Score[];
    source = rows.length ? 'INTAKE' : null;
  }
  return { source, sourceDate, scores: new Map(rows.map((r) => [r.leefdomeinId, r])) };
}

export interface ConversationInput {
  kind: ConversationKind;
  heldOn: string;
  participants: Record<string, unknown>;
  content: Record<string, unknown>;
  overrideReason?: string | null;
  approvalStatus?: 'NOT_REQUIRED' | 'PENDING';
}

export function insertConversation(
  db: Db,
  clientId: number,
  c: ConversationInput,
  scores: Score[],
  userId: number,
  nowIso: string,
): number {
  const r = db
    .prepare(
      `INSERT INTO conversations (client_id, kind, held_on, participants, content, override_reason, approval_status,
         created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      clientId,
      c.kind,
      c.heldOn,
      JSON.stringify(c.participants),
      JSON.stringify(c.content),
      c.overrideReason ?? null,
      c.approvalStatus ?? 'NOT_REQUIRED',
      userId,
      nowIso,
      nowIso,
    );
  const id = Number(r.lastInsertRowid);
  const insert = db.prepare(
    'INSERT INTO conversation_scores (conversation_id, leefdomein_id, score, note) VALUES (?, ?, ?, ?)',
  );
  for (const s of scores) {
    if (s.score !== null || s.note !== null) insert.run(id, s.leefdomeinId, s.score, s.note);
  }
  return id;
}

export interface Conversation {
  id: number;
  clientId: number;
  kind: ConversationKind;
  heldOn: string;
  participants: Record<string, unknown>;
  content: Record<string, unknown>;
  overrideReason: string | null;
  approvalStatus: string;
  createdByName: string | null;
  createdAt: string;
}

interface Row extends Omit<Conversation, 'participants' | 'content'> {
  participants: string;
  content: string;
}

const SELECT = `SELECT c.id, c.client_id AS clientId, c.kind, c.held_on AS heldOn, c.participants, c.content,
  c.override_reason AS overrideReason, c.approval_status AS approvalStatus, u.display_name AS createdByName,
  c.created_at AS createdAt
FROM conversations c LEFT JOIN users u ON u.id = c.created_by`;

function toConversation(r: Row): Conversation {
  return {
    ...r,
    participants: JSON.parse(r.participants) as Record<string, unknown>,
    content: JSON.parse(r.content) as Record<string, unknown>,
  };
}

export function listConversations(db: Db, clientId: number): Conversation[] {
  return (prepared(db, `${SELECT} WHERE c.client_id = ? ORDER BY c.held_on DESC, c.id DESC`).all(clientId) as Row[]).map(
    toConversation,
  );
}

export function findConversation(db: Db, clientId: number, id: number): Conversation | undefined {
  const r = db.prepare(`${SELECT} WHERE c.client_id = ? AND c.id = ?`).get(clientId, id) as Row | undefined;
  return r ? toConversation(r) : undefined;
}

export function conversationScores(db: Db, conversationId: number): (Score & { name: string })[] {
  return db
    .prepare(
      `SELECT s.leefdomein_id AS leefdomeinId, l.name, s.score, s.note FROM conversation_scores s
       JOIN leefdomeinen l ON l.id = s.leefdomein_id WHERE s.conversation_id = ? ORDER BY l.sort_order, l.name`,
    )
    .all(conversationId) as (Score & { name: string })[];
}

/** Closes the trajectory after the eindgesprek: the dossier stays readable, no new work. */
/**
 * Closes the trajectory after the eindgesprek: a CLOSURE decision of type COMPLETED (the same record every
 * other ending writes, see closures.ts) and clients.closed_on / closure_reason.
 */
export function closeAfterEindgesprek(db: Db, clientId: number, closedOn: string, userId: number, nowIso: string): void {
  const changed = db
    .prepare(
      `UPDATE clients SET closed_on = ?, closure_reason = 'COMPLETED', version = version + 1, updated_at = ?
       WHERE id = ? AND closed_on IS NULL`,
    )
    .run(closedOn, nowIso, clientId).changes;
  if (changed === 0) return;
  db.prepare(
    `INSERT INTO decisions (client_id, kind, decided_on, reason, data, decided_by, created_at)
     VALUES (?, 'CLOSURE', ?, 'Eindgesprek gehouden', '{"type":"COMPLETED","via":"EINDGESPREK"}', ?, ?)`,
  ).run(clientId, closedOn, userId, nowIso);
}

export function nextConversationDueOf(db: Db, clientId: number): string | null {
  return (
    (db.prepare('SELECT next_conversation_due FROM client_status WHERE client_id = ?').pluck().get(clientId) as
      | string
      | null
      | undefined) ?? null
  );
}

/** Dates from the derived status the client summary shows. */
export function statusDates(db: Db, clientId: number): { nextConversationDue: string | null; termijnEnd: string | null } {
  const r = db
    .prepare('SELECT next_conversation_due AS nextConversationDue, termijn_end AS termijnEnd FROM client_status WHERE client_id = ?')
    .get(clientId) as { nextConversationDue: string | null; termijnEnd: string | null } | undefined;
  return r ?? { nextConversationDue: null, termijnEnd: null };
}
