//! Transfers of a case and direct reassignment, through HTTP on SQLite and
//! (when configured) PostgreSQL: the whole flow, who may do what, bad input
//! that changes nothing, two people accepting at once, and an agency transfer
//! that moves the case out of the old agency's sight.

#[macro_use]
mod common;
#[path = "transfers/refusals.rs"]
mod refusals;
#[path = "transfers/screens.rs"]
mod screens;
#[path = "outbound_common/mod.rs"]
mod support;

use axum::http::StatusCode;
use casework::db::{accounts, organisations};
use casework::domain::Role;
use common::{Fixture, TestApp, create_client, open_case};
use serde_json::{Value, json};
use support::*;

/// Asks for a transfer of `case` as `actor`.
pub async fn ask(app: &TestApp, actor: &str, case: &str, data: Value) -> (StatusCode, Value) {
    app.post(
        &format!("/api/cases/{case}/transfers"),
        actor,
        json!({ "version": version(app, case), "data": data }),
    )
    .await
}

/// A new case of the fixture's worker; returns (id, reference).
pub async fn new_case(app: &TestApp, fx: &Fixture, name: &str) -> (String, String) {
    let client = create_client(app, &fx.worker, name, 1986).await;
    let (case, _) = open_case(app, fx, "counselling", &client).await;
    let (_, view) = app.get(&format!("/api/cases/{case}"), &fx.worker).await;
    (case, view["case"]["reference"].as_str().unwrap().to_owned())
}

/// Two supervisors of the other agency (in the stranger's team there).
pub fn other_agency_supervisors(app: &TestApp, fx: &Fixture) -> (String, String) {
    app.with_conn(|c| {
        let team = accounts::teams_of(c, &fx.stranger).unwrap()[0].clone();
        let mut add = |name: &str| {
            let id = organisations::insert_user(c, &fx.other_agency, name, Role::Supervisor)
                .unwrap()
                .id;
            accounts::add_to_team(c, &team, &id, casework::db::now()).unwrap();
            id
        };
        (add("Mary Wong"), add("赵敏"))
    })
}

