-- Caseload signals for absence, enforcement, exams and extension (issues 10 and 12): the facts they need are
-- kept in client_status like the other signals, so the caseload pages filter and count them in SQL.

ALTER TABLE client_status ADD COLUMN absence_period TEXT;          -- 'yyyy-MM': latest month (this or last) with planned hours
ALTER TABLE client_status ADD COLUMN absence_pct REAL;             -- unexcused absence % in that month
ALTER TABLE client_status ADD COLUMN absence_signal INTEGER NOT NULL DEFAULT 0; -- above the route's threshold
ALTER TABLE client_status ADD COLUMN enforcement_case_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE client_status ADD COLUMN enforcement_next_step TEXT;   -- StepKind of the open case's next step
ALTER TABLE client_status ADD COLUMN enforcement_next_due TEXT;    -- its due date
ALTER TABLE client_status ADD COLUMN exam_no_result_since TEXT;    -- earliest exam date without a result
ALTER TABLE client_status ADD COLUMN exams_registered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE client_status ADD COLUMN extended INTEGER NOT NULL DEFAULT 0; -- termijn extension decided

-- Existing statuses lack these facts: mark them stale so the start-up refresh recomputes them.
UPDATE client_status SET computed_on = '1970-01-01';
