import { randomBytes } from 'node:crypto';
import type { Db } from './connection.js';

/** Returns the stored session secret, creating a random one on first use. */
export function getOrCreateSessionSecret(db: Db): string {
  const existing = db.prepare("SELECT value FROM app_settings WHERE key = 'session_secret'").pluck().get() as
    | string
    | undefined;
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  db.prepare("INSERT INTO app_settings (key, value) VALUES ('session_secret', ?)").run(secret);
  return secret;
}
