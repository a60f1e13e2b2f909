-- Indexes of the evaluation report (docs/reports.md): each of its aggregates
-- reads one period through an index instead of scanning every case.
-- The last move of the log (whether the stored stages are those at the period's end)
-- and the moves within a period (stays that ended in it).
CREATE INDEX case_transitions_time ON case_transitions (occurred_at);
-- Cases closed in a period.
CREATE INDEX case_transitions_to_time ON case_transitions (to_stage, occurred_at);
-- Cases one team opened in a period.
CREATE INDEX cases_team_opened ON cases (team_id, opened_at);
-- The members of a union tree (the union roll-up's scope).
CREATE INDEX clients_union ON clients (union_id);
-- Referrals an agency received in a period, and referrals out in a period.
CREATE INDEX referrals_agency_created ON referrals (agency_id, created_at);
CREATE INDEX outbound_referrals_time ON outbound_referrals (referred_at);
