DROP INDEX goals_case_attainment;
ALTER TABLE case_transitions DROP COLUMN stage_entered_at;
