-- The contact log (issue 21): every contact with or about the client, replacing the contact attempts. The
-- table keeps its name (timeline events and the data export refer to it) and is rebuilt for the new channels
-- and the participants; every existing attempt is carried over with its id, date, note and author.
-- Channels: the old SMS becomes BERICHTEN ("WhatsApp, sms of ander bericht"); the others keep their code.
-- Participants: a comma-separated list of codes; an old attempt was an attempt to reach the client (CLIENT).

CREATE TABLE contact_log (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  attempted_on TEXT NOT NULL,                 -- the day of the contact
  channel TEXT NOT NULL CHECK (channel IN ('KANTOOR', 'HUISBEZOEK', 'TELEFOON', 'VIDEO', 'EMAIL', 'BERICHTEN',
    'BRIEF', 'VIA_PARTNER', 'VIA_NETWERK')),
  participants TEXT NOT NULL DEFAULT 'CLIENT' CHECK (participants <> ''),
  with_client INTEGER NOT NULL DEFAULT 1 CHECK (with_client IN (0, 1)), -- CLIENT is among the participants
  reached INTEGER NOT NULL CHECK (reached IN (0, 1)),
  note TEXT,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL
);

INSERT INTO contact_log (id, client_id, attempted_on, channel, participants, with_client, reached, note, created_by, created_at)
SELECT id, client_id, attempted_on, CASE channel WHEN 'SMS' THEN 'BERICHTEN' ELSE channel END, 'CLIENT', 1, reached, note,
  created_by, created_at
FROM contact_attempts;

DROP TABLE contact_attempts;
ALTER TABLE contact_log RENAME TO contact_attempts;
CREATE INDEX contact_attempts_client ON contact_attempts (client_id, attempted_on);
CREATE INDEX contact_attempts_reached ON contact_attempts (client_id, with_client, reached, attempted_on);

-- The no-contact signal's facts: the last reached contact with the client (contact log, conversations, intake)
-- and the day from which the signal shows (that day, or the registration, plus the days of the rules).
ALTER TABLE client_status ADD COLUMN last_client_contact_on TEXT;
ALTER TABLE client_status ADD COLUMN contact_due_on TEXT;

-- Existing statuses lack these facts: mark them stale so the start-up refresh recomputes them.
UPDATE client_status SET computed_on = '1970-01-01';
