-- Issue 22: the on-track figure of a past quarter reads a team's hours up to a date (src/db/targets.ts
-- teamHourFacts); this index holds every column it needs, so the read does not visit the hour rows themselves.
CREATE INDEX hour_entries_client_hours ON hour_entries (client_id, period_end, kind, hours, deleted_at) WHERE deleted_at IS NULL;
