-- The intake queue is ordered most urgent first, then oldest, in SQL and page by
-- page (keyset), so that an emergency is never behind a page limit. Urgency is a
-- code; its rank is stored beside it (written by the application from
-- `Urgency::rank`, never changed afterwards: a referral's urgency is not edited)
-- so the order can come from an index.
ALTER TABLE referrals ADD COLUMN urgency_rank INTEGER NOT NULL DEFAULT 0;
UPDATE referrals SET urgency_rank = CASE urgency
    WHEN 'emergency' THEN 3
    WHEN 'urgent' THEN 2
    WHEN 'soon' THEN 1
    ELSE 0
END;
CREATE INDEX referrals_agency_queue ON referrals (agency_id, status, urgency_rank, created_at, id);
