//! What has been recorded on a case, as the workflow guards see it.
//!
//! The database layer fills a [`CaseFacts`] from the stage records; the guards in
//! [`crate::domain::workflow`] read nothing else. Keeping the facts flat and
//! boolean makes the guards trivial to test and to document.

use crate::code_enum;

/// A snapshot of everything the guards need to know about one case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// A social worker is assigned.
    pub assigned_worker: bool,
    /// Intake: how the case came in.
    pub intake_channel: bool,
    /// Intake: the presenting problem is written down.
    pub presenting_problem: bool,
    /// Intake: urgency is set.
    pub urgency: bool,
    /// Intake: informed consent to the service.
    pub consent_service: bool,
    /// Intake: separate consent to process sensitive personal information.
    pub consent_sensitive: bool,
    /// The client was under 14 at intake, so a guardian must consent too.
    pub client_under_14: bool,
    /// Intake: a guardian's consent is recorded.
    pub guardian_consent: bool,
    /// Assessment: the physiological dimension.
    pub physiological: bool,
    /// Assessment: the psychological dimension.
    pub psychological: bool,
    /// Assessment: the social dimension.
    pub social: bool,
    /// Assessment: a risk level.
    pub risk_level: bool,
    /// Assessment: the screening behind the risk level.
    pub risk_screening: bool,
    /// Assessment: baseline WHO-5 score.
    pub who5_baseline: bool,
    /// Contract: number of goals.
    pub goal_count: usize,
    /// Contract: every goal has a measurable indicator.
    pub goals_measurable: bool,
    /// Contract: agreed services and their frequency.
    pub services: bool,
    /// Contract: the client's agreement and its date.
    pub client_agreement: bool,
    /// Intervention: number of sessions logged.
    pub session_count: usize,
    /// Closure: a reason.
    pub closure_reason: bool,
    /// Closure: goals that still lack an attainment rating.
    pub goals_without_attainment: usize,
    /// Closure: closing WHO-5 score.
    pub who5_closing: bool,
    /// Closure: the client's satisfaction.
    pub satisfaction: bool,
    /// Closure: the worker's summary.
    pub summary: bool,
    /// The case type's policy: the plan needs a supervisor's approval.
    pub plan_approval_required: bool,
    /// The plan has been submitted and awaits a supervisor's decision.
    pub plan_submitted: bool,
    /// The case type's policy: the closure needs a supervisor's sign-off.
    pub closure_approval_required: bool,
}

code_enum! {
    /// One thing a guard requires that has not been recorded yet.
    ///
    /// The code doubles as the name of the form field concerned, so that a screen
    /// can show the message next to it.
    pub enum Missing {
        AssignedWorker => "case.assigned_worker",
        IntakeChannel => "intake.channel",
        PresentingProblem => "intake.presenting_problem",
        Urgency => "intake.urgency",
        ConsentService => "intake.consent_service",
        ConsentSensitive => "intake.consent_sensitive",
        GuardianConsent => "intake.guardian_consent",
        Physiological => "assessment.physiological",
        Psychological => "assessment.psychological",
        Social => "assessment.social",
        RiskLevel => "assessment.risk_level",
        RiskScreening => "assessment.risk_screening",
        Who5Baseline => "assessment.who5_baseline",
        Goals => "contract.goals",
        GoalIndicators => "contract.goal_indicators",
        Services => "contract.services",
        ClientAgreement => "contract.client_agreement",
        Session => "intervention.sessions",
        ClosureReason => "closure.reason",
        GoalAttainment => "closure.goal_attainment",
        Who5Closing => "closure.who5_closing",
        Satisfaction => "closure.satisfaction",
        Summary => "closure.summary",
        Reason => "transition.reason",
        EarlyClosureReason => "transition.closure_reason",
        /// The supervisor's comment on an approval or a returned plan.
        Comment => "transition.comment",
        /// The case type needs the plan approved by a supervisor (submit it instead).
        PlanApproval => "approval.plan",
        /// The case type does not ask for plan approval (advance instead).
        PlanApprovalPolicy => "approval.plan_policy",
        /// The plan already awaits a supervisor's decision.
        PlanNotSubmitted => "approval.plan_not_submitted",
        /// No plan awaits a decision.
        PlanSubmitted => "approval.plan_submitted",
        /// The case type needs the closure signed off by a supervisor.
        ClosureSignOff => "approval.closure",
    }
}

impl Missing {
    /// Whether this describes the case's state (a policy, an awaited approval)
    /// rather than something the user can record. A transition whose state
    /// requirements do not hold is not offered at all.
    pub fn is_state(self) -> bool {
        matches!(
            self,
            Missing::PlanApproval
                | Missing::PlanApprovalPolicy
                | Missing::PlanNotSubmitted
                | Missing::PlanSubmitted
                | Missing::ClosureSignOff
        )
    }
}
