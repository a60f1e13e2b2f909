//! The casework workflow as an explicit state machine.
//!
//! The machine is data ([`RULES`]) plus one pure function ([`decide`]). Handlers
//! never compare stages themselves: they gather the facts, ask `decide`, and store
//! what it answers. `docs/workflow.md` draws the same table; a test keeps the two
//! equal.
//!
//! Supervisor approvals are part of the same data. Whether a case type needs a
//! supervisor's approval of the plan or of the closure is a fact of the case
//! ([`CaseFacts::plan_approval_required`]); requirements that describe such a
//! state rather than a record to fill in ([`Missing::is_state`]) also decide which
//! transitions are offered at all, so a worker whose plan needs approval is
//! offered "submit the plan" instead of "advance". A rule may leave the case
//! awaiting an approval ([`Rule::awaits`]); the database keeps that mark until the
//! next transition.

use super::facts::{CaseFacts, Missing};
use super::supervision::ApprovalKind;
use super::vocab::{CaseStage, ClosureReason, Role};
use crate::code_enum;

code_enum! {
    /// A move between stages.
    pub enum Transition {
        /// Move to the next stage once the current one is recorded.
        Advance => "advance",
        /// Go one stage back to revise it (re-assess, revise the plan).
        StepBack => "step_back",
        /// End the case before the planned closure, with a reason.
        CloseEarly => "close_early",
        /// A supervisor signs off the closure; the case becomes read-only.
        ApproveClosure => "approve_closure",
        /// A supervisor returns a closure to intervention.
        SendBack => "send_back",
        /// A supervisor reopens a closed case into assessment.
        Reopen => "reopen",
        /// The worker asks a supervisor to approve the plan (the case stays in contract).
        SubmitPlan => "submit_plan",
        /// A supervisor approves the submitted plan; intervention begins.
        ApprovePlan => "approve_plan",
        /// A supervisor returns the submitted plan for revision, with a comment.
        ReturnPlan => "return_plan",
    }
}

code_enum! {
    /// What must be recorded before a transition may happen.
    pub enum Guard {
        IntakeComplete => "intake_complete",
        AssessmentComplete => "assessment_complete",
        PlanAgreed => "plan_agreed",
        SessionLogged => "session_logged",
        ClosureComplete => "closure_complete",
        ReasonGiven => "reason_given",
        EarlyClosureReason => "early_closure_reason",
        PlanReadyForApproval => "plan_ready_for_approval",
        PlanApprovable => "plan_approvable",
        PlanReturnable => "plan_returnable",
        ClosureWithoutSignOff => "closure_without_sign_off",
    }
}

/// One edge of the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The stage the case must be in.
    pub from: CaseStage,
    /// The move.
    pub transition: Transition,
    /// The stage the case ends up in.
    pub to: CaseStage,
    /// Who may perform it.
    pub roles: &'static [Role],
    /// What must be recorded first.
    pub guard: Guard,
    /// Sign-offs must come from someone other than the case's own worker.
    pub not_by_assigned_worker: bool,
    /// The approval the case awaits once this transition is done (until the next one).
    pub awaits: Option<ApprovalKind>,
}

const CASE_STAFF: &[Role] = &[Role::SocialWorker, Role::Supervisor];
const SUPERVISOR: &[Role] = &[Role::Supervisor];

const fn rule(
    from: CaseStage,
    transition: Transition,
    to: CaseStage,
    roles: &'static [Role],
    guard: Guard,
) -> Rule {
    Rule {
        from,
        transition,
        to,
        roles,
        guard,
        not_by_assigned_worker: matches!(roles, [Role::Supervisor]),
        awaits: None,
    }
}

/// A rule after which the case awaits a supervisor's approval of `kind`.
const fn awaiting(rule: Rule, kind: ApprovalKind) -> Rule {
    Rule {
        awaits: Some(kind),
        ..rule
    }
}

