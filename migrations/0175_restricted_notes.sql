-- Restricted notes (issue 20): a sensitive note on a dossier (a Meldcode concern, medical details, a criminal
-- matter) that only the client's own consulent, the teamleider of the team and its author may read. Other
-- consulenten of the team see that it exists (kind and date) and open it only by giving a reason ("break the
-- glass"); each such opening is a row in restricted_note_access, shown to the teamleider.
CREATE TABLE restricted_notes (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  kind TEXT NOT NULL CHECK (kind IN ('MELDCODE', 'MEDISCH', 'JUSTITIE', 'OVERIG')),
  noted_on TEXT NOT NULL,                     -- the day the note is about (yyyy-MM-dd)
  body TEXT NOT NULL CHECK (body <> ''),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  -- The consulent chose to give this note along with the handover to another municipality, with a reason.
  handover_reason TEXT,
  handover_by INTEGER REFERENCES users (id),
  handover_at TEXT,
  CHECK ((handover_reason IS NULL) = (handover_at IS NULL))
);
CREATE INDEX restricted_notes_client ON restricted_notes (client_id, noted_on);

-- Break the glass: a consulent who may not read a note opened it with a reason. Valid on the day it was given.
CREATE TABLE restricted_note_access (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES restricted_notes (id),
  client_id INTEGER NOT NULL REFERENCES clients (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  reason TEXT NOT NULL CHECK (reason <> ''),
  opened_on TEXT NOT NULL,                    -- business date (yyyy-MM-dd)
  opened_at TEXT NOT NULL
);
CREATE INDEX restricted_note_access_note ON restricted_note_access (note_id, user_id, opened_on);
CREATE INDEX restricted_note_access_client ON restricted_note_access (client_id, opened_at);
