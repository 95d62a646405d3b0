-- Issue 22: the waiting signal per step is a caseload signal (SIGNAL_SQL.WAITING in src/db/caseload.ts), read
-- from client_status like the no-contact signal: the step the client waits on, since when, and the first day the
-- wait is over the limit in force (the municipality's targets, src/domain/targets.ts) when the status was computed.
ALTER TABLE client_status ADD COLUMN waiting_step TEXT;          -- a LeadStep (src/domain/stations.ts), or NULL
ALTER TABLE client_status ADD COLUMN waiting_since TEXT;         -- the date of the station before that step
ALTER TABLE client_status ADD COLUMN waiting_too_long_on TEXT;   -- waiting_since + limit + 1 day

-- Existing statuses lack the waiting columns: mark them stale so the start-up refresh recomputes them.
UPDATE client_status SET computed_on = '1970-01-01';
