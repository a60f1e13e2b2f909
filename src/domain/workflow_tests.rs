//! Table-driven tests of the state machine: every (stage, transition) pair.

use super::*;
use crate::domain::facts::{CaseFacts, Missing};
use crate::domain::supervision::ApprovalKind;
use crate::domain::vocab::{CaseStage::*, ClosureReason, Role};

/// Facts with every stage fully recorded, so only stage and role decide.
fn complete() -> CaseFacts {
    CaseFacts {
        assigned_worker: true,
        intake_channel: true,
        presenting_problem: true,
        urgency: true,
        consent_service: true,
        consent_sensitive: true,
        client_under_14: false,
        guardian_consent: false,
        physiological: true,
        psychological: true,
        social: true,
        risk_level: true,
        risk_screening: true,
        who5_baseline: true,
        goal_count: 2,
        goals_measurable: true,
        services: true,
        client_agreement: true,
        session_count: 1,
        closure_reason: true,
        goals_without_attainment: 0,
        who5_closing: true,
        satisfaction: true,
        summary: true,
        plan_approval_required: false,
        plan_submitted: false,
        closure_approval_required: false,
    }
}

/// Complete facts under the default policy: both approvals required.
fn supervised() -> CaseFacts {
    CaseFacts {
        plan_approval_required: true,
        closure_approval_required: true,
        ..complete()
    }
}

fn full_request(t: Transition) -> TransitionRequest {
    TransitionRequest {
        transition: t,
        reason: Some("client asked".into()),
        closure_reason: Some(ClosureReason::ClientUnreachable),
    }
}

const SUPERVISOR_ACTOR: Actor = Actor {
    role: Role::Supervisor,
    is_assigned_worker: false,
    took_part_in_request: false,
};
const WORKER: Actor = Actor {
    role: Role::SocialWorker,
    is_assigned_worker: true,
    took_part_in_request: false,
};

/// The expected machine, written out by hand: (from, transition, to). `None`
/// means the transition does not leave that stage. Every listed edge is also
/// accepted for a supervisor once the case's state allows it.
#[test]
fn every_stage_transition_pair() {
    use Transition::*;
    let edge = |stage: CaseStage, t: Transition| -> Option<CaseStage> {
        match (stage, t) {
            (Intake, Advance) => Some(Assessment),
            (Intake | Assessment | Contract | Intervention, CloseEarly) => Some(Closed),
            (Assessment, Advance) => Some(Contract),
            (Assessment, StepBack) => Some(Intake),
            (Contract, Advance | ApprovePlan) => Some(Intervention),
            (Contract, SubmitPlan | ReturnPlan) => Some(Contract),
            (Contract, StepBack) => Some(Assessment),
            (Intervention, Advance) => Some(Closure),
            (Intervention, StepBack) => Some(Contract),
            (Closure, ApproveClosure | Advance) => Some(Closed),
            (Closure, SendBack) => Some(Intervention),
            (Closed, Reopen) => Some(Assessment),
            _ => None,
        }
    };
    let mut edges = 0;
    for stage in CaseStage::ALL {
        for transition in Transition::ALL {
            let (stage, transition) = (*stage, *transition);
            match edge(stage, transition) {
                Some(to) => {
                    edges += 1;
                    // The state in which the edge is open.
                    let facts = match transition {
                        SubmitPlan => supervised(),
                        ApprovePlan | ReturnPlan => CaseFacts {
                            plan_submitted: true,
                            ..supervised()
                        },
                        _ => complete(),
                    };
                    let got = decide(stage, SUPERVISOR_ACTOR, &full_request(transition), &facts);
                    assert_eq!(got.map(|r| r.to), Ok(to), "{stage} {transition}");
                }
                None => {
                    let refusal = decide(
                        stage,
                        SUPERVISOR_ACTOR,
                        &full_request(transition),
                        &complete(),
                    )
                    .expect_err("must be refused");
                    assert_eq!(refusal.kind, RefusalKind::NotFromThisStage);
                    assert_eq!(refusal.stage, stage);
                    assert!(!refusal.open.contains(&transition));
                }
            }
        }
    }
    assert_eq!(edges, RULES.len());
}

