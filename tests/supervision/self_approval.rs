//! Nobody signs off an approval they asked for, or one of a case they held since
//! it was asked for: handing the case to a worker in between does not make the
//! supervisor "someone else". The refusal is clear, nothing changes, and the
//! item is not in that supervisor's queue.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::common::{Fixture, Snapshot, TestApp};
use crate::support::*;

async fn queue(app: &TestApp, who: &str) -> Vec<String> {
    let (status, body) = app.get("/api/approvals", who).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array()
        .unwrap()
        .iter()
        .map(|i| i["case_id"].as_str().unwrap().to_owned())
        .collect()
}

async fn offered(app: &TestApp, who: &str, case: &Case) -> Vec<String> {
    let (status, view) = app.get(&format!("/api/cases/{}", case.id), who).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    serde_json::from_value(view["open_transitions"].clone()).unwrap()
}

/// Hands the case to `worker` through the supervision screen's path
/// (`/assignment`) or the transfers' direct reassignment (`/reassign`).
async fn hand_over(app: &TestApp, by: &str, case: &mut Case, path: &str, worker: &str) {
    let (status, answer) = app
        .post(
            &format!("/api/cases/{}/{path}", case.id),
            by,
            json!({ "version": case.v, "data": { "worker_id": worker, "reason": "休假" } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (_, view) = app.get(&format!("/api/cases/{}", case.id), by).await;
    case.v = view["case"]["version"].as_i64().unwrap();
}

async fn refused(app: &TestApp, who: &str, case: &mut Case, transition: &str) -> Value {
    let before = Snapshot::take(app);
    let (status, answer) = try_move(app, who, case, transition, Some("同意")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["reason"], "own_request", "{answer}");
    assert_eq!(Snapshot::take(app), before, "nothing changed");
    answer
}

async fn second_supervisor(app: &TestApp, fx: &Fixture) -> String {
    app.with_conn(|c| {
        let id = casework::db::organisations::insert_user(
            c,
            &fx.agency,
            "刘督导",
            casework::domain::Role::Supervisor,
        )
        .unwrap()
        .id;
        casework::db::accounts::add_to_team(c, &fx.team, &id, casework::db::now()).unwrap();
        id
    })
}

async fn asked_then_handed_over(app: TestApp) {
    let fx = Fixture::insert(&app);
    let second = second_supervisor(&app, &fx).await;
    let (s, w) = (fx.supervisor.as_str(), fx.worker.as_str());

    // The supervisor submits the plan of a case they hold, then hands it over.
    let mut case = open(&app, &fx, "counselling", &fx.team, Some(s), "甲").await;
    to_contract(&app, s, &mut case, "low").await;
    mv(&app, s, &mut case, "submit_plan", None).await;
    hand_over(&app, s, &mut case, "assignment", w).await;
    for t in ["approve_plan", "return_plan"] {
        let answer = refused(&app, s, &mut case, t).await;
        assert!(
            answer["message"].as_str().unwrap().contains("审批"),
            "{answer}"
        );
    }
    assert!(
        !offered(&app, s, &case)
            .await
            .contains(&"approve_plan".into())
    );
    assert!(
        queue(&app, s).await.is_empty(),
        "not in the requester's queue"
    );
    assert_eq!(queue(&app, &second).await, [case.id.clone()]);
    assert!(
        offered(&app, &second, &case)
            .await
            .contains(&"approve_plan".into())
    );
    mv(&app, &second, &mut case, "approve_plan", Some("同意")).await;

    // The closure: asked for by the supervisor while a colleague holds the
    // case, which then goes to another worker.
    hand_over(&app, s, &mut case, "reassign", fx.colleague.as_str()).await;
    session(&app, &fx.colleague, &mut case, today(), "n").await;
    mv(&app, s, &mut case, "advance", None).await;
    hand_over(&app, s, &mut case, "reassign", w).await;
    for t in ["approve_closure", "send_back"] {
        refused(&app, s, &mut case, t).await;
    }
    assert!(queue(&app, s).await.is_empty());
    assert_eq!(queue(&app, &second).await, [case.id.clone()]);
}
on_both_backends!(requester_may_not_approve, asked_then_handed_over);

/// Another supervisor asked, but the case was this supervisor's when it was
/// asked for: they may not decide it either, whoever holds it now.
async fn held_since_the_request(app: TestApp) {
    let fx = Fixture::insert(&app);
    let second = second_supervisor(&app, &fx).await;
    let s = fx.supervisor.as_str();
    let mut case = open(&app, &fx, "counselling", &fx.team, Some(s), "乙").await;
    to_contract(&app, &second, &mut case, "low").await;
    mv(&app, &second, &mut case, "submit_plan", None).await;
    hand_over(&app, s, &mut case, "reassign", &fx.worker).await;
    refused(&app, s, &mut case, "approve_plan").await;
    assert!(queue(&app, s).await.is_empty(), "held it since the request");
    refused(&app, &second, &mut case, "approve_plan").await;
    assert!(queue(&app, &second).await.is_empty(), "asked for it");
}
on_both_backends!(former_holder_may_not_approve, held_since_the_request);
