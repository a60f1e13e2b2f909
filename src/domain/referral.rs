//! Referrals in: a union officer's referral of a member, or a worker's own online
//! request for help, on their way into an agency's intake queue.
//!
//! The referral has its own small lifecycle (received → information requested →
//! accepted or declined). Once accepted, what the union sees follows the case's
//! stage, but never the case's content: [`UnionStatus`] is all that crosses.

use chrono::NaiveDate;
use serde::Deserialize;

use super::validation::{Errors, FieldError, Problem};
use super::vocab::{CaseStage, CaseType, Gender, Urgency};
use crate::code_enum;

code_enum! {
    /// Where a referral came from.
    pub enum ReferralSource {
        /// A union officer referred a member.
        Union => "union",
        /// The worker asked through the public form.
        SelfReferral => "self",
    }
}

code_enum! {
    /// Where a referral stands in the intake queue.
    pub enum ReferralStatus {
        /// Waiting for the agency.
        Received => "received",
        /// The agency asked the officer for more information.
        InfoRequested => "info_requested",
        /// A case was opened for it.
        Accepted => "accepted",
        /// The agency declined it, with a reason.
        Declined => "declined",
    }
}

impl ReferralStatus {
    /// Whether the agency can still accept or decline it.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ReferralStatus::Received | ReferralStatus::InfoRequested
        )
    }
}

code_enum! {
    /// One step in a referral's history.
    pub enum ReferralEventKind {
        Received => "received",
        InfoRequested => "info_requested",
        InfoAdded => "info_added",
        Accepted => "accepted",
        Declined => "declined",
        Outcome => "outcome",
    }
}

/// What the referring union sees of a referral: its status and the case's stage,
/// never the case's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnionStatus {
    /// Waiting for the agency.
    Received,
    /// The agency asked for more information.
    InfoRequested,
    /// Declined by the agency.
    Declined,
    /// Accepted; the case is at intake.
    Accepted,
    /// The case is being assessed.
    InAssessment,
    /// Plan agreed or services under way.
    InIntervention,
    /// The case is closed.
    Closed,
}

impl UnionStatus {
    /// The status a union sees, from the referral and (once accepted) its case's stage.
    pub fn of(status: ReferralStatus, stage: Option<CaseStage>) -> UnionStatus {
        match (status, stage) {
            (ReferralStatus::Received, _) => UnionStatus::Received,
            (ReferralStatus::InfoRequested, _) => UnionStatus::InfoRequested,
            (ReferralStatus::Declined, _) => UnionStatus::Declined,
            (ReferralStatus::Accepted, None | Some(CaseStage::Intake)) => UnionStatus::Accepted,
            (ReferralStatus::Accepted, Some(CaseStage::Assessment)) => UnionStatus::InAssessment,
            (
                ReferralStatus::Accepted,
                Some(CaseStage::Contract | CaseStage::Intervention | CaseStage::Closure),
            ) => UnionStatus::InIntervention,
            (ReferralStatus::Accepted, Some(CaseStage::Closed)) => UnionStatus::Closed,
        }
    }

    /// Its code, for locale keys and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            UnionStatus::Received => "received",
            UnionStatus::InfoRequested => "info_requested",
            UnionStatus::Declined => "declined",
            UnionStatus::Accepted => "accepted",
            UnionStatus::InAssessment => "in_assessment",
            UnionStatus::InIntervention => "in_intervention",
            UnionStatus::Closed => "closed",
        }
    }
}

/// What someone holding a self-referral receipt may learn: three words, nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptStatus {
    /// Not yet taken up.
    Received,
    /// Someone is handling it.
    BeingHandled,
    /// Finished (declined, or the case is closed).
    Closed,
}

impl ReceiptStatus {
    /// The status shown for a receipt.
    pub fn of(status: ReferralStatus, stage: Option<CaseStage>) -> ReceiptStatus {
        match UnionStatus::of(status, stage) {
            UnionStatus::Received => ReceiptStatus::Received,
            UnionStatus::Declined | UnionStatus::Closed => ReceiptStatus::Closed,
            _ => ReceiptStatus::BeingHandled,
        }
    }

    /// Its code, for locale keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ReceiptStatus::Received => "received",
            ReceiptStatus::BeingHandled => "being_handled",
            ReceiptStatus::Closed => "closed",
        }
    }
}

/// Most characters in a referral's free-text fields.
pub const CONCERN_MAX: usize = 4000;
/// Most characters in names, phones, employers and short notes.
pub const SHORT_MAX: usize = 200;
/// Most characters in a name (as for clients, so that an accepted referral fits).
pub const NAME_MAX: usize = 100;
/// Most characters in a phone number (as for clients).
pub const PHONE_MAX: usize = 40;
/// Most characters in a decision's reason or a request for information.
pub const NOTE_MAX: usize = 2000;

/// A union officer's referral of a member.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    /// The receiving agency.
    pub agency_id: String,
    /// The member's name.
    pub member_name: String,
    /// How to reach them.
    pub member_phone: Option<String>,
    /// Gender, if known.
    pub member_gender: Option<Gender>,
    /// Year of birth, if known.
    pub member_birth_year: Option<i32>,
    /// Employer.
    pub member_employer: Option<String>,
    /// A good time to call.
    pub contact_time: Option<String>,
    /// The concern, in the officer's words.
    pub concern: String,
    /// The type of case the officer suggests.
    pub suggested_type: Option<CaseType>,
    /// How soon they need help.
    pub urgency: Urgency,
    /// Who obtained the member's consent to be referred.
    pub consent_by: String,
    /// When.
    pub consent_on: Option<NaiveDate>,
}

