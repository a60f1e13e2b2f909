//! The casework workflow as an explicit state machine.
//!
//! The machine is data ([`RULES`]) plus one pure function ([`decide`]). Handlers
//! never compare stages themselves: they gather the facts, ask `decide`, and store
//! what it answers. `docs/workflow.md` draws the same table; a test keeps the two
//! equal.

use super::facts::{CaseFacts, Missing};
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
        rule(Intervention, Advance, Closure, CASE_STAFF, SessionLogged),
        rule(Closure, ApproveClosure, Closed, SUPERVISOR, ClosureComplete),
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
}

/// A request to move a case, with what the user gave alongside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionRequest {
    /// The move asked for.
    pub transition: Transition,
    /// Free-text reason; required where the guard is `reason_given`.
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
            Guard::PlanAgreed => &[Goals, GoalIndicators, Services, ClientAgreement],
            Guard::SessionLogged => &[Session],
            Guard::ClosureComplete => &[
                ClosureReason,
                GoalAttainment,
                Who5Closing,
                Satisfaction,
                Summary,
            ],
            Guard::ReasonGiven => &[Reason],
            Guard::EarlyClosureReason => &[Missing::EarlyClosureReason],
        }
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
        Reason => has_text(&request.reason),
        Missing::EarlyClosureReason => request.closure_reason.is_some_and(|r| r.is_early()),
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
    } else {
        Ok(())
    }
}

/// The transitions this actor may attempt from this stage (their guards still apply).
pub fn open_transitions(stage: CaseStage, actor: Actor) -> Vec<Transition> {
    RULES
        .iter()
        .filter(|r| r.from == stage && permits(r, actor).is_ok())
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
        open: open_transitions(stage, actor),
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