/// Every permitted transition. Anything not listed here is refused.
pub const RULES: &[Rule] = {
    use CaseStage::*;
    use Guard::*;
    use Transition::*;
    &[
        rule(Intake, Advance, Assessment, CASE_STAFF, IntakeComplete),
        rule(
            Assessment,
            Advance,
            Contract,
            CASE_STAFF,
            AssessmentComplete,
        ),
        rule(Contract, Advance, Intervention, CASE_STAFF, PlanAgreed),
        awaiting(
            rule(
                Contract,
                SubmitPlan,
                Contract,
                CASE_STAFF,
                PlanReadyForApproval,
            ),
            ApprovalKind::Plan,
        ),
        rule(
            Contract,
            ApprovePlan,
            Intervention,
            SUPERVISOR,
            PlanApprovable,
        ),
        rule(Contract, ReturnPlan, Contract, SUPERVISOR, PlanReturnable),
        awaiting(
            rule(Intervention, Advance, Closure, CASE_STAFF, SessionLogged),
            ApprovalKind::Closure,
        ),
        rule(Closure, ApproveClosure, Closed, SUPERVISOR, ClosureComplete),
        rule(Closure, Advance, Closed, CASE_STAFF, ClosureWithoutSignOff),
        rule(Closure, SendBack, Intervention, SUPERVISOR, ReasonGiven),
        rule(Assessment, StepBack, Intake, CASE_STAFF, ReasonGiven),
        rule(Contract, StepBack, Assessment, CASE_STAFF, ReasonGiven),
        rule(Intervention, StepBack, Contract, CASE_STAFF, ReasonGiven),
        rule(Intake, CloseEarly, Closed, CASE_STAFF, EarlyClosureReason),
        rule(
            Assessment,
            CloseEarly,
            Closed,
            CASE_STAFF,
            EarlyClosureReason,
        ),
        rule(Contract, CloseEarly, Closed, CASE_STAFF, EarlyClosureReason),
        rule(
            Intervention,
            CloseEarly,
            Closed,
            CASE_STAFF,
            EarlyClosureReason,
        ),
        rule(Closed, Reopen, Assessment, SUPERVISOR, ReasonGiven),
    ]
};

/// Who is asking, as far as the workflow cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// The actor's role.
    pub role: Role,
    /// The actor is the case's assigned worker.
    pub is_assigned_worker: bool,
    /// The actor asked for the approval the case awaits, or held the case at
    /// some time since it was asked for. Without this, a supervisor could submit
    /// their own plan, hand the case to a worker and then approve it: the
    /// assigned worker alone says who holds the case now, not who asked.
    pub took_part_in_request: bool,
}

/// A request to move a case, with what the user gave alongside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionRequest {
    /// The move asked for.
    pub transition: Transition,
    /// Free-text reason; required where the guard is `reason_given`. Approving
    /// or returning a plan and approving a closure carry it as the supervisor's
    /// comment (`transition.comment`).
    pub reason: Option<String>,
    /// Why the case ends early; required for `close_early`.
    pub closure_reason: Option<ClosureReason>,
}

impl TransitionRequest {
    /// A request without reason or closure reason.
    pub fn bare(transition: Transition) -> Self {
        Self {
            transition,
            reason: None,
            closure_reason: None,
        }
    }
}

/// Why a transition was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalKind {
    /// The transition does not leave the case's current stage.
    NotFromThisStage,
    /// The actor's role may not perform it.
    RoleNotPermitted,
    /// A sign-off by the case's own worker.
    OwnCase,
    /// A sign-off of an approval the actor asked for, or of a case they held
    /// since it was asked for.
    OwnRequest,
    /// The guard found things missing.
    MissingFacts,
}

/// A refused transition: where the case is, what is missing, what is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The case's stage, unchanged.
    pub stage: CaseStage,
    /// What was asked.
    pub transition: Transition,
    /// Why it was refused.
    pub kind: RefusalKind,
    /// What must be recorded first (only for `MissingFacts`).
    pub missing: Vec<Missing>,
    /// The transitions this actor may attempt from this stage.
    pub open: Vec<Transition>,
}

impl Guard {
    /// Every requirement this guard can report, in the order it reports them.
    pub fn requirements(self) -> &'static [Missing] {
        use Missing::*;
        match self {
            Guard::IntakeComplete => &[
                AssignedWorker,
                IntakeChannel,
                PresentingProblem,
                Urgency,
                ConsentService,
                ConsentSensitive,
                GuardianConsent,
            ],
            Guard::AssessmentComplete => &[
                Physiological,
                Psychological,
                Social,
                RiskLevel,
                RiskScreening,
                Who5Baseline,
            ],
            Guard::PlanAgreed => &[
                Goals,
                GoalIndicators,
                Services,
                ClientAgreement,
                PlanApproval,
            ],
            Guard::PlanReadyForApproval => &[
                Goals,
                GoalIndicators,
                Services,
                ClientAgreement,
                PlanApprovalPolicy,
                PlanNotSubmitted,
            ],
            Guard::PlanApprovable => &[
                Goals,
                GoalIndicators,
                Services,
                ClientAgreement,
                PlanSubmitted,
                Comment,
            ],
            Guard::PlanReturnable => &[PlanSubmitted, Comment],
            Guard::SessionLogged => &[Session],
            Guard::ClosureComplete => &[
                ClosureReason,
                GoalAttainment,
                Who5Closing,
                Satisfaction,
                Summary,
                Comment,
            ],
            Guard::ClosureWithoutSignOff => &[
                ClosureReason,
                GoalAttainment,
                Who5Closing,
                Satisfaction,
                Summary,
                ClosureSignOff,
            ],
            Guard::ReasonGiven => &[Reason],
            Guard::EarlyClosureReason => &[Missing::EarlyClosureReason],
        }
    }

    /// Whether the case's state allows this guard at all: its state requirements
    /// ([`Missing::is_state`]) hold. Records still to fill in do not matter here.
    pub fn state_allows(self, facts: &CaseFacts) -> bool {
        let bare = TransitionRequest::bare(Transition::Advance);
        self.requirements()
            .iter()
            .filter(|m| m.is_state())
            .all(|m| is_satisfied(*m, facts, &bare))
    }

    /// What this guard finds missing, given the facts and the request.
    pub fn check(self, facts: &CaseFacts, request: &TransitionRequest) -> Vec<Missing> {
        self.requirements()
            .iter()
            .copied()
            .filter(|m| !is_satisfied(*m, facts, request))
            .collect()
    }
}

