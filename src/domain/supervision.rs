//! Supervision (督导): what supervisors approve, what they write on a worker's
//! records, and what the oversight screen warns about. Pure rules, no I/O.
//!
//! - **Approvals.** Per agency and case type, the plan and the closure may each
//!   need a supervisor's approval ([`ApprovalPolicy`]); both do unless an
//!   administrator or supervisor of the agency says otherwise. The workflow reads
//!   the policy as facts (`CaseFacts::plan_approval_required`).
//! - **Supervision notes** sit on one record of a case ([`NoteTarget`]); notes on
//!   confidential records follow that record's confidentiality
//!   ([`NoteTarget::is_confidential`], applied by `crate::access`).
//! - **Alerts** ([`AlertKind`]) use thresholds from the settings ([`AlertThresholds`]).

use crate::code_enum;

code_enum! {
    /// What a supervisor approves.
    pub enum ApprovalKind {
        /// The plan (计划及合约), before intervention begins.
        Plan => "plan",
        /// The closure (结案), before the case is closed.
        Closure => "closure",
    }
}

/// Which approvals a case type needs in one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ApprovalPolicy {
    /// Contract → intervention needs a supervisor's approval of the plan.
    pub plan_required: bool,
    /// Closure → closed needs a supervisor's sign-off.
    pub closure_required: bool,
}

impl Default for ApprovalPolicy {
    /// Both approvals: supervision of plans and closures is the profession's norm,
    /// so turning one off is a deliberate choice of the agency.
    fn default() -> Self {
        ApprovalPolicy {
            plan_required: true,
            closure_required: true,
        }
    }
}

impl ApprovalPolicy {
    /// Whether `kind` needs approval under this policy.
    pub fn requires(self, kind: ApprovalKind) -> bool {
        match kind {
            ApprovalKind::Plan => self.plan_required,
            ApprovalKind::Closure => self.closure_required,
        }
    }
}

code_enum! {
    /// The record a supervision note is written on.
    pub enum NoteTarget {
        /// One session of the intervention (the note's target id is the session's).
        Session => "session",
        /// The intake record.
        Intake => "intake",
        /// The assessment.
        Assessment => "assessment",
        /// The plan and its goals.
        Contract => "contract",
        /// The closure record.
        Closure => "closure",
    }
}

impl NoteTarget {
    /// Notes on these records are as confidential as the records: session notes
    /// and the risk screening reach only the assigned worker and supervision, and a
    /// supervisor's comment on them usually discusses what they say.
    pub fn is_confidential(self) -> bool {
        matches!(self, NoteTarget::Session | NoteTarget::Assessment)
    }

    /// Whether a note on this kind of record names the record by the case's own id
    /// (one record per case) rather than by a record id of its own (sessions).
    pub fn is_per_case(self) -> bool {
        self != NoteTarget::Session
    }
}

/// Longest supervision note or approval comment, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

code_enum! {
    /// Why the oversight screen draws attention to a case.
    pub enum AlertKind {
        /// At intake longer than the threshold without being taken on to assessment.
        IntakeNotAssessed => "intake_not_assessed",
        /// Nothing recorded with the client (session or stage record) for the threshold.
        NoContact => "no_contact",
        /// High or critical risk, and no session within the (shorter) threshold.
        RiskWithoutSession => "risk_without_session",
        /// In intervention with a goal whose target date has passed.
        PlanPastTarget => "plan_past_target",
    }
}

/// The alert thresholds, in days (from the settings; see `docs/supervision.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertThresholds {
    /// A case with no contact for this many days.
    pub no_contact_days: i64,
    /// An intake not taken on to assessment within this many days.
    pub intake_days: i64,
    /// A high- or critical-risk case without a session for this many days.
    pub risk_session_days: i64,
}

impl Default for AlertThresholds {
    fn default() -> Self {
        AlertThresholds {
            no_contact_days: 14,
            intake_days: 3,
            risk_session_days: 7,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_approvals_by_default() {
        let p = ApprovalPolicy::default();
        assert!(p.requires(ApprovalKind::Plan) && p.requires(ApprovalKind::Closure));
        let p = ApprovalPolicy {
            plan_required: false,
            closure_required: true,
        };
        assert!(!p.requires(ApprovalKind::Plan) && p.requires(ApprovalKind::Closure));
    }

    #[test]
    fn confidential_targets() {
        assert!(NoteTarget::Session.is_confidential());
        assert!(NoteTarget::Assessment.is_confidential());
        assert!(!NoteTarget::Contract.is_confidential());
        assert!(!NoteTarget::Session.is_per_case());
        assert!(NoteTarget::Closure.is_per_case());
    }
}
