DROP INDEX referrals_form_token;
ALTER TABLE referrals DROP COLUMN form_token;
