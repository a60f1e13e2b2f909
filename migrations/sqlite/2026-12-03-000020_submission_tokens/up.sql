-- One row per form that created something, keyed by the one-time token the
-- form carried: a second POST of the same form (a double click, a reload after
-- a slow answer) finds the row and is sent where the first went instead of
-- creating a second case or note. The primary key makes two concurrent POSTs
-- of one token unable to both commit.
CREATE TABLE form_submissions (
    token TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('new_case', 'supervision_note')),
    created_id TEXT NOT NULL,
    location TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