#[test]
fn sign_offs_belong_to_supervisors_other_than_the_worker() {
    use Transition::*;
    for t in [ApproveClosure, SendBack] {
        let r = decide(Closure, WORKER, &full_request(t), &supervised()).unwrap_err();
        assert_eq!(r.kind, RefusalKind::RoleNotPermitted, "{t}");
        assert_eq!(r.open, Vec::<Transition>::new());
    }
    let r = decide(Closed, WORKER, &full_request(Reopen), &complete()).unwrap_err();
    assert_eq!(r.kind, RefusalKind::RoleNotPermitted);
    let own = Actor {
        role: Role::Supervisor,
        is_assigned_worker: true,
        took_part_in_request: false,
    };
    let r = decide(Closure, own, &full_request(ApproveClosure), &complete()).unwrap_err();
    assert_eq!(r.kind, RefusalKind::OwnCase);
    let submitted = CaseFacts {
        plan_submitted: true,
        ..supervised()
    };
    for t in [ApprovePlan, ReturnPlan] {
        let r = decide(Contract, own, &full_request(t), &submitted).unwrap_err();
        assert_eq!(r.kind, RefusalKind::OwnCase, "{t}");
        let r = decide(Contract, WORKER, &full_request(t), &submitted).unwrap_err();
        assert_eq!(r.kind, RefusalKind::RoleNotPermitted, "{t}");
    }
    // The worker may still advance their own case.
    assert!(decide(Intake, WORKER, &full_request(Advance), &complete()).is_ok());
}

#[test]
fn nobody_signs_off_what_they_asked_for() {
    use Transition::*;
    let asked = Actor {
        took_part_in_request: true,
        ..SUPERVISOR_ACTOR
    };
    let submitted = CaseFacts {
        plan_submitted: true,
        ..supervised()
    };
    for t in [ApprovePlan, ReturnPlan] {
        let r = decide(Contract, asked, &full_request(t), &submitted).unwrap_err();
        assert_eq!(r.kind, RefusalKind::OwnRequest, "{t}");
        assert!(!r.open.contains(&t), "{t} not offered");
        assert!(decide(Contract, SUPERVISOR_ACTOR, &full_request(t), &submitted).is_ok());
    }
    for t in [ApproveClosure, SendBack] {
        let r = decide(Closure, asked, &full_request(t), &complete()).unwrap_err();
        assert_eq!(r.kind, RefusalKind::OwnRequest, "{t}");
    }
}

#[test]
fn officers_and_administrators_move_nothing() {
    for role in [Role::UnionOfficer, Role::Administrator] {
        let actor = Actor {
            role,
            is_assigned_worker: false,
            took_part_in_request: false,
        };
        for stage in CaseStage::ALL {
            assert!(open_transitions(*stage, actor, &supervised()).is_empty());
            for t in Transition::ALL {
                assert!(decide(*stage, actor, &full_request(*t), &complete()).is_err());
            }
        }
    }
}

#[test]
fn open_transitions_per_stage_for_a_worker() {
    use Transition::*;
    let f = supervised();
    assert_eq!(
        open_transitions(Intake, WORKER, &f),
        vec![Advance, CloseEarly]
    );
    assert_eq!(
        open_transitions(Intervention, WORKER, &f),
        vec![Advance, StepBack, CloseEarly]
    );
    assert_eq!(open_transitions(Closure, WORKER, &f), vec![]);
    assert_eq!(
        open_transitions(Closure, SUPERVISOR_ACTOR, &f),
        vec![ApproveClosure, SendBack]
    );
}

#[test]
fn intake_guard_lists_everything_missing() {
    let r = decide(
        Intake,
        WORKER,
        &TransitionRequest::bare(Transition::Advance),
        &CaseFacts::default(),
    )
    .unwrap_err();
    assert_eq!(r.kind, RefusalKind::MissingFacts);
    assert_eq!(
        r.missing,
        vec![
            Missing::AssignedWorker,
            Missing::IntakeChannel,
            Missing::PresentingProblem,
            Missing::Urgency,
            Missing::ConsentService,
            Missing::ConsentSensitive,
        ]
    );
    assert_eq!(r.open, vec![Transition::Advance, Transition::CloseEarly]);
}

