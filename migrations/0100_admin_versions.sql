-- Optimistic concurrency for the admin (functioneel beheer) edit forms: every edit and (de)activation of a
-- team or list item carries the version it was loaded with and only succeeds when it still matches
-- (UPDATE ... WHERE id = ? AND version = ?). users already has this column (0001_foundation).
ALTER TABLE teams ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE leefdomeinen ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activity_kinds ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE providers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