impl ReferralInput {
    /// Checks required fields, lengths, the birth year and the consent date.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        required(&mut e, "referral.agency_id", &self.agency_id, SHORT_MAX);
        required(&mut e, "referral.member_name", &self.member_name, NAME_MAX);
        e.text("referral.member_phone", &self.member_phone, PHONE_MAX);
        e.text("referral.member_employer", &self.member_employer, SHORT_MAX);
        e.text("referral.contact_time", &self.contact_time, SHORT_MAX);
        required(&mut e, "referral.concern", &self.concern, CONCERN_MAX);
        required(&mut e, "referral.consent_by", &self.consent_by, SHORT_MAX);
        if let Some(year) = self.member_birth_year {
            let this_year = i64::from(chrono::Datelike::year(&today));
            e.range(
                "referral.member_birth_year",
                Some(i64::from(year)),
                1900,
                this_year,
            );
        }
        match self.consent_on {
            None => e.problem("referral.consent_on", Problem::Required),
            Some(d) if d > today => e.problem("referral.consent_on", Problem::InFuture),
            Some(_) => {}
        }
        e.finish()
    }
}

/// A worker's own request for help through the public form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfReferralInput {
    /// The receiving agency.
    pub agency_id: String,
    /// Their name, or any name they want to be called by.
    pub name: String,
    /// How to reach them (phone, WeChat, e-mail).
    pub contact: String,
    /// A good time to call.
    pub contact_time: Option<String>,
    /// What they need help with.
    pub concern: String,
    /// They agree that the agency stores this and contacts them.
    pub consent: bool,
}

impl SelfReferralInput {
    /// Checks required fields, lengths and consent.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        required(
            &mut e,
            "self_referral.agency_id",
            &self.agency_id,
            SHORT_MAX,
        );
        required(&mut e, "self_referral.name", &self.name, NAME_MAX);
        required(&mut e, "self_referral.contact", &self.contact, PHONE_MAX);
        e.text("self_referral.contact_time", &self.contact_time, SHORT_MAX);
        required(&mut e, "self_referral.concern", &self.concern, CONCERN_MAX);
        if !self.consent {
            e.problem("self_referral.consent", Problem::Required);
        }
        e.finish()
    }
}

/// The stored form of a receipt code: SHA-256 of its symbols, whatever case,
/// spaces or dashes were typed.
pub fn code_hash(code: &str) -> String {
    use sha2::{Digest, Sha256};
    let normal: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hex::encode(Sha256::digest(normal.as_bytes()))
}

/// A note that must be given (a reason to decline, a question for the officer).
pub fn validate_note(field: &str, note: &str) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    required(&mut e, field, note, NOTE_MAX);
    e.finish()
}

/// An optional note (the outcome summary for the union may be cleared).
pub fn validate_optional_note(field: &str, note: &Option<String>) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.text(field, note, CONCERN_MAX);
    e.finish()
}

fn required(e: &mut Errors, field: &str, value: &str, max: usize) {
    e.required_text(field, value, max);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_union_sees_the_stage_not_the_content() {
        use CaseStage::*;
        let accepted = ReferralStatus::Accepted;
        assert_eq!(
            UnionStatus::of(accepted, Some(Intake)),
            UnionStatus::Accepted
        );
        assert_eq!(
            UnionStatus::of(accepted, Some(Assessment)),
            UnionStatus::InAssessment
        );
        for stage in [Contract, Intervention, Closure] {
            assert_eq!(
                UnionStatus::of(accepted, Some(stage)),
                UnionStatus::InIntervention
            );
        }
        assert_eq!(UnionStatus::of(accepted, Some(Closed)), UnionStatus::Closed);
        assert_eq!(
            UnionStatus::of(ReferralStatus::Declined, None),
            UnionStatus::Declined
        );
    }

    #[test]
    fn a_receipt_says_one_of_three_things() {
        assert_eq!(
            ReceiptStatus::of(ReferralStatus::Received, None),
            ReceiptStatus::Received
        );
        assert_eq!(
            ReceiptStatus::of(ReferralStatus::InfoRequested, None),
            ReceiptStatus::BeingHandled
        );
        assert_eq!(
            ReceiptStatus::of(ReferralStatus::Accepted, Some(CaseStage::Intervention)),
            ReceiptStatus::BeingHandled
        );
        assert_eq!(
            ReceiptStatus::of(ReferralStatus::Declined, None),
            ReceiptStatus::Closed
        );
        assert_eq!(
            ReceiptStatus::of(ReferralStatus::Accepted, Some(CaseStage::Closed)),
            ReceiptStatus::Closed
        );
    }

    #[test]
    fn consent_must_be_dated_and_not_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let mut input = ReferralInput {
            agency_id: "a".into(),
            member_name: "王芳".into(),
            member_phone: None,
            member_gender: None,
            member_birth_year: Some(1985),
            member_employer: None,
            contact_time: None,
            concern: "长期加班".into(),
            suggested_type: None,
            urgency: Urgency::Soon,
            consent_by: "李主席".into(),
            consent_on: Some(today),
        };
        assert!(input.validate(today).is_ok());
        input.consent_on = today.succ_opt();
        let errors = input.validate(today).expect_err("future consent");
        assert_eq!(errors[0].field, "referral.consent_on");
        assert_eq!(errors[0].problem, Problem::InFuture);
        input.consent_on = None;
        input.member_birth_year = Some(1800);
        let errors = input.validate(today).expect_err("two problems");
        assert_eq!(errors.len(), 2);
    }
}