#[test]
fn a_child_needs_a_guardians_consent() {
    let mut facts = complete();
    facts.client_under_14 = true;
    let r = decide(
        Intake,
        WORKER,
        &TransitionRequest::bare(Transition::Advance),
        &facts,
    )
    .unwrap_err();
    assert_eq!(r.missing, vec![Missing::GuardianConsent]);
    facts.guardian_consent = true;
    assert!(decide(Intake, WORKER, &full_request(Transition::Advance), &facts).is_ok());
}

#[test]
fn each_guard_names_its_own_gaps() {
    type Spoil = fn(&mut CaseFacts);
    let cases: &[(CaseStage, Transition, Spoil, Missing)] = &[
        (
            Assessment,
            Transition::Advance,
            |f| f.social = false,
            Missing::Social,
        ),
        (
            Assessment,
            Transition::Advance,
            |f| f.who5_baseline = false,
            Missing::Who5Baseline,
        ),
        (
            Contract,
            Transition::Advance,
            |f| f.goal_count = 0,
            Missing::Goals,
        ),
        (
            Contract,
            Transition::Advance,
            |f| f.goals_measurable = false,
            Missing::GoalIndicators,
        ),
        (
            Contract,
            Transition::Advance,
            |f| f.client_agreement = false,
            Missing::ClientAgreement,
        ),
        (
            Intervention,
            Transition::Advance,
            |f| f.session_count = 0,
            Missing::Session,
        ),
        (
            Closure,
            Transition::ApproveClosure,
            |f| f.goals_without_attainment = 1,
            Missing::GoalAttainment,
        ),
        (
            Closure,
            Transition::ApproveClosure,
            |f| f.summary = false,
            Missing::Summary,
        ),
        (
            Contract,
            Transition::ApprovePlan,
            |f| f.services = false,
            Missing::Services,
        ),
        (
            Closure,
            Transition::Advance,
            |f| f.satisfaction = false,
            Missing::Satisfaction,
        ),
    ];
    for (stage, t, spoil, missing) in cases {
        let mut facts = complete();
        facts.plan_submitted = *t == Transition::ApprovePlan;
        spoil(&mut facts);
        let r = decide(*stage, SUPERVISOR_ACTOR, &full_request(*t), &facts).unwrap_err();
        assert_eq!(r.missing, vec![*missing], "{stage} {t}");
    }
}

#[test]
fn reasons_are_required_where_the_guard_says() {
    let blank = TransitionRequest {
        transition: Transition::StepBack,
        reason: Some("   ".into()),
        closure_reason: None,
    };
    let r = decide(Contract, WORKER, &blank, &complete()).unwrap_err();
    assert_eq!(r.missing, vec![Missing::Reason]);

    // A planned-closure reason cannot end a case early.
    let early = TransitionRequest {
        transition: Transition::CloseEarly,
        reason: None,
        closure_reason: Some(ClosureReason::GoalsAchieved),
    };
    let r = decide(Assessment, WORKER, &early, &complete()).unwrap_err();
    assert_eq!(r.missing, vec![Missing::EarlyClosureReason]);
}

#[test]
fn every_rule_is_unique_and_every_open_stage_can_end() {
    for (i, a) in RULES.iter().enumerate() {
        for b in &RULES[i + 1..] {
            assert!(
                !(a.from == b.from && a.transition == b.transition),
                "duplicate rule {} {}",
                a.from,
                a.transition
            );
        }
    }
    for stage in CaseStage::ALL.iter().filter(|s| s.is_open()) {
        assert!(
            RULES.iter().any(|r| r.from == *stage && r.to == Closed),
            "{stage} has no way to end"
        );
    }
}

#[test]
fn a_plan_that_needs_approval_is_submitted_not_advanced() {
    use Transition::*;
    let f = supervised();
    assert_eq!(
        open_transitions(Contract, WORKER, &f),
        vec![SubmitPlan, StepBack, CloseEarly]
    );
    let r = decide(Contract, WORKER, &full_request(Advance), &f).unwrap_err();
    assert_eq!(r.kind, RefusalKind::MissingFacts);
    assert_eq!(r.missing, vec![Missing::PlanApproval]);
    assert!(r.open.contains(&SubmitPlan));
    let rule = decide(Contract, WORKER, &full_request(SubmitPlan), &f).unwrap();
    assert_eq!(rule.to, Contract);
    assert_eq!(rule.awaits, Some(ApprovalKind::Plan));
    // An incomplete plan cannot be submitted.
    let mut thin = f.clone();
    thin.goal_count = 0;
    let r = decide(Contract, WORKER, &full_request(SubmitPlan), &thin).unwrap_err();
    assert_eq!(r.missing, vec![Missing::Goals]);
}

