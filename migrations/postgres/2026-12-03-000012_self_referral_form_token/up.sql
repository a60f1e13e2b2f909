-- The public form carries a random token; a second submission with the same
-- token (a double tap, a resent form) finds the referral the first one made
-- instead of making another. Unique, so two submissions at once cannot both insert.
ALTER TABLE referrals ADD COLUMN form_token TEXT;
CREATE UNIQUE INDEX referrals_form_token ON referrals (form_token);
