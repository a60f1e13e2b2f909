CREATE TABLE case_transitions_old (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    version_after BIGINT NOT NULL,
    transition TEXT NOT NULL CHECK (transition IN ('advance', 'step_back', 'close_early', 'approve_closure', 'send_back', 'reopen')),
    from_stage TEXT NOT NULL CHECK (from_stage IN ('intake', 'assessment', 'contract', 'intervention', 'closure', 'closed')),
    to_stage TEXT NOT NULL CHECK (to_stage IN ('intake', 'assessment', 'contract', 'intervention', 'closure', 'closed')),
    actor_id TEXT NOT NULL REFERENCES users (id),
    reason TEXT,
    closure_reason TEXT CHECK (closure_reason IN ('goals_achieved', 'service_declined', 'referred_out', 'client_unreachable', 'moved_away', 'other')),
    occurred_at TIMESTAMP NOT NULL,
    UNIQUE (case_id, version_after)
);
-- Fails on a log that holds the new transitions: they cannot be expressed before this migration.
INSERT INTO case_transitions_old SELECT id, case_id, version_after, transition, from_stage, to_stage,
        actor_id, reason, closure_reason, occurred_at FROM case_transitions;
DROP TABLE case_transitions;
ALTER TABLE case_transitions_old RENAME TO case_transitions;
CREATE INDEX case_transitions_case_time ON case_transitions (case_id, occurred_at);
CREATE TRIGGER case_transitions_no_update BEFORE UPDATE ON case_transitions
BEGIN
    SELECT RAISE(ABORT, 'case_transitions is append-only');
END;
CREATE TRIGGER case_transitions_no_delete BEFORE DELETE ON case_transitions
BEGIN
    SELECT RAISE(ABORT, 'case_transitions is append-only');
END;
DROP INDEX goals_case_target;
DROP INDEX cases_team_worker_stage_risk;
DROP TABLE case_assignments;
DROP TABLE supervision_notes;
DROP TABLE approval_requests;
DROP TABLE approval_policies;
