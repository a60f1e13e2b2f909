//! Table-driven tests of the state machine: every (stage, transition) pair.

use super::*;
use crate::domain::facts::{CaseFacts, Missing};
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
};
const WORKER: Actor = Actor {
    role: Role::SocialWorker,
    is_assigned_worker: true,
};

/// The expected machine, written out by hand: (from, transition, to for a supervisor).
/// `None` means the transition does not leave that stage.
#[test]
fn every_stage_transition_pair() {
    use Transition::*;
    let expected: &[(CaseStage, Transition, Option<CaseStage>)] = &[
        (Intake, Advance, Some(Assessment)),
        (Intake, StepBack, None),
        (Intake, CloseEarly, Some(Closed)),
        (Intake, ApproveClosure, None),
        (Intake, SendBack, None),
        (Intake, Reopen, None),
        (Assessment, Advance, Some(Contract)),
        (Assessment, StepBack, Some(Intake)),
        (Assessment, CloseEarly, Some(Closed)),
        (Assessment, ApproveClosure, None),
        (Assessment, SendBack, None),
        (Assessment, Reopen, None),
        (Contract, Advance, Some(Intervention)),
        (Contract, StepBack, Some(Assessment)),
        (Contract, CloseEarly, Some(Closed)),
        (Contract, ApproveClosure, None),
        (Contract, SendBack, None),
        (Contract, Reopen, None),
        (Intervention, Advance, Some(Closure)),
        (Intervention, StepBack, Some(Contract)),
        (Intervention, CloseEarly, Some(Closed)),
        (Intervention, ApproveClosure, None),
        (Intervention, SendBack, None),
        (Intervention, Reopen, None),
        (Closure, Advance, None),
        (Closure, StepBack, None),
        (Closure, CloseEarly, None),
        (Closure, ApproveClosure, Some(Closed)),
        (Closure, SendBack, Some(Intervention)),
        (Closure, Reopen, None),
        (Closed, Advance, None),
        (Closed, StepBack, None),
        (Closed, CloseEarly, None),
        (Closed, ApproveClosure, None),
        (Closed, SendBack, None),
        (Closed, Reopen, Some(Assessment)),
    ];
    assert_eq!(expected.len(), CaseStage::ALL.len() * Transition::ALL.len());
    for &(stage, transition, to) in expected {
        let got = decide(
            stage,
            SUPERVISOR_ACTOR,
            &full_request(transition),
            &complete(),
        );
        match to {
            Some(to) => assert_eq!(got.map(|r| r.to), Ok(to), "{stage} {transition}"),
            None => {
                let refusal = got.expect_err("must be refused");
                assert_eq!(refusal.kind, RefusalKind::NotFromThisStage);
                assert_eq!(refusal.stage, stage);
                assert!(!refusal.open.contains(&transition));
            }
        }
    }
}

#[test]
fn sign_offs_belong_to_supervisors_other_than_the_worker() {
    use Transition::*;
    for t in [ApproveClosure, SendBack] {
        let r = decide(Closure, WORKER, &full_request(t), &complete()).unwrap_err();
        assert_eq!(r.kind, RefusalKind::RoleNotPermitted, "{t}");
        assert_eq!(r.open, Vec::<Transition>::new());
    }
    let r = decide(Closed, WORKER, &full_request(Reopen), &complete()).unwrap_err();
    assert_eq!(r.kind, RefusalKind::RoleNotPermitted);
    let own = Actor {
        role: Role::Supervisor,
        is_assigned_worker: true,
    };
    let r = decide(Closure, own, &full_request(ApproveClosure), &complete()).unwrap_err();
    assert_eq!(r.kind, RefusalKind::OwnCase);
    // The worker may still advance their own case.
    assert!(decide(Intake, WORKER, &full_request(Advance), &complete()).is_ok());
}

#[test]
fn officers_and_administrators_move_nothing() {
    for role in [Role::UnionOfficer, Role::Administrator] {
        let actor = Actor {
            role,
            is_assigned_worker: false,
        };
        for stage in CaseStage::ALL {
            assert!(open_transitions(*stage, actor).is_empty());
            for t in Transition::ALL {
                assert!(decide(*stage, actor, &full_request(*t), &complete()).is_err());
            }
        }
    }
}

#[test]
fn open_transitions_per_stage_for_a_worker() {
    use Transition::*;
    assert_eq!(open_transitions(Intake, WORKER), vec![Advance, CloseEarly]);
    assert_eq!(
        open_transitions(Intervention, WORKER),
        vec![Advance, StepBack, CloseEarly]
    );
    assert_eq!(open_transitions(Closure, WORKER), vec![]);
    assert_eq!(
        open_transitions(Closure, SUPERVISOR_ACTOR),
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
    ];
    for (stage, t, spoil, missing) in cases {
        let mut facts = complete();
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
