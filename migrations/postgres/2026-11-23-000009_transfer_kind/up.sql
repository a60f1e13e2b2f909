-- Tells a transfer the receiving side accepts from a supervisor's direct
-- reassignment within a team (recorded at once as accepted), so that the case's
-- history of who held it lives in one table.
ALTER TABLE case_transfers ADD COLUMN kind TEXT NOT NULL DEFAULT 'transfer'
    CHECK (kind IN ('transfer', 'reassignment'));
