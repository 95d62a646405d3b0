-- Issue 19: documents on the dossier (content-addressed files, metadata here) and formal letters from
-- admin-editable, versioned templates.

-- The admin-maintained list of document types. `code` marks the types the application itself needs
-- (BRIEF: generated letters); the others are free to rename or deactivate.
CREATE TABLE document_types (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  code TEXT UNIQUE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO document_types (name, code, sort_order) VALUES
  ('PVT getekend', 'PVT', 10),
  ('Eindrapport aanbieder', 'EINDRAPPORT', 20),
  ('Certificaat', 'CERTIFICAAT', 30),
  ('Medische verklaring', 'MEDISCH', 40),
  ('Portfolio', 'PORTFOLIO', 50),
  ('Brief', 'BRIEF', 60),
  ('Overig', 'OVERIG', 70);

-- One document of a client. Its content is in document_versions (a new version never overwrites one).
-- Removing keeps the row (removed_at + reason); the file goes by the retention rules, not by hand.
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  type_id INTEGER NOT NULL REFERENCES document_types (id),
  document_date TEXT NOT NULL,
  description TEXT NOT NULL,
  link_table TEXT CHECK (link_table IN ('conversations', 'decisions', 'placements', 'enforcement_steps')),
  link_id INTEGER,
  shared_with_provider INTEGER NOT NULL DEFAULT 0 CHECK (shared_with_provider IN (0, 1)),
  removed_at TEXT,
  removed_by INTEGER REFERENCES users (id),
  remove_reason TEXT,
  version INTEGER NOT NULL DEFAULT 1,         -- optimistic concurrency of the metadata
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((link_table IS NULL) = (link_id IS NULL)),
  CHECK (removed_at IS NULL OR remove_reason IS NOT NULL)
);
CREATE INDEX documents_client ON documents (client_id, document_date);
CREATE INDEX documents_link ON documents (link_table, link_id);

-- The files of a document, version 1, 2, ...; sha256 names the file under DOCUMENTS_PATH.
-- letter_data: for a generated letter, the template version and the data it was made from (JSON).
CREATE TABLE document_versions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  version_no INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  letter_data TEXT,
  uploaded_by INTEGER NOT NULL REFERENCES users (id),
  uploaded_at TEXT NOT NULL,
  UNIQUE (document_id, version_no)
);
CREATE INDEX document_versions_sha ON document_versions (sha256);

CREATE TRIGGER document_versions_no_update BEFORE UPDATE ON document_versions
BEGIN
  SELECT RAISE(ABORT, 'document_versions is append-only');
END;

-- Letter texts per kind, versioned like the rules: a save appends a version; the newest is in force.
-- fields: JSON object of the kind's text fields (subject, paragraphs, sender, signature, ...).
CREATE TABLE letter_template_versions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('AFZENDER', 'PIP_BESCHIKKING', 'UITNODIGING_VOORTGANG', 'UITNODIGING_PRE_EIND',
    'UITNODIGING_EIND', 'AFSPRAKENPLAN')),
  version_no INTEGER NOT NULL,
  fields TEXT NOT NULL,
  note TEXT,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  UNIQUE (kind, version_no)
);

INSERT INTO app_settings (key, value) VALUES ('documents_max_bytes', '10485760');
