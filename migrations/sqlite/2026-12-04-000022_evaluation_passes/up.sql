-- When the case entered the stage a log entry leaves: the entry before it that
-- moved the case to another stage, or the case's opening. Written with each
-- entry, so that the length of the stay it ends is known from the entry alone
-- (evaluation_stays below) without a lookup of the previous move.
ALTER TABLE case_transitions ADD COLUMN stage_entered_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';

-- The log is append-only; the trigger is lifted for this one backfill.
DROP TRIGGER case_transitions_no_update;
UPDATE case_transitions AS t SET stage_entered_at = COALESCE(
    (SELECT p.occurred_at FROM case_transitions p
     WHERE p.case_id = t.case_id AND p.version_after < t.version_after AND p.from_stage <> p.to_stage
     ORDER BY p.version_after DESC LIMIT 1),
    (SELECT c.opened_at FROM cases c WHERE c.id = t.case_id));
CREATE TRIGGER case_transitions_no_update BEFORE UPDATE ON case_transitions
BEGIN
    SELECT RAISE(ABORT, 'case_transitions is append-only');
END;

-- What the evaluation report reads instead of the cases and their records
-- (docs/reports.md): one row per stay that ended, and one per closing, each
-- written in the same transaction as the log entry that ended it
-- (src/db/evaluation/snapshots.rs) with the case's agency, team, type, client
-- and worker of that moment. Rows are never changed: a closing keeps the
-- closure record, WHO-5 and goals as they were when the case was closed.
CREATE TABLE evaluation_stays (
    -- The log entry that ended the stay.
    id TEXT PRIMARY KEY NOT NULL REFERENCES case_transitions (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    organisation_id TEXT NOT NULL,
    team_id TEXT,
    case_type TEXT NOT NULL,
    client_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    ended_at TIMESTAMP NOT NULL,
    -- Whole hours from entering the stage to leaving it.
    hours BIGINT NOT NULL
);
-- Grouped by (stage, hours) in index order: the histogram needs no sort, and a
-- short period is still found by ended_at within each group.
CREATE INDEX evaluation_stays_agency ON evaluation_stays (organisation_id, stage, hours, ended_at);
CREATE INDEX evaluation_stays_team ON evaluation_stays (team_id, stage, hours, ended_at);
CREATE INDEX evaluation_stays_time ON evaluation_stays (ended_at);

CREATE TABLE evaluation_closings (
    -- The log entry into closed.
    id TEXT PRIMARY KEY NOT NULL REFERENCES case_transitions (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    organisation_id TEXT NOT NULL,
    team_id TEXT,
    case_type TEXT NOT NULL,
    client_id TEXT NOT NULL,
    worker_id TEXT,
    closed_at TIMESTAMP NOT NULL,
    reason TEXT,
    satisfaction INTEGER,
    who5_baseline INTEGER,
    who5_closing INTEGER,
    -- The case's goals by attainment when it closed.
    goals_minus_2 BIGINT NOT NULL,
    goals_minus_1 BIGINT NOT NULL,
    goals_0 BIGINT NOT NULL,
    goals_plus_1 BIGINT NOT NULL,
    goals_plus_2 BIGINT NOT NULL,
    goals_unrated BIGINT NOT NULL,
    -- When the case was closed again after a reopening (set then): a report
    -- counts a case once, with its last closing in the period.
    superseded_at TIMESTAMP
);
CREATE INDEX evaluation_closings_agency ON evaluation_closings (organisation_id, closed_at);
CREATE INDEX evaluation_closings_team ON evaluation_closings (team_id, closed_at);
CREATE INDEX evaluation_closings_time ON evaluation_closings (closed_at);
CREATE INDEX evaluation_closings_case ON evaluation_closings (case_id, closed_at);

-- The intake and stage-at-end figures read every case of an agency opened
-- before the period's end: this index answers them without visiting the cases
-- (it replaces the case list's (organisation_id, opened_at, id), its prefix).
-- The intake record's channel is copied onto the case when the record is saved
-- (snapshots::copy_intake_channel) for the same reason.
ALTER TABLE cases ADD COLUMN intake_channel TEXT;
DROP INDEX cases_org_opened;
CREATE INDEX cases_org_opened ON cases (organisation_id, opened_at, id, case_type, assigned_worker_id, stage, closed_at, intake_channel);

-- REBUILD: the log written before this migration, as stays and closings with
-- the records as they stand now (the best that is known of them). The demo
-- generator runs the statements from this marker on (snapshots::rebuild).
INSERT INTO evaluation_stays (id, case_id, organisation_id, team_id, case_type, client_id, stage, ended_at, hours)
SELECT t.id, t.case_id, c.organisation_id, c.team_id, c.case_type, c.client_id, t.from_stage, t.occurred_at,
       (CAST(unixepoch(t.occurred_at, 'subsec') - unixepoch(t.stage_entered_at, 'subsec') AS INTEGER) / 3600)
FROM case_transitions t JOIN cases c ON c.id = t.case_id
WHERE t.from_stage <> t.to_stage AND t.from_stage <> 'closed';
INSERT INTO evaluation_closings (id, case_id, organisation_id, team_id, case_type, client_id, worker_id, closed_at,
    reason, satisfaction, who5_baseline, who5_closing,
    goals_minus_2, goals_minus_1, goals_0, goals_plus_1, goals_plus_2, goals_unrated)
SELECT t.id, t.case_id, c.organisation_id, c.team_id, c.case_type, c.client_id, c.assigned_worker_id, t.occurred_at,
       cr.reason, cr.satisfaction, a.who5_baseline, cr.who5_closing,
       COALESCE(g.minus_2, 0), COALESCE(g.minus_1, 0), COALESCE(g.zero, 0),
       COALESCE(g.plus_1, 0), COALESCE(g.plus_2, 0), COALESCE(g.unrated, 0)
FROM case_transitions t
JOIN cases c ON c.id = t.case_id
LEFT JOIN closure_records cr ON cr.case_id = t.case_id
LEFT JOIN assessment_records a ON a.case_id = t.case_id
LEFT JOIN (SELECT case_id,
                  SUM(CASE WHEN attainment = -2 THEN 1 ELSE 0 END) AS minus_2,
                  SUM(CASE WHEN attainment = -1 THEN 1 ELSE 0 END) AS minus_1,
                  SUM(CASE WHEN attainment = 0 THEN 1 ELSE 0 END) AS zero,
                  SUM(CASE WHEN attainment = 1 THEN 1 ELSE 0 END) AS plus_1,
                  SUM(CASE WHEN attainment = 2 THEN 1 ELSE 0 END) AS plus_2,
                  SUM(CASE WHEN attainment IS NULL THEN 1 ELSE 0 END) AS unrated
           FROM goals GROUP BY case_id) g ON g.case_id = t.case_id
WHERE t.to_stage = 'closed';
UPDATE cases SET intake_channel = (SELECT i.channel FROM intake_records i WHERE i.case_id = cases.id);
-- A closing followed by another of the same case is superseded by the next.
UPDATE evaluation_closings SET superseded_at = (
    SELECT MIN(n.closed_at) FROM evaluation_closings n
    WHERE n.case_id = evaluation_closings.case_id AND n.closed_at > evaluation_closings.closed_at)
WHERE case_id IN (SELECT m.case_id FROM evaluation_closings m GROUP BY m.case_id HAVING COUNT(*) > 1);
