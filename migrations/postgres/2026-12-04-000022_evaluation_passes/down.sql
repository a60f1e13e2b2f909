DROP TABLE evaluation_closings;
DROP TABLE evaluation_stays;
ALTER TABLE case_transitions DROP COLUMN stage_entered_at;
