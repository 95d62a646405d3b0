-- Issue 17: caseload signals straight from providers' reports. The facts in client_status:
-- dropout_risk_on: the period end of the latest live report (submitted or accepted) when it flags "dreigende uitval";
-- provider_milestone_until: 30 days after a consulent accepted a report with a level (A1 or higher) or a completed
-- component. Existing statuses are marked stale so the start-up refresh computes them.
ALTER TABLE client_status ADD COLUMN dropout_risk_on TEXT;
ALTER TABLE client_status ADD COLUMN provider_milestone_until TEXT;
UPDATE client_status SET computed_on = '1970-01-01';
