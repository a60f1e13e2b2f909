DROP TABLE notifications;
DROP TABLE case_transfers;
DROP TABLE outbound_referrals;
DROP TABLE resources;
DROP TABLE referral_events;
DROP TABLE referrals;
DROP TABLE service_agreements;
