//! Property test: random transition sequences against a hand-written reference
//! model of the brief's workflow, through the real database.
//!
//! Every record a guard needs is filled in up front, so only stage, role, the
//! case type's approval policy (which a step may change) and whether the plan
//! awaits approval decide. After each step: the stored stage and the approval
//! the case awaits equal the model's, replaying the log gives the stored stage,
//! and a refused or stale request changes nothing (so a closed case never
//! changes until it is reopened).

mod common;

use casework::db::records::{
    AssessmentRecord, ClosureRecord, ContractRecord, Goal, IntakeRecord, Session,
};
use casework::db::schema::*;
use casework::db::supervision::approvals;
use casework::db::{DbConnection, StoreError, cases, now, transitions, write_transaction};
use casework::domain::supervision::{ApprovalKind, ApprovalPolicy};
use casework::domain::validation::NewCaseInput;
use casework::domain::vocab::{CaseType, ClosureReason, Role};
use casework::domain::workflow::{Transition, TransitionRequest};
use common::{Fixture, TestApp};

use diesel::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// The brief's workflow with the approvals, written independently of
/// `RULES`: from (stage, plan awaiting approval) and the policy (plan approval
/// required, closure sign-off required) to the next (stage, plan awaiting).
/// `asked_by_supervisor`: the supervisor made the request the case awaits now
/// (submitted the plan, or moved the case to closure); nobody signs off what
/// they asked for themselves.
fn model(
    (stage, pending): (&'static str, bool),
    transition: &str,
    supervisor: bool,
    asked_by_supervisor: bool,
    (plan_required, closure_required): (bool, bool),
) -> Option<(&'static str, bool)> {
    let sign_off = matches!(
        transition,
        "approve_plan" | "return_plan" | "approve_closure" | "send_back"
    );
    if sign_off && supervisor && asked_by_supervisor {
        return None;
    }
    let next = match (stage, transition) {
        ("intake", "advance") => "assessment",
        ("assessment", "advance") => "contract",
        ("contract", "advance") if !plan_required => "intervention",
        ("contract", "submit_plan") if plan_required && !pending => {
            return Some(("contract", true));
        }
        ("contract", "approve_plan") if supervisor && pending => "intervention",
        ("contract", "return_plan") if supervisor && pending => "contract",
        ("intervention", "advance") => "closure",
        ("closure", "approve_closure") if supervisor => "closed",
        ("closure", "advance") if !closure_required => "closed",
        ("closure", "send_back") if supervisor => "intervention",
        ("assessment", "step_back") => "intake",
        ("contract", "step_back") => "assessment",
        ("intervention", "step_back") => "contract",
        ("intake" | "assessment" | "contract" | "intervention", "close_early") => "closed",
        ("closed", "reopen") if supervisor => "assessment",
        _ => return None,
    };
    Some((next, false))
}

#[derive(Debug, Clone)]
enum Step {
    /// A transition by the assigned worker (false) or by a supervisor (true).
    Move(Transition, bool),
    /// The same, sent with an outdated version.
    Stale(Transition),
    /// The agency changes the case type's policy: (plan approval, closure sign-off).
    Policy(bool, bool),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let transition = proptest::sample::select(Transition::ALL.to_vec());
    let step = prop_oneof![
        8 => (transition.clone(), any::<bool>()).prop_map(|(t, s)| Step::Move(t, s)),
        1 => transition.prop_map(Step::Stale),
        1 => (any::<bool>(), any::<bool>()).prop_map(|(p, c)| Step::Policy(p, c)),
    ];
    proptest::collection::vec(step, 1..30)
}

fn set_policy(conn: &mut DbConnection, fx: &Fixture, (plan, closure): (bool, bool)) {
    write_transaction(conn, |c| {
        casework::db::supervision::policies::set_policy(
            c,
            &fx.agency,
            CaseType::Counselling,
            ApprovalPolicy {
                plan_required: plan,
                closure_required: closure,
            },
            &fx.supervisor,
            now(),
        )
    })
    .expect("policy");
}

/// A case whose every stage record is complete.
fn complete_case(conn: &mut DbConnection, fx: &Fixture, client_id: &str) -> String {
    write_transaction(conn, |conn| {
        let case = cases::open_case(
            conn,
            NewCaseInput {
                case_type: CaseType::Counselling,
                client_id: client_id.to_owned(),
                organisation_id: fx.agency.clone(),
                team_id: None,
                assigned_worker_id: Some(fx.worker.clone()),
            },
            &fx.worker,
        )?;
        let (id, by, at) = (case.id.clone(), fx.worker.clone(), now());
        diesel::insert_into(intake_records::table)
            .values(&IntakeRecord {
                case_id: id.clone(),
                channel: Some("hotline".into()),
                presenting_problem: Some("p".into()),
                urgency: Some("soon".into()),
                consent_service: true,
                consent_sensitive: true,
                guardian_consent: false,
                consent_recorded_by: Some(by.clone()),
                consent_recorded_at: Some(at),
                updated_by: by.clone(),
                updated_at: at,
            })
            .execute(conn)?;
        diesel::insert_into(assessment_records::table)
            .values(&AssessmentRecord {
                case_id: id.clone(),
                physiological: Some("a".into()),
                psychological: Some("b".into()),
                social: Some("c".into()),
                risk_level: Some("low".into()),
                risk_screening: Some("d".into()),
                needs: None,
                strengths: None,
                who5_baseline: Some(40),
                updated_by: by.clone(),
                updated_at: at,
            })
            .execute(conn)?;
        diesel::insert_into(contract_records::table)
            .values(&ContractRecord {
                case_id: id.clone(),
                services: Some("s".into()),
                frequency: Some("f".into()),
                client_agreed: true,
                agreed_on: Some(at.date()),
                updated_by: by.clone(),
                updated_at: at,
            })
            .execute(conn)?;
        diesel::insert_into(goals::table)
            .values(&Goal {
                id: casework::db::new_id(),
                case_id: id.clone(),
                position: 0,
                description: "g".into(),
                indicator: Some("i".into()),
                target_date: None,
                attainment: Some(1),
                created_at: at,
            })
            .execute(conn)?;
        diesel::insert_into(sessions::table)
            .values(&Session {
                id: casework::db::new_id(),
                case_id: id.clone(),
                held_on: at.date(),
                duration_minutes: 30,
                mode: "phone".into(),
                participants: None,
                notes: None,
                services_delivered: None,
                recorded_by: by.clone(),
                recorded_at: at,
            })
            .execute(conn)?;
        diesel::insert_into(closure_records::table)
            .values(&ClosureRecord {
                case_id: id.clone(),
                reason: Some("goals_achieved".into()),
                who5_closing: Some(60),
                satisfaction: Some(4),
                summary: Some("s".into()),
                follow_up_plan: None,
                updated_by: by,
                updated_at: at,
            })
            .execute(conn)?;
        Ok(id)
    })
    .expect("fixture case")
}

fn run_sequence(app: &TestApp, fx: &Fixture, client_id: &str, steps: &[Step]) {
    app.with_conn(|conn| {
        let id = complete_case(conn, fx, client_id);
        // Each sequence starts from the default policy: both approvals required.
        let mut policy = (true, true);
        set_policy(conn, fx, policy);
        let mut expected = "intake";
        let mut pending = false;
        let mut asked_by_supervisor = false;
        for step in steps {
            let before = cases::find_case(conn, &id).unwrap();
            let (transition, supervisor, version) = match step {
                Step::Move(t, s) => (*t, *s, before.version),
                Step::Stale(t) => (*t, false, before.version - 1),
                Step::Policy(p, c) => {
                    policy = (*p, *c);
                    set_policy(conn, fx, policy);
                    continue;
                }
            };
            let (actor, role) = if supervisor {
                (&fx.supervisor, Role::Supervisor)
            } else {
                (&fx.worker, Role::SocialWorker)
            };
            let request = TransitionRequest {
                transition,
                reason: Some("because".into()),
                closure_reason: Some(ClosureReason::ClientUnreachable),
            };
            let result = write_transaction(conn, |c| {
                transitions::apply(c, &id, version, actor, role, request)
            });
            let model_next = model(
                (expected, pending),
                transition.as_str(),
                supervisor,
                asked_by_supervisor,
                policy,
            );
            match (step, &result, model_next) {
                (Step::Stale(_), Err(StoreError::Conflict { current }), _) => {
                    assert_eq!(*current, before.version);
                }
                (Step::Move(..), Ok((case, entry)), Some((next, next_pending))) => {
                    assert_eq!(case.stage, next);
                    assert_eq!(entry.from_stage, expected);
                    // What the case awaits now was asked for by this move's actor
                    // (any other move clears the request).
                    asked_by_supervisor = supervisor
                        && (transition.as_str() == "submit_plan"
                            || (expected == "intervention" && next == "closure"));
                    expected = next;
                    pending = next_pending;
                }
                (Step::Move(..), Err(StoreError::Refused(_)), None) => {}
                other => panic!(
                    "{expected} + {step:?}: code said {:?}, model said {:?}",
                    other.1, other.2
                ),
            }
            let after = cases::find_case(conn, &id).unwrap();
            assert_eq!(after.stage, expected, "stored stage equals the model's");
            let awaiting = approvals::awaiting(conn, &id)
                .unwrap()
                .map(|(kind, _, _)| kind);
            let model_awaits = if pending {
                Some(ApprovalKind::Plan)
            } else if expected == "closure" {
                Some(ApprovalKind::Closure)
            } else {
                None
            };
            assert_eq!(
                awaiting, model_awaits,
                "the approval awaited equals the model's"
            );
            if result.is_err() {
                assert_eq!(after.version, before.version, "a refusal changes nothing");
                assert_eq!(after.updated_at, before.updated_at);
            } else {
                assert_eq!(after.version, before.version + 1);
            }
            assert_eq!(after.closed_at.is_some(), expected == "closed");
            let log = transitions::log(conn, &id).unwrap();
            assert_eq!(
                transitions::replay(&log).unwrap().as_str(),
                after.stage,
                "the log replays to the stage"
            );
        }
    });
}

fn check_backend(app: TestApp, cases: u32) {
    let fx = Fixture::insert(&app);
    let client_id = app.with_conn(|c| {
        casework::db::clients::insert_client(
            c,
            serde_json::from_value(serde_json::json!({
            "full_name": "Model Client" }))
            .unwrap(),
            &fx.worker,
        )
        .unwrap()
        .id
    });
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&steps(), |steps| {
            run_sequence(&app, &fx, &client_id, &steps);
            Ok(())
        })
        .unwrap();
}

