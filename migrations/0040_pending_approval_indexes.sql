-- Partial indexes on the items waiting for a teamleider's approval (four-eyes). The team caseload page counts
-- them on every view; without these, SQLite reads every route decision, decision and conversation of the
-- team's clients to check approval_status (bench, 25,000 clients: 18 ms CPU per count; with them 0.2 ms).
-- Only PENDING rows are indexed, so the indexes stay tiny and cost nothing on inserts of ordinary rows.
CREATE INDEX route_decisions_pending ON route_decisions (client_id) WHERE approval_status = 'PENDING';
CREATE INDEX decisions_pending ON decisions (client_id) WHERE approval_status = 'PENDING';
CREATE INDEX conversations_pending ON conversations (client_id) WHERE approval_status = 'PENDING';
