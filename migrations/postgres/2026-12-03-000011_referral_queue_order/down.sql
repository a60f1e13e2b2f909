DROP INDEX referrals_agency_queue;
ALTER TABLE referrals DROP COLUMN urgency_rank;
