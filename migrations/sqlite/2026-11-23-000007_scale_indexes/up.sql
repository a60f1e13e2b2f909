-- The case list filtered by worker and stage, newest change first (a worker's
-- "my cases in intervention"), read in index order from where the last page
-- stopped: the id breaks ties between equal times, as the list's order does.
-- It covers everything the older (worker, stage, updated) index did, which is
-- dropped so that a transition does not update two indexes for one purpose.
CREATE INDEX cases_worker_stage_updated ON cases (assigned_worker_id, stage, updated_at, id);
DROP INDEX cases_worker_stage;