fn has_text(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

fn is_satisfied(missing: Missing, f: &CaseFacts, request: &TransitionRequest) -> bool {
    use Missing::*;
    match missing {
        AssignedWorker => f.assigned_worker,
        IntakeChannel => f.intake_channel,
        PresentingProblem => f.presenting_problem,
        Urgency => f.urgency,
        ConsentService => f.consent_service,
        ConsentSensitive => f.consent_sensitive,
        GuardianConsent => !f.client_under_14 || f.guardian_consent,
        Physiological => f.physiological,
        Psychological => f.psychological,
        Social => f.social,
        RiskLevel => f.risk_level,
        RiskScreening => f.risk_screening,
        Who5Baseline => f.who5_baseline,
        Goals => f.goal_count > 0,
        GoalIndicators => f.goal_count == 0 || f.goals_measurable,
        Services => f.services,
        ClientAgreement => f.client_agreement,
        Session => f.session_count > 0,
        ClosureReason => f.closure_reason,
        GoalAttainment => f.goals_without_attainment == 0,
        Who5Closing => f.who5_closing,
        Satisfaction => f.satisfaction,
        Summary => f.summary,
        Reason | Comment => has_text(&request.reason),
        Missing::EarlyClosureReason => request.closure_reason.is_some_and(|r| r.is_early()),
        PlanApproval => !f.plan_approval_required,
        PlanApprovalPolicy => f.plan_approval_required,
        PlanNotSubmitted => !f.plan_submitted,
        PlanSubmitted => f.plan_submitted,
        ClosureSignOff => !f.closure_approval_required,
    }
}

/// The rule for a transition out of a stage, if the machine has one.
pub fn rule_for(stage: CaseStage, transition: Transition) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.from == stage && r.transition == transition)
}

fn permits(rule: &Rule, actor: Actor) -> Result<(), RefusalKind> {
    if !rule.roles.contains(&actor.role) {
        Err(RefusalKind::RoleNotPermitted)
    } else if rule.not_by_assigned_worker && actor.is_assigned_worker {
        Err(RefusalKind::OwnCase)
    } else if rule.not_by_assigned_worker && actor.took_part_in_request {
        Err(RefusalKind::OwnRequest)
    } else {
        Ok(())
    }
}

/// The transitions this actor may attempt from this stage, given the case's
/// state (whether approvals are required or awaited). The guards' records still
/// apply: an open transition may be refused for what is not recorded yet.
pub fn open_transitions(stage: CaseStage, actor: Actor, facts: &CaseFacts) -> Vec<Transition> {
    RULES
        .iter()
        .filter(|r| r.from == stage && permits(r, actor).is_ok() && r.guard.state_allows(facts))
        .map(|r| r.transition)
        .collect()
}

/// Decides a transition: the rule that applies, or why not.
///
/// This is the only place that knows which moves exist. It does no I/O and
/// changes nothing; the caller stores the outcome.
pub fn decide(
    stage: CaseStage,
    actor: Actor,
    request: &TransitionRequest,
    facts: &CaseFacts,
) -> Result<&'static Rule, Refusal> {
    let refuse = |kind, missing| Refusal {
        stage,
        transition: request.transition,
        kind,
        missing,
        open: open_transitions(stage, actor, facts),
    };
    let Some(rule) = rule_for(stage, request.transition) else {
        return Err(refuse(RefusalKind::NotFromThisStage, Vec::new()));
    };
    permits(rule, actor).map_err(|kind| refuse(kind, Vec::new()))?;
    let missing = rule.guard.check(facts, request);
    if missing.is_empty() {
        Ok(rule)
    } else {
        Err(refuse(RefusalKind::MissingFacts, missing))
    }
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;
