CREATE INDEX cases_worker_stage ON cases (assigned_worker_id, stage, updated_at);
DROP INDEX cases_worker_stage_updated;
