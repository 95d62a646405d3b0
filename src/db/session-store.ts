import session from 'express-session';
import { type Db, prepared } from './connection.js';

/** A rolling session's expiry is written again only when it has moved on by more than this. */
export const TOUCH_SLACK_MS = 60_000;

/**
 * express-session store on the app's own SQLite database. (The published SQLite stores for
 * better-sqlite3 are unmaintained and keep the process alive with a timer; this is small.)
 *
 * Sessions roll (every request extends the idle time-out), but `touch` does not write on every request:
 * it remembers the expiry it read in `get` and updates the row only when the new expiry is more than
 * TOUCH_SLACK_MS later. A session therefore ends at most that much before the full idle time-out.
 */
/**
 * The idle time a session lives from now: the cookie's configured max age (`originalMaxAge`; sessions roll). Not
 * `cookie.maxAge`, which express-session computes from the real clock (expires − Date.now()), so it shrinks by
 * however long the request took and ignores the injected clock.
 */
function idleTtl(data: session.SessionData, fallback: number): number {
  return data.cookie?.originalMaxAge ?? fallback;
}

export class SqliteSessionStore extends session.Store {
  private readonly timer: NodeJS.Timeout;
  /** The stored expiry per session id, as last read or written by this process. */
  private readonly knownExpiry = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    private readonly defaultTtlMs = 30 * 60_000,
  ) {
    super();
    this.timer = setInterval(() => this.clearExpired(), 15 * 60_000);
    this.timer.unref();
  }

  clearExpired(): void {
    const now = this.now();
    prepared(this.db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now);
    for (const [sid, expiresAt] of this.knownExpiry) if (expiresAt <= now) this.knownExpiry.delete(sid);
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    try {
      const row = prepared(this.db, 'SELECT data, expires_at FROM sessions WHERE sid = ? AND expires_at > ?').get(
        sid,
        this.now(),
      ) as { data: string; expires_at: number } | undefined;
      if (row) this.knownExpiry.set(sid, row.expires_at);
      else this.knownExpiry.delete(sid);
      cb(null, row ? (JSON.parse(row.data) as session.SessionData) : null);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      const ttl = idleTtl(data, this.defaultTtlMs);
      const expiresAt = this.now() + ttl;
      prepared(
        this.db,
        `INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
      ).run(sid, JSON.stringify(data), expiresAt);
      this.knownExpiry.set(sid, expiresAt);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      const ttl = idleTtl(data, this.defaultTtlMs);
      const expiresAt = this.now() + ttl;
      const known = this.knownExpiry.get(sid);
      if (known === undefined || expiresAt - known > TOUCH_SLACK_MS) {
        prepared(this.db, 'UPDATE sessions SET expires_at = ? WHERE sid = ?').run(expiresAt, sid);
        this.knownExpiry.set(sid, expiresAt);
      }
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      prepared(this.db, 'DELETE FROM sessions WHERE sid = ?').run(sid);
      this.knownExpiry.delete(sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  /** Ends every session of a user (e.g. after deactivation or a password reset). */
  destroyForUser(userId: number): void {
    prepared(this.db, "DELETE FROM sessions WHERE json_extract(data, '$.userId') = ?").run(userId);
    // The rows are gone; a later `get` finds nothing and forgets the remembered expiry.
  }

  /** The live sessions of a user, oldest first (for "Mijn sessies"). */
  listForUser(userId: number): { sid: string; data: session.SessionData; expiresAt: number }[] {
    const rows = prepared(
      this.db,
      "SELECT sid, data, expires_at FROM sessions WHERE json_extract(data, '$.userId') = ? AND expires_at > ? ORDER BY json_extract(data, '$.since'), sid",
    ).all(userId, this.now()) as { sid: string; data: string; expires_at: number }[];
    return rows.map((r) => ({ sid: r.sid, data: JSON.parse(r.data) as session.SessionData, expiresAt: r.expires_at }));
  }

  /** Ends every session of a user except `keepSid` (e.g. after a password change). Returns how many ended. */
  destroyOthersForUser(userId: number, keepSid: string): number {
    return prepared(this.db, "DELETE FROM sessions WHERE json_extract(data, '$.userId') = ? AND sid != ?").run(userId, keepSid)
      .changes;
  }
}
