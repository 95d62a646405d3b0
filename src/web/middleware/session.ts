import session from 'express-session';
import type { SqliteSessionStore } from '../../db/session-store.js';

export interface SessionOptions {
  secret: string;
  store: SqliteSessionStore;
  idleMinutes: number;
}

/** Sessions in SQLite; HttpOnly, SameSite=Lax, Secure when the request came over HTTPS; idle time-out. */
export function sessionMiddleware({ secret, store, idleMinutes }: SessionOptions) {
  return session({
    name: 'koers.sid',
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: 'auto',
      maxAge: idleMinutes * 60_000,
    },
  });
}