#[test]
fn a_submitted_plan_waits_for_a_supervisors_decision_with_a_comment() {
    use Transition::*;
    let f = CaseFacts {
        plan_submitted: true,
        ..supervised()
    };
    assert_eq!(
        open_transitions(Contract, WORKER, &f),
        vec![StepBack, CloseEarly]
    );
    assert_eq!(
        open_transitions(Contract, SUPERVISOR_ACTOR, &f),
        vec![ApprovePlan, ReturnPlan, StepBack, CloseEarly]
    );
    let r = decide(Contract, WORKER, &full_request(SubmitPlan), &f).unwrap_err();
    assert_eq!(r.missing, vec![Missing::PlanNotSubmitted]);
    for t in [ApprovePlan, ReturnPlan] {
        let bare = TransitionRequest {
            transition: t,
            reason: Some("  ".into()),
            closure_reason: None,
        };
        let r = decide(Contract, SUPERVISOR_ACTOR, &bare, &f).unwrap_err();
        assert_eq!(r.missing, vec![Missing::Comment], "{t}");
    }
    let approved = decide(Contract, SUPERVISOR_ACTOR, &full_request(ApprovePlan), &f).unwrap();
    assert_eq!((approved.to, approved.awaits), (Intervention, None));
    let returned = decide(Contract, SUPERVISOR_ACTOR, &full_request(ReturnPlan), &f).unwrap();
    assert_eq!((returned.to, returned.awaits), (Contract, None));
    // Nothing to decide before the plan is submitted.
    let r = decide(
        Contract,
        SUPERVISOR_ACTOR,
        &full_request(ApprovePlan),
        &supervised(),
    )
    .unwrap_err();
    assert_eq!(r.missing, vec![Missing::PlanSubmitted]);
}

#[test]
fn without_plan_approval_the_worker_advances() {
    use Transition::*;
    let f = complete();
    assert_eq!(
        open_transitions(Contract, WORKER, &f),
        vec![Advance, StepBack, CloseEarly]
    );
    let r = decide(Contract, WORKER, &full_request(SubmitPlan), &f).unwrap_err();
    assert_eq!(r.missing, vec![Missing::PlanApprovalPolicy]);
    assert_eq!(
        decide(Contract, WORKER, &full_request(Advance), &f).map(|r| r.to),
        Ok(Intervention)
    );
}

#[test]
fn closure_sign_off_follows_the_policy() {
    use Transition::*;
    // Required: only a supervisor closes, with a comment.
    let f = supervised();
    let r = decide(Closure, WORKER, &full_request(Advance), &f).unwrap_err();
    assert_eq!(r.kind, RefusalKind::MissingFacts);
    assert_eq!(r.missing, vec![Missing::ClosureSignOff]);
    let no_comment = TransitionRequest::bare(ApproveClosure);
    let r = decide(Closure, SUPERVISOR_ACTOR, &no_comment, &f).unwrap_err();
    assert_eq!(r.missing, vec![Missing::Comment]);
    // Not required: the worker's advance closes the case.
    let f = complete();
    assert_eq!(open_transitions(Closure, WORKER, &f), vec![Advance]);
    assert_eq!(
        decide(Closure, WORKER, &full_request(Advance), &f).map(|r| r.to),
        Ok(Closed)
    );
}

#[test]
fn only_submitting_and_entering_closure_leave_an_approval_waiting() {
    for r in RULES {
        let expected = match (r.from, r.transition) {
            (Contract, Transition::SubmitPlan) => Some(ApprovalKind::Plan),
            (Intervention, Transition::Advance) => Some(ApprovalKind::Closure),
            _ => None,
        };
        assert_eq!(r.awaits, expected, "{} {}", r.from, r.transition);
    }
}