#[test]
fn random_sequences_follow_the_model_on_sqlite() {
    check_backend(TestApp::sqlite(), 96);
}

#[test]
fn random_sequences_follow_the_model_on_postgres() {
    match TestApp::postgres() {
        Some(app) => check_backend(app, 32),
        None => eprintln!("CASEWORK_TEST_POSTGRES_URL not set: PostgreSQL run skipped"),
    }
}

#[test]
fn the_log_cannot_be_rewritten_on_sqlite() {
    check_append_only(TestApp::sqlite());
}

#[test]
fn the_log_cannot_be_rewritten_on_postgres() {
    match TestApp::postgres() {
        Some(app) => check_append_only(app),
        None => eprintln!("CASEWORK_TEST_POSTGRES_URL not set: PostgreSQL run skipped"),
    }
}

fn check_append_only(app: TestApp) {
    let fx = Fixture::insert(&app);
    app.with_conn(|conn| {
        let client = casework::db::clients::insert_client(
            conn,
            serde_json::from_value(serde_json::json!({ "full_name": "x" })).unwrap(),
            &fx.worker,
        )
        .unwrap();
        let id = complete_case(conn, &fx, &client.id);
        write_transaction(conn, |c| {
            transitions::apply(
                c,
                &id,
                1,
                &fx.worker,
                Role::SocialWorker,
                TransitionRequest::bare(Transition::Advance),
            )
        })
        .unwrap();
        let update = diesel::update(case_transitions::table)
            .set(case_transitions::to_stage.eq("closed"))
            .execute(conn);
        assert!(update.is_err(), "UPDATE must be refused");
        let delete = diesel::delete(case_transitions::table).execute(conn);
        assert!(delete.is_err(), "DELETE must be refused");
        assert_eq!(transitions::log(conn, &id).unwrap().len(), 1);
    });
}
