import session from 'express-session';
import type { Db } from './connection.js';

/**
 * express-session store on the app's own SQLite database. (The published SQLite stores for
 * better-sqlite3 are unmaintained and keep the process alive with a timer; this is small.)
 */
export class SqliteSessionStore extends session.Store {
  private readonly timer: NodeJS.Timeout;

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
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(this.now());
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    try {
      const row = this.db
        .prepare('SELECT data FROM sessions WHERE sid = ? AND expires_at > ?')
        .get(sid, this.now()) as { data: string } | undefined;
      cb(null, row ? (JSON.parse(row.data) as session.SessionData) : null);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      const ttl = data.cookie?.maxAge ?? this.defaultTtlMs;
      this.db
        .prepare(
          `INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
        )
        .run(sid, JSON.stringify(data), this.now() + ttl);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      const ttl = data.cookie?.maxAge ?? this.defaultTtlMs;
      this.db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?').run(this.now() + ttl, sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      this.db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  /** Ends every session of a user (e.g. after deactivation or a password reset). */
  destroyForUser(userId: number): void {
    this.db.prepare("DELETE FROM sessions WHERE json_extract(data, '$.userId') = ?").run(userId);
  }
}
