-- Supervision: approval policies per agency and case type, the approvals a case
-- awaits, supervision notes on records, the reassignment log, and the indexes of
-- the oversight screen.

-- Which approvals a case type needs in one agency. No row means both (the default).
CREATE TABLE approval_policies (
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    case_type TEXT NOT NULL CHECK (case_type IN ('counselling', 'family_mediation', 'labour_dispute', 'special_group')),
    plan_required BOOLEAN NOT NULL,
    closure_required BOOLEAN NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, case_type)
);

-- The approval a case awaits, if any: written and cleared by transitions, in the
-- same transaction (a rule's `awaits`).
CREATE TABLE approval_requests (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'closure')),
    requested_by TEXT NOT NULL REFERENCES users (id),
    requested_at TIMESTAMP NOT NULL
);
CREATE INDEX approval_requests_time ON approval_requests (requested_at, case_id);

-- A supervisor's comment on one record of a case. Append-only: a correction is a
-- new note.
CREATE TABLE supervision_notes (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('session', 'intake', 'assessment', 'contract', 'closure')),
    target_id TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX supervision_notes_case ON supervision_notes (case_id, created_at);
CREATE TRIGGER supervision_notes_append_only BEFORE UPDATE OR DELETE ON supervision_notes
FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER supervision_notes_no_truncate BEFORE TRUNCATE ON supervision_notes
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- Who held a case when: one row per reassignment. Append-only.
CREATE TABLE case_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    from_worker_id TEXT REFERENCES users (id),
    to_worker_id TEXT NOT NULL REFERENCES users (id),
    assigned_by TEXT NOT NULL REFERENCES users (id),
    reason TEXT,
    assigned_at TIMESTAMP NOT NULL
);
CREATE INDEX case_assignments_case ON case_assignments (case_id, assigned_at);
CREATE TRIGGER case_assignments_append_only BEFORE UPDATE OR DELETE ON case_assignments
FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER case_assignments_no_truncate BEFORE TRUNCATE ON case_assignments
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- The oversight screen counts a team's open cases per worker, stage and risk from
-- this index alone.
CREATE INDEX cases_team_worker_stage_risk ON cases (organisation_id, team_id, assigned_worker_id, stage, risk_level);
-- "A goal's target date has passed" per case.
CREATE INDEX goals_case_target ON goals (case_id, target_date);

-- New transition codes.
ALTER TABLE case_transitions DROP CONSTRAINT case_transitions_transition_check;
ALTER TABLE case_transitions ADD CONSTRAINT case_transitions_transition_check
    CHECK (transition IN ('advance', 'step_back', 'close_early', 'approve_closure', 'send_back', 'reopen', 'submit_plan', 'approve_plan', 'return_plan'));

-- Closures already waiting when this runs await their sign-off, since they entered closure.
INSERT INTO approval_requests (case_id, kind, requested_by, requested_at)
    SELECT c.id, 'closure',
        COALESCE((SELECT t.actor_id FROM case_transitions t WHERE t.case_id = c.id
                  ORDER BY t.version_after DESC LIMIT 1), c.created_by),
        COALESCE((SELECT MAX(t.occurred_at) FROM case_transitions t WHERE t.case_id = c.id),
                 c.updated_at)
    FROM cases c
    WHERE c.stage = 'closure';
