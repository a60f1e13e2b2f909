DROP INDEX clients_created_by;
DROP INDEX goals_target;
DROP INDEX case_transitions_case_time;
DROP INDEX cases_worker_updated;
DROP INDEX cases_org_risk_updated;
DROP INDEX cases_org_reference;
DROP INDEX cases_org_opened;
DROP INDEX cases_org_updated;