async fn within_the_agency(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (case, reference) = new_case(&app, &fx, "林晓").await;
    let v0 = version(&app, &case);
    let (status, body) = ask(
        &app,
        &fx.worker,
        &case,
        json!({ "to_worker_id": fx.colleague, "reason": "本人下月休产假" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["case"]["version"], v0 + 1, "asking claims the version");
    assert_eq!(body["transfer"]["status"], "pending");
    assert_eq!(
        body["transfer"]["to_organisation_id"],
        fx.agency.as_str(),
        "default: this agency"
    );
    let transfer = body["transfer"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        notifications_of(&app, &fx.colleague),
        [(
            "transfer_requested".to_owned(),
            reference.clone(),
            "/transfers".to_owned()
        )]
    );

    // A second open transfer of the same case: 409, even with a fresh version.
    let before = (count(&app, "case_transfers"), version(&app, &case));
    let (status, body) = ask(
        &app,
        &fx.supervisor,
        &case,
        json!({ "to_worker_id": fx.other_team_worker, "reason": "x" }),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "transfer_pending");
    assert!(
        body["message"].as_str().unwrap().contains("等待答复"),
        "{body}"
    );
    assert_eq!(
        (count(&app, "case_transfers"), version(&app, &case)),
        before
    );

    // The receiver's list: the summary, nothing of the records.
    let (status, mine) = app.get("/api/transfers", &fx.colleague).await;
    assert_eq!(status, StatusCode::OK);
    let t = &mine["incoming"][0];
    assert_eq!(t["case_reference"], reference.as_str());
    assert_eq!(t["client_name"], "林晓");
    assert_eq!(t["reason"], "本人下月休产假");
    assert_eq!(t["to_me"], true);
    let keys: Vec<&String> = t.as_object().unwrap().keys().collect();
    assert!(
        !keys
            .iter()
            .any(|k| ["records", "details", "client", "phone"].contains(&k.as_str())),
        "{keys:?}"
    );
    assert_eq!(
        audit_rows(&app, "transfer_view", &case).len(),
        1,
        "the summary read is recorded"
    );
    // Nobody else sees it to decide; the worker sees it as sent.
    for other in [
        &fx.worker,
        &fx.supervisor,
        &fx.other_team_worker,
        &fx.stranger,
    ] {
        let (_, mine) = app.get("/api/transfers", other).await;
        assert_eq!(mine["incoming"], json!([]), "{other}");
    }
    let (_, mine) = app.get("/api/transfers", &fx.worker).await;
    assert_eq!(mine["outgoing"][0]["id"], transfer.as_str());
    for refused in [&fx.officer, &fx.admin] {
        let (status, _) = app.get("/api/transfers", refused).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    // Only the named worker decides; others are not told it exists.
    for other in [
        &fx.worker,
        &fx.supervisor,
        &fx.other_supervisor,
        &fx.stranger,
        &fx.officer,
    ] {
        let (status, _) = app
            .post(
                &format!("/api/transfers/{transfer}/accept"),
                other,
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{other}");
    }
    let refused: i64 = app.with_conn(|c| {
        use casework::db::schema::audit_events as a;
        use diesel::prelude::*;
        a::table
            .filter(a::action.eq("case_transfer"))
            .filter(a::outcome.eq("refused"))
            .filter(a::record_id.eq(&transfer))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(refused, 5);

    let (status, body) = app
        .post(
            &format!("/api/transfers/{transfer}/accept"),
            &fx.colleague,
            json!({ "note": "好的，我来跟进" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (org, team, worker, v) = placement(&app, &case);
    assert_eq!(
        (org, team, worker),
        (
            fx.agency.clone(),
            Some(fx.team.clone()),
            Some(fx.colleague.clone())
        )
    );
    assert_eq!(v, v0 + 2, "accepting bumps the version");
    assert_eq!(
        notifications_of(&app, &fx.worker),
        [(
            "transfer_accepted".to_owned(),
            reference.clone(),
            format!("/cases/{case}")
        )]
    );
    // Twice: 409, nothing changes.
    let (status, body) = app
        .post(
            &format!("/api/transfers/{transfer}/accept"),
            &fx.colleague,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "transfer_decided");
    assert_eq!(placement(&app, &case).3, v);

    // The new worker may now change the case, the old one only read it (teammate).
    let (status, _) = app.get(&format!("/api/cases/{case}"), &fx.colleague).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = ask(
        &app,
        &fx.worker,
        &case,
        json!({ "to_worker_id": fx.supervisor, "reason": "x" }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // History stays: the transfer rows and the case's audit trail.
    let (status, history) = app
        .get(&format!("/api/cases/{case}/transfers"), &fx.supervisor)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(history[0]["status"], "accepted");
    assert_eq!(history[0]["decision_note"], "好的，我来跟进");
    assert_eq!(history[0]["requested_by"], fx.worker.as_str());
    assert_eq!(history[0]["decided_by"], fx.colleague.as_str());
    let (_, view) = app.get(&format!("/api/cases/{case}"), &fx.supervisor).await;
    assert_eq!(view["transfers"][0]["id"], transfer.as_str());
    let details: Vec<String> = audit_rows(&app, "case_transfer", &case)
        .into_iter()
        .filter(|r| r.1 == "allowed")
        .filter_map(|r| r.2)
        .collect();
    assert_eq!(
        details,
        [format!("request {transfer}"), format!("accept {transfer}")]
    );
}
on_both_backends!(transfer_within_agency, within_the_agency);

async fn to_another_agency(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (case, reference) = new_case(&app, &fx, "Maria Lopez").await;
    // An agency without supervisors could never answer: refused.
    let (status, body) = ask(
        &app,
        &fx.worker,
        &case,
        json!({ "to_organisation_id": fx.other_agency, "reason": "服务对象搬到对方辖区" }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), ["transfer.to_organisation_id"]);

    let (boss, _) = other_agency_supervisors(&app, &fx);
    let (status, body) = ask(
        &app,
        &fx.supervisor,
        &case,
        json!({ "to_organisation_id": fx.other_agency, "reason": "服务对象搬到对方辖区" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let transfer = body["transfer"]["id"].as_str().unwrap().to_owned();
    assert_eq!(notifications_of(&app, &boss)[0].0, "transfer_requested");
    assert!(
        notifications_of(&app, &fx.stranger).is_empty(),
        "only supervisors decide"
    );
    // Before accepting, the receiving side does not see the case.
    let (status, _) = app.get(&format!("/api/cases/{case}"), &boss).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .post(
            &format!("/api/transfers/{transfer}/accept"),
            &fx.stranger,
            json!({}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a worker there does not decide"
    );
    // Naming a worker of another agency: refused, nothing changes.
    let (status, body) = app
        .post(
            &format!("/api/transfers/{transfer}/accept"),
            &boss,
            json!({ "worker_id": fx.colleague }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&body), ["transfer.worker_id"]);
    assert_eq!(placement(&app, &case).0, fx.agency);

    let (status, body) = app
        .post(
            &format!("/api/transfers/{transfer}/accept"),
            &boss,
            json!({ "worker_id": fx.stranger }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let stranger_team = app.with_conn(|c| accounts::teams_of(c, &fx.stranger).unwrap()[0].clone());
    let (org, team, worker, _) = placement(&app, &case);
    assert_eq!(
        (org, team, worker),
        (
            fx.other_agency.clone(),
            Some(stranger_team),
            Some(fx.stranger.clone())
        )
    );
    assert_eq!(
        notifications_of(&app, &fx.stranger),
        [(
            "case_assigned".to_owned(),
            reference.clone(),
            format!("/cases/{case}")
        )]
    );
    let told: Vec<String> = notifications_of(&app, &fx.supervisor)
        .into_iter()
        .map(|n| n.0 + " " + &n.2)
        .collect();
    assert_eq!(
        told,
        ["transfer_accepted /transfers"],
        "the old side's link no longer opens the case"
    );

    // The old agency no longer sees it; the new one does, with its history.
    for old in [&fx.worker, &fx.colleague, &fx.supervisor] {
        let (status, _) = app.get(&format!("/api/cases/{case}"), old).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{old}");
        let (status, _) = app.get(&format!("/api/cases/{case}/transfers"), old).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, list) = app.get("/api/cases", old).await;
        assert!(
            list.as_array()
                .unwrap()
                .iter()
                .all(|c| c["id"] != case.as_str())
        );
    }
    for new in [&fx.stranger, &boss] {
        let (status, view) = app.get(&format!("/api/cases/{case}"), new).await;
        assert_eq!(status, StatusCode::OK, "{new}");
        assert_eq!(
            view["transfers"][0]["from_organisation_name"],
            "鹏城社工服务中心"
        );
        assert_eq!(
            view["case"]["created_by"],
            fx.worker.as_str(),
            "the history stays"
        );
    }
    // The requester still sees what became of the request (reference only).
    let (_, mine) = app.get("/api/transfers", &fx.supervisor).await;
    assert_eq!(mine["outgoing"][0]["status"], "accepted");
    assert_eq!(mine["outgoing"][0]["case_reference"], reference.as_str());
    assert_eq!(
        mine["outgoing"][0]["to_organisation_name"],
        "Harbour Social Services"
    );
}
on_both_backends!(transfer_to_another_agency, to_another_agency);

async fn accepted_once(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (one, two) = other_agency_supervisors(&app, &fx);
    for round in 0..4 {
        let (case, _) = new_case(&app, &fx, &format!("并发{round}")).await;
        let (status, body) = ask(
            &app,
            &fx.worker,
            &case,
            json!({ "to_organisation_id": fx.other_agency, "reason": "搬迁" }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let transfer = body["transfer"]["id"].as_str().unwrap().to_owned();
        let uri = format!("/api/transfers/{transfer}/accept");
        let (a, b) = tokio::join!(
            app.post(&uri, &one, json!({})),
            app.post(&uri, &two, json!({}))
        );
        let statuses = [a.0, b.0];
        assert_eq!(
            statuses.iter().filter(|s| **s == StatusCode::OK).count(),
            1,
            "exactly one wins: {a:?} {b:?}"
        );
        let loser = if a.0 == StatusCode::OK { &b } else { &a };
        assert_eq!(loser.0, StatusCode::CONFLICT, "{loser:?}");
        assert_eq!(loser.1["error"], "transfer_decided");
        let winner = if a.0 == StatusCode::OK { &one } else { &two };
        let (org, _, worker, _) = placement(&app, &case);
        assert_eq!(
            (org, worker),
            (fx.other_agency.clone(), Some(winner.clone()))
        );
        let (status, history) = app
            .get(&format!("/api/cases/{case}/transfers"), winner)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(history.as_array().unwrap().len(), 1);
        assert_eq!(history[0]["decided_by"], winner.as_str());
        let accepted = audit_rows(&app, "case_transfer", &case)
            .into_iter()
            .filter(|r| r.2.as_deref().is_some_and(|d| d.starts_with("accept")))
            .count();
        assert_eq!(accepted, 1);
    }
}
on_both_backends!(two_accept_at_once, accepted_once);
