-- A provider's hour report between preview and confirmation: the parsed rows are kept server-side,
-- keyed by the file's sha256, so the consulent confirms exactly what was previewed (re-validated at confirm).
CREATE TABLE hour_import_drafts (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  rows_json TEXT NOT NULL,                    -- JSON array of the raw rows (strings as in the file)
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  imported_at TEXT,                           -- set when confirmed; a draft is used once
  UNIQUE (created_by, file_sha256)
);
