//! Gathers the [`CaseFacts`] the workflow guards read.

use chrono::Datelike;
use diesel::prelude::*;

use super::cases::Case;
use super::records::{AssessmentRecord, ClosureRecord, ContractRecord, IntakeRecord, load_record};
use super::schema::*;
use super::{DbConnection, StoreResult, now};
use crate::domain::facts::CaseFacts;

/// Whether a client born in `birth_year` may be under 14 in `this_year`.
///
/// Only the year of birth is stored (collect no more than needed), so a client
/// who turns 14 this year may still be 13: the guardian's consent is asked for
/// whenever the client could be under 14.
pub fn may_be_under_14(birth_year: Option<i32>, this_year: i32) -> bool {
    birth_year.is_some_and(|y| this_year - y <= 14)
}

fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// Reads what has been recorded on a case.
pub fn gather(conn: &mut DbConnection, case: &Case) -> StoreResult<CaseFacts> {
    let id = case.id.as_str();
    let birth_year: Option<i32> = clients::table
        .find(&case.client_id)
        .select(clients::birth_year)
        .first(conn)?;
    let intake = load_record!(conn, intake_records, IntakeRecord, id);
    let assessment = load_record!(conn, assessment_records, AssessmentRecord, id);
    let contract = load_record!(conn, contract_records, ContractRecord, id);
    let closure = load_record!(conn, closure_records, ClosureRecord, id);
    let goals: Vec<(Option<String>, Option<i32>)> = goals::table
        .filter(goals::case_id.eq(id))
        .select((goals::indicator, goals::attainment))
        .load(conn)?;
    let session_count: i64 = sessions::table
        .filter(sessions::case_id.eq(id))
        .count()
        .get_result(conn)?;

    let policy =
        super::supervision::policies::policy_for(conn, &case.organisation_id, &case.case_type)?;
    let awaiting = super::supervision::approvals::awaiting(conn, id)?;

    let mut f = CaseFacts {
        plan_approval_required: policy.plan_required,
        closure_approval_required: policy.closure_required,
        plan_submitted: matches!(
            awaiting,
            Some((crate::domain::supervision::ApprovalKind::Plan, _, _))
        ),
        assigned_worker: case.assigned_worker_id.is_some(),
        client_under_14: may_be_under_14(birth_year, now().year()),
        goal_count: goals.len(),
        goals_measurable: goals.iter().all(|(indicator, _)| filled(indicator)),
        goals_without_attainment: goals.iter().filter(|(_, a)| a.is_none()).count(),
        session_count: usize::try_from(session_count).unwrap_or(usize::MAX),
        ..CaseFacts::default()
    };
    if let Some(r) = intake {
        f.intake_channel = r.channel.is_some();
        f.presenting_problem = filled(&r.presenting_problem);
        f.urgency = r.urgency.is_some();
        f.consent_service = r.consent_service;
        f.consent_sensitive = r.consent_sensitive;
        f.guardian_consent = r.guardian_consent;
    }
    if let Some(r) = assessment {
        f.physiological = filled(&r.physiological);
        f.psychological = filled(&r.psychological);
        f.social = filled(&r.social);
        f.risk_level = r.risk_level.is_some();
        f.risk_screening = filled(&r.risk_screening);
        f.who5_baseline = r.who5_baseline.is_some();
    }
    if let Some(r) = contract {
        f.services = filled(&r.services) && filled(&r.frequency);
        f.client_agreement = r.client_agreed && r.agreed_on.is_some();
    }
    if let Some(r) = closure {
        f.closure_reason = r.reason.is_some();
        f.who5_closing = r.who5_closing.is_some();
        f.satisfaction = r.satisfaction.is_some();
        f.summary = filled(&r.summary);
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::may_be_under_14;

    #[test]
    fn asks_for_a_guardian_when_the_client_could_be_13() {
        assert!(may_be_under_14(Some(2012), 2026));
        assert!(!may_be_under_14(Some(2011), 2026));
        assert!(!may_be_under_14(None, 2026));
    }
}
