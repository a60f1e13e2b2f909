-- Referrals in (a union officer's referral, or a worker's online self-referral),
-- their history, the resource directory and referrals out (转介), transfers of a
-- case, and in-app notifications.

-- Which agencies a union may refer members to (its service agreements). A union
-- may also use the agreements of the unions above it.
CREATE TABLE service_agreements (
    union_id TEXT NOT NULL REFERENCES organisations (id),
    agency_id TEXT NOT NULL REFERENCES organisations (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (union_id, agency_id)
);
CREATE INDEX service_agreements_agency ON service_agreements (agency_id);

CREATE TABLE referrals (
    id TEXT PRIMARY KEY NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('union', 'self')),
    -- For a union referral: the referring union and officer.
    union_id TEXT REFERENCES organisations (id),
    referred_by TEXT REFERENCES users (id),
    agency_id TEXT NOT NULL REFERENCES organisations (id),
    member_name TEXT NOT NULL,
    member_phone TEXT,
    member_gender TEXT CHECK (member_gender IN ('female', 'male', 'other', 'undisclosed')),
    member_birth_year INTEGER,
    member_employer TEXT,
    contact_time TEXT,
    concern TEXT NOT NULL,
    suggested_type TEXT CHECK (suggested_type IN ('counselling', 'family_mediation', 'labour_dispute', 'special_group')),
    urgency TEXT NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent', 'emergency')),
    consent_by TEXT NOT NULL,
    consent_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('received', 'info_requested', 'accepted', 'declined')),
    case_id TEXT UNIQUE REFERENCES cases (id),
    outcome_summary TEXT,
    -- Self-referrals: SHA-256 of the receipt code, and where the form came from (rate limits).
    receipt_hash TEXT UNIQUE,
    client_address TEXT,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (source = 'self' OR (union_id IS NOT NULL AND referred_by IS NOT NULL))
);
CREATE INDEX referrals_agency_status ON referrals (agency_id, status, created_at);
CREATE INDEX referrals_union ON referrals (union_id, created_at);
CREATE INDEX referrals_address ON referrals (client_address, created_at);

-- Every step of a referral, append-only.
CREATE TABLE referral_events (
    id TEXT PRIMARY KEY NOT NULL,
    referral_id TEXT NOT NULL REFERENCES referrals (id),
    kind TEXT NOT NULL CHECK (kind IN ('received', 'info_requested', 'info_added', 'accepted', 'declined', 'outcome')),
    actor_id TEXT REFERENCES users (id),
    note TEXT,
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, occurred_at);

-- The resource directory administrators keep.
CREATE TABLE resources (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('legal_aid', 'hospital', 'psychological_hotline', 'womens_federation', 'employment_training', 'civil_affairs', 'other')),
    contact TEXT,
    address TEXT,
    notes TEXT,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Referrals out (转介) from a case to a resource.
CREATE TABLE outbound_referrals (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    resource_id TEXT NOT NULL REFERENCES resources (id),
    request TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'completed', 'declined', 'no_response')),
    feedback TEXT,
    referred_by TEXT NOT NULL REFERENCES users (id),
    referred_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX outbound_referrals_case ON outbound_referrals (case_id, referred_at);
CREATE INDEX outbound_referrals_resource ON outbound_referrals (resource_id, referred_at);

-- A case handed to another worker or agency; the receiving side accepts it.
CREATE TABLE case_transfers (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    from_organisation_id TEXT NOT NULL REFERENCES organisations (id),
    from_worker_id TEXT REFERENCES users (id),
    to_organisation_id TEXT NOT NULL REFERENCES organisations (id),
    to_worker_id TEXT REFERENCES users (id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
    requested_by TEXT NOT NULL REFERENCES users (id),
    requested_at TIMESTAMP NOT NULL,
    decided_by TEXT REFERENCES users (id),
    decided_at TIMESTAMP,
    decision_note TEXT
);
CREATE INDEX case_transfers_case ON case_transfers (case_id, requested_at);
CREATE INDEX case_transfers_to ON case_transfers (to_organisation_id, status);
-- At most one open transfer per case.
CREATE UNIQUE INDEX case_transfers_one_pending ON case_transfers (case_id) WHERE status = 'pending';

-- In-app notifications. The text is made at display time in the reader's language
-- from the kind and a label (a case reference or a referral's member alias).
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('referral_received', 'referral_info_requested', 'referral_info_added', 'referral_accepted', 'referral_declined', 'transfer_requested', 'transfer_accepted', 'transfer_declined', 'case_assigned')),
    label TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, created_at);

CREATE TRIGGER referral_events_append_only BEFORE UPDATE OR DELETE ON referral_events
FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
CREATE TRIGGER referral_events_no_truncate BEFORE TRUNCATE ON referral_events
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
