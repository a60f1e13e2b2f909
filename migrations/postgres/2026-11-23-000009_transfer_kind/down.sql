ALTER TABLE case_transfers DROP COLUMN kind;
