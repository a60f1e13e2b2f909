//! The resource directory and referrals out (转介) from a case to a resource.
//!
//! Administrators keep the directory (legal aid, hospitals and psychological
//! hotlines, the women's federation, employment and training services,
//! civil-affairs assistance...). A worker refers a client out to one of its
//! active entries, says what was asked, and records how the referral went and
//! what feedback came back. Nothing here touches the database.

use serde::Deserialize;

use super::validation::{Errors, FieldError, Problem, SHORT_TEXT, clean};
use crate::code_enum;

code_enum! {
    /// The kinds of resource a client is referred to (as the CHECK constraint lists them).
    pub enum ResourceCategory {
        LegalAid => "legal_aid",
        Hospital => "hospital",
        PsychologicalHotline => "psychological_hotline",
        WomensFederation => "womens_federation",
        EmploymentTraining => "employment_training",
        CivilAffairs => "civil_affairs",
        Other => "other",
    }
}

code_enum! {
    /// How a referral out stands.
    pub enum OutboundStatus {
        /// Made; no answer yet.
        Sent => "sent",
        /// The resource took the client on.
        Accepted => "accepted",
        /// The resource did what was asked.
        Completed => "completed",
        /// The resource could not or would not help.
        Declined => "declined",
        /// Nobody answered.
        NoResponse => "no_response",
    }
}

impl OutboundStatus {
    /// Whether the referral has come to an end (it can still be corrected).
    pub fn is_settled(self) -> bool {
        matches!(
            self,
            OutboundStatus::Completed | OutboundStatus::Declined | OutboundStatus::NoResponse
        )
    }
}

/// Most characters in what was asked of a resource, or the feedback received.
pub const REQUEST_MAX: usize = 4000;
/// Most characters in a directory entry's notes.
pub const NOTES_MAX: usize = 2000;

/// A directory entry as an administrator types it. Missing fields read as blank,
/// so that the answer names every missing field rather than the first one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ResourceInput {
    /// Its name (南山区法律援助中心).
    pub name: String,
    /// Its category.
    pub category: Option<ResourceCategory>,
    /// Phone, e-mail or contact person.
    pub contact: Option<String>,
    /// Where it is.
    pub address: Option<String>,
    /// Opening hours, eligibility, how to refer.
    pub notes: Option<String>,
    /// Whether workers may refer to it now (new entries are active).
    pub active: Option<bool>,
}

impl ResourceInput {
    /// Checks required fields and lengths, trims the optional texts, and
    /// returns the category.
    pub fn validate(&mut self) -> Result<ResourceCategory, Vec<FieldError>> {
        let mut e = Errors::default();
        self.name = self.name.trim().to_owned();
        e.required_text("resource.name", &self.name, SHORT_TEXT);
        if self.category.is_none() {
            e.problem("resource.category", Problem::Required);
        }
        self.contact = clean(self.contact.take());
        self.address = clean(self.address.take());
        self.notes = clean(self.notes.take());
        e.text("resource.contact", &self.contact, SHORT_TEXT);
        e.text("resource.address", &self.address, SHORT_TEXT);
        e.text("resource.notes", &self.notes, NOTES_MAX);
        e.finish()?;
        self.category.ok_or_else(Vec::new)
    }
}

/// A new referral out: to which resource, and what is asked of it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutboundReferralInput {
    /// The directory entry.
    pub resource_id: String,
    /// What the client needs from it, in the worker's words.
    pub request: String,
}

impl OutboundReferralInput {
    /// Checks that a resource is named and the request is given.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        self.resource_id = self.resource_id.trim().to_owned();
        self.request = self.request.trim().to_owned();
        if self.resource_id.is_empty() {
            e.problem("outbound.resource_id", Problem::Required);
        }
        e.required_text("outbound.request", &self.request, REQUEST_MAX);
        e.finish()
    }
}

/// A change to a referral out: its status and the feedback received.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutboundUpdateInput {
    /// The new status.
    pub status: Option<OutboundStatus>,
    /// What the resource said or did (blank clears it).
    pub feedback: Option<String>,
}

impl OutboundUpdateInput {
    /// Checks that a status is given and the feedback's length.
    pub fn validate(&mut self) -> Result<OutboundStatus, Vec<FieldError>> {
        let mut e = Errors::default();
        self.feedback = clean(self.feedback.take());
        if self.status.is_none() {
            e.problem("outbound.status", Problem::Required);
        }
        e.text("outbound.feedback", &self.feedback, REQUEST_MAX);
        e.finish()?;
        self.status.ok_or_else(Vec::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resource_needs_a_name_and_a_category() {
        let mut input = ResourceInput {
            name: "   ".into(),
            contact: Some("  ".into()),
            ..ResourceInput::default()
        };
        let errors = input.validate().expect_err("blank");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["resource.name", "resource.category"]);
        assert_eq!(input.contact, None, "blank contact is cleared");
        input.name = " 南山区法律援助中心 ".into();
        input.category = Some(ResourceCategory::LegalAid);
        input.notes = Some("x".repeat(NOTES_MAX + 1));
        let errors = input.validate().expect_err("long notes");
        assert_eq!(errors[0].field, "resource.notes");
        input.notes = Some("工作日 9:00-17:30".into());
        assert_eq!(input.validate(), Ok(ResourceCategory::LegalAid));
        assert_eq!(input.name, "南山区法律援助中心");
    }

    #[test]
    fn a_referral_says_what_is_asked() {
        let mut input = OutboundReferralInput::default();
        let errors = input.validate().expect_err("empty");
        assert_eq!(errors.len(), 2);
        input.resource_id = "r".into();
        input.request = "申请法律援助，追讨拖欠工资".into();
        assert!(input.validate().is_ok());
    }

    #[test]
    fn an_update_needs_a_status() {
        let mut input = OutboundUpdateInput {
            status: None,
            feedback: Some(" ".into()),
        };
        assert_eq!(
            input.validate().expect_err("no status")[0].field,
            "outbound.status"
        );
        input.status = Some(OutboundStatus::Completed);
        assert_eq!(input.validate(), Ok(OutboundStatus::Completed));
        assert_eq!(input.feedback, None);
        assert!(OutboundStatus::Completed.is_settled());
        assert!(!OutboundStatus::Accepted.is_settled());
    }
}
