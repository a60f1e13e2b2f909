DROP INDEX outbound_referrals_time;
DROP INDEX referrals_agency_created;
DROP INDEX clients_union;
DROP INDEX cases_team_opened;
DROP INDEX case_transitions_to_time;
DROP INDEX case_transitions_time;
