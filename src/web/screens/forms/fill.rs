//! The stored records as form values: what each form shows before anyone types.
//! The inverse of `parse`, with the same field names.

use chrono::NaiveDate;

use super::fen_to_yuan;
use crate::db::details::CaseDetails;
use crate::db::records::StageRecords;
use crate::views::case_page::StoredForms;
use crate::views::stage_forms::FormValues;

const DATE: &str = "%Y-%m-%d";

/// Every form's stored values. `today` is the default date of a new session.
pub fn stored_forms(
    records: &StageRecords,
    details: Option<&CaseDetails>,
    today: NaiveDate,
) -> StoredForms {
    let mut intake = FormValues::default();
    if let Some(r) = &records.intake {
        intake.push_opt("channel", r.channel.as_ref());
        intake.push_opt("presenting_problem", r.presenting_problem.as_ref());
        intake.push_opt("urgency", r.urgency.as_ref());
        intake.push_flag("consent_service", r.consent_service);
        intake.push_flag("consent_sensitive", r.consent_sensitive);
        intake.push_flag("guardian_consent", r.guardian_consent);
    }

    let mut assessment = FormValues::default();
    if let Some(r) = &records.assessment {
        assessment.push_opt("physiological", r.physiological.as_ref());
        assessment.push_opt("psychological", r.psychological.as_ref());
        assessment.push_opt("social", r.social.as_ref());
        assessment.push_opt("risk_level", r.risk_level.as_ref());
        assessment.push_opt("risk_screening", r.risk_screening.as_ref());
        assessment.push_opt("needs", r.needs.as_ref());
        assessment.push_opt("strengths", r.strengths.as_ref());
        assessment.push_opt("who5_saved", r.who5_baseline);
    }

    let mut contract = FormValues::default();
    for (i, g) in records.goals.iter().enumerate() {
        contract.push(format!("goals.{i}.id"), g.id.clone());
        contract.push(format!("goals.{i}.description"), g.description.clone());
        contract.push_opt(format!("goals.{i}.indicator"), g.indicator.as_ref());
        contract.push_opt(
            format!("goals.{i}.target_date"),
            g.target_date.map(|d| d.format(DATE)),
        );
    }
    if let Some(r) = &records.contract {
        contract.push_opt("services", r.services.as_ref());
        contract.push_opt("frequency", r.frequency.as_ref());
        contract.push_flag("client_agreed", r.client_agreed);
        contract.push_opt("agreed_on", r.agreed_on.map(|d| d.format(DATE)));
    }

    let mut session = FormValues::default();
    session.push("held_on", today.format(DATE).to_string());

    let mut closure = FormValues::default();
    for (i, g) in records.goals.iter().enumerate() {
        closure.push(format!("gas_id.{i}"), g.id.clone());
        closure.push_opt(format!("gas.{i}"), g.attainment);
    }
    if let Some(r) = &records.closure {
        closure.push_opt("reason", r.reason.as_ref());
        closure.push_opt("who5_saved", r.who5_closing);
        closure.push_opt("satisfaction", r.satisfaction);
        closure.push_opt("summary", r.summary.as_ref());
        closure.push_opt("follow_up_plan", r.follow_up_plan.as_ref());
    }

    StoredForms {
        intake,
        assessment,
        contract,
        session,
        closure,
        details: details.map(details_values).unwrap_or_default(),
    }
}

fn details_values(details: &CaseDetails) -> FormValues {
    let mut v = FormValues::default();
    match details {
        CaseDetails::Counselling(d) => {
            v.push_opt("concern", d.concern.as_ref());
            v.push_opt("self_harm_screening", d.self_harm_screening.as_ref());
            v.push_opt("preferred_mode", d.preferred_mode.as_ref());
        }
        CaseDetails::FamilyMediation(d) => {
            v.push_opt("parties", d.parties.as_ref());
            v.push_opt("conflict", d.conflict.as_ref());
            v.push_opt(
                "agreement_reached",
                d.agreement_reached.map(|a| if a { "yes" } else { "no" }),
            );
        }
        CaseDetails::LabourDispute(d) => {
            v.push_opt("employer", d.employer.as_ref());
            v.push_opt("category", d.category.as_ref());
            v.push_opt("workers_affected", d.workers_affected);
            v.push_opt("amount_in_dispute", d.amount_in_dispute.map(fen_to_yuan));
            v.push_opt("route", d.route.as_ref());
            v.push_opt("outcome", d.outcome.as_ref());
            v.push_opt("amount_recovered", d.amount_recovered.map(fen_to_yuan));
        }
        CaseDetails::SpecialGroup(d) => {
            for g in d.groups.split(',').filter(|g| !g.is_empty()) {
                v.push("groups", g);
            }
            for n in d.needs.split(',').filter(|n| !n.is_empty()) {
                v.push("needs", n);
            }
            v.push_opt("resources_linked", d.resources_linked.as_ref());
        }
    }
    v
}
