-- Accounts: a login name and an argon2id PHC hash; disabled users cannot sign in.
ALTER TABLE users ADD COLUMN username TEXT;
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN password_changed_at TIMESTAMP;
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;
-- Demo accounts are marked so that they can be told apart and removed.
ALTER TABLE users ADD COLUMN is_demo BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX users_username ON users (username);

-- Team membership; a supervisor supervises the teams they belong to.
CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

-- Sign-in sessions, stored so that several instances can share them. The id is the
-- SHA-256 of the cookie's token: a copy of this table does not give live sessions.
CREATE TABLE auth_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    client_address TEXT NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

-- One-time links that let the first administrator create their account.
CREATE TABLE setup_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);

-- The audit trail: every read and change of a case, every sign-in attempt, every
-- refused access. Append-only: no code path updates or deletes it, and triggers
-- refuse it on both backends.
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor_id TEXT REFERENCES users (id),
    action TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed')),
    record_type TEXT,
    record_id TEXT,
    case_id TEXT,
    client_address TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX audit_events_time ON audit_events (occurred_at);
CREATE INDEX audit_events_case ON audit_events (case_id, occurred_at);
CREATE INDEX audit_events_actor ON audit_events (actor_id, occurred_at);
CREATE INDEX audit_events_action_record ON audit_events (action, record_id, occurred_at);
CREATE INDEX audit_events_address ON audit_events (action, client_address, occurred_at);

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
