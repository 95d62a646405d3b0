-- Caseload pages: indexes for filtering and sorting client_status per team, and saved filters per user.

CREATE INDEX client_status_team_consulent ON client_status (team_id, consulent_id, closed_on);
CREATE INDEX client_status_team_termijn ON client_status (team_id, termijn_end);
CREATE INDEX client_status_team_next_conversation ON client_status (team_id, next_conversation_due);

CREATE TABLE saved_filters (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,                        -- the validated query string of the caseload filters
  created_at TEXT NOT NULL,
  UNIQUE (user_id, name)
);
