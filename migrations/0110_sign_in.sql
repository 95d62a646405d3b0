-- Sign-in (issue 18): single sign-on through OpenID Connect, a second factor for local accounts (TOTP with
-- one-time recovery codes, passkeys), the per-role requirement, and what "Mijn sessies" shows.

-- 0 = this user signs in only through the municipality's identity provider (no password log-in).
ALTER TABLE users ADD COLUMN password_login INTEGER NOT NULL DEFAULT 1 CHECK (password_login IN (0, 1));
-- The TOTP secret (base32) once enrolment is confirmed, and the last time step a code was accepted for:
-- a code is accepted only for a later step, so a code cannot be used twice within its window.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
ALTER TABLE users ADD COLUMN totp_enrolled_at TEXT;

-- One-time recovery codes: only a SHA-256 of each (random, 50 bits) code is stored.
CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- WebAuthn credentials (passkeys).
CREATE TABLE passkeys (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  credential_id TEXT NOT NULL UNIQUE,          -- base64url
  public_key BLOB NOT NULL,                    -- COSE
  counter INTEGER NOT NULL DEFAULT 0,
  transports TEXT,                             -- JSON array
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- Whether a second factor is required per role (set by the admin). In production it is required for every
-- local account whatever this says (see src/app/second-factor.ts).
CREATE TABLE second_factor_policy (
  role TEXT PRIMARY KEY CHECK (role IN ('consulent', 'teamleider', 'admin')),
  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  updated_at TEXT
);
INSERT INTO second_factor_policy (role, required) VALUES ('consulent', 0), ('teamleider', 0), ('admin', 0);
