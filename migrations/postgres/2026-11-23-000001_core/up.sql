-- Organisations: union levels form a hierarchy through parent_id; agencies serve cases.
CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('national_union', 'provincial_union', 'city_union',
        'district_union', 'grassroots_union', 'agency')),
    parent_id TEXT REFERENCES organisations (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE teams (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX teams_organisation ON teams (organisation_id);

-- Users: enough for an actor on every change; accounts extend this table later.
CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('social_worker', 'supervisor', 'union_officer', 'administrator')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX users_organisation ON users (organisation_id);

-- Clients (服务对象): no national ID number, by design.
CREATE TABLE clients (
    id TEXT PRIMARY KEY NOT NULL,
    full_name TEXT NOT NULL,
    gender TEXT CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
    birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2200),
    phone TEXT,
    employer TEXT,
    union_member BOOLEAN NOT NULL DEFAULT FALSE,
    union_id TEXT REFERENCES organisations (id),
    district TEXT,
    special_groups TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX clients_name ON clients (full_name);
CREATE INDEX clients_phone ON clients (phone);

-- One counter row per year hands out case reference numbers (CW-2026-000123).
CREATE TABLE case_reference_counters (
    year INTEGER PRIMARY KEY NOT NULL,
    last_number BIGINT NOT NULL
);

CREATE TABLE cases (
    id TEXT PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    case_type TEXT NOT NULL CHECK (case_type IN ('counselling', 'family_mediation', 'labour_dispute', 'special_group')),
    client_id TEXT NOT NULL REFERENCES clients (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    team_id TEXT REFERENCES teams (id),
    assigned_worker_id TEXT REFERENCES users (id),
    stage TEXT NOT NULL CHECK (stage IN ('intake', 'assessment', 'contract', 'intervention', 'closure', 'closed')),
    risk_level TEXT CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
    -- Optimistic concurrency: every change to the case or its records bumps it.
    version BIGINT NOT NULL CHECK (version >= 1),
    created_by TEXT NOT NULL REFERENCES users (id),
    opened_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP
);
CREATE INDEX cases_worker_stage ON cases (assigned_worker_id, stage, updated_at);
CREATE INDEX cases_organisation_stage ON cases (organisation_id, stage, updated_at);
CREATE INDEX cases_team ON cases (team_id, stage);
CREATE INDEX cases_client ON cases (client_id);
CREATE INDEX cases_updated ON cases (updated_at);

CREATE TABLE intake_records (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    channel TEXT CHECK (channel IN ('union_referral', 'self_referral_online', 'hotline', 'walk_in', 'outreach_screening')),
    presenting_problem TEXT,
    urgency TEXT CHECK (urgency IN ('routine', 'soon', 'urgent', 'emergency')),
    consent_service BOOLEAN NOT NULL DEFAULT FALSE,
    consent_sensitive BOOLEAN NOT NULL DEFAULT FALSE,
    guardian_consent BOOLEAN NOT NULL DEFAULT FALSE,
    consent_recorded_by TEXT REFERENCES users (id),
    consent_recorded_at TIMESTAMP,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE assessment_records (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    physiological TEXT,
    psychological TEXT,
    social TEXT,
    risk_level TEXT CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
    risk_screening TEXT,
    needs TEXT,
    strengths TEXT,
    who5_baseline INTEGER CHECK (who5_baseline BETWEEN 0 AND 100),
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE contract_records (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    services TEXT,
    frequency TEXT,
    client_agreed BOOLEAN NOT NULL DEFAULT FALSE,
    agreed_on DATE,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE goals (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    indicator TEXT,
    target_date DATE,
    -- Goal attainment scale, rated at closure.
    attainment INTEGER CHECK (attainment BETWEEN -2 AND 2),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX goals_case ON goals (case_id, position);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    held_on DATE NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    mode TEXT NOT NULL CHECK (mode IN ('face_to_face', 'phone', 'online', 'home_visit', 'group')),
    participants TEXT,
    notes TEXT,
    services_delivered TEXT,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_case ON sessions (case_id, held_on);

CREATE TABLE closure_records (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    reason TEXT CHECK (reason IN ('goals_achieved', 'service_declined', 'referred_out', 'client_unreachable', 'moved_away', 'other')),
    who5_closing INTEGER CHECK (who5_closing BETWEEN 0 AND 100),
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    summary TEXT,
    follow_up_plan TEXT,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE counselling_details (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    concern TEXT CHECK (concern IN ('stress', 'anxiety', 'grief', 'trauma', 'work_pressure', 'other')),
    self_harm_screening TEXT,
    preferred_mode TEXT CHECK (preferred_mode IN ('face_to_face', 'phone', 'online', 'home_visit', 'group')),
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE mediation_details (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    parties TEXT,
    conflict TEXT,
    agreement_reached BOOLEAN,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE labour_dispute_details (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    employer TEXT,
    category TEXT CHECK (category IN ('wage_arrears', 'contract', 'dismissal', 'work_injury', 'social_insurance', 'working_hours', 'collective')),
    workers_affected INTEGER CHECK (workers_affected >= 1),
    -- Money in fen (1/100 yuan), never floating point.
    amount_in_dispute BIGINT CHECK (amount_in_dispute >= 0),
    route TEXT CHECK (route IN ('consultation', 'mediation', 'arbitration', 'litigation')),
    outcome TEXT,
    amount_recovered BIGINT CHECK (amount_recovered >= 0),
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE special_group_details (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),
    groups TEXT NOT NULL DEFAULT '',
    needs TEXT NOT NULL DEFAULT '',
    resources_linked TEXT,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

-- The transition log: append-only, one row per accepted transition, written in the
-- same transaction as the stage change. version_after orders a case's rows.
CREATE TABLE case_transitions (
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

CREATE FUNCTION refuse_change_to_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER case_transitions_append_only BEFORE UPDATE OR DELETE ON case_transitions
FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER case_transitions_no_truncate BEFORE TRUNCATE ON case_transitions
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
