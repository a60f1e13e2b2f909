-- When the case entered the stage a log entry leaves: the entry before it that
-- moved the case to another stage, or the case's opening. Written with each
-- entry so that the evaluation report's stays (docs/reports.md) are a scan of
-- the entries in the period instead of a lookup of the previous move for each.
ALTER TABLE case_transitions ADD COLUMN stage_entered_at TIMESTAMP;

-- The log is append-only; the trigger is lifted for this one backfill.
ALTER TABLE case_transitions DISABLE TRIGGER case_transitions_append_only;
UPDATE case_transitions AS t SET stage_entered_at = COALESCE(
    (SELECT p.occurred_at FROM case_transitions p
     WHERE p.case_id = t.case_id AND p.version_after < t.version_after AND p.from_stage <> p.to_stage
     ORDER BY p.version_after DESC LIMIT 1),
    (SELECT c.opened_at FROM cases c WHERE c.id = t.case_id));
ALTER TABLE case_transitions ENABLE TRIGGER case_transitions_append_only;
ALTER TABLE case_transitions ALTER COLUMN stage_entered_at SET NOT NULL;

-- Whether a closed case has a rated goal, and the goals' attainment, read from
-- the index alone (the closed cases' pass of the evaluation report).
CREATE INDEX goals_case_attainment ON goals (case_id, attainment);
