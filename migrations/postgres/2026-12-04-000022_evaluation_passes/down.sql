DROP INDEX cases_org_opened;
CREATE INDEX cases_org_opened ON cases (organisation_id, opened_at, id);
ALTER TABLE cases DROP COLUMN intake_channel;
DROP TABLE evaluation_closings;
DROP TABLE evaluation_stays;
ALTER TABLE case_transitions DROP COLUMN stage_entered_at;
