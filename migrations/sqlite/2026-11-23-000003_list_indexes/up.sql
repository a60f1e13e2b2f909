-- Indexes of the case list (keyset pages in each sort order) and the home page.
-- Each list order walks one index from where the last page stopped, so a page
-- costs the same at row 50 and at row 100,000.
CREATE INDEX cases_org_updated ON cases (organisation_id, updated_at, id);
CREATE INDEX cases_org_opened ON cases (organisation_id, opened_at, id);
CREATE INDEX cases_org_reference ON cases (organisation_id, reference);
-- Risk order reads one level at a time (critical, high, medium, low, none).
CREATE INDEX cases_org_risk_updated ON cases (organisation_id, risk_level, updated_at, id);
-- "Cases of this worker", in the default order.
CREATE INDEX cases_worker_updated ON cases (assigned_worker_id, updated_at, id);
-- When each case entered its stage (the home page's overdue intakes).
CREATE INDEX case_transitions_case_time ON case_transitions (case_id, occurred_at);
-- Due goals: open goals by target date.
CREATE INDEX goals_target ON goals (target_date);
-- Clients registered by an agency's staff (the client search's scope).
CREATE INDEX clients_created_by ON clients (created_by);
