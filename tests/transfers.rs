//! Transfers of a case and direct reassignment, through HTTP on SQLite and
//! (when configured) PostgreSQL: the whole flow, who may do what, bad input
//! that changes nothing, two people accepting at once, and an agency transfer
//! that moves the case out of the old agency's sight.

#[macro_use]
mod common;
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

async fn refused_requests(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (case, _) = new_case(&app, &fx, "王磊").await;
    let disabled = app.with_conn(|c| {
        let id = organisations::insert_user(c, &fx.agency, "离职社工", Role::SocialWorker)
            .unwrap()
            .id;
        accounts::disable(c, &id, casework::db::now()).unwrap();
        id
    });
    let snapshot = |app: &TestApp| {
        (
            count(app, "case_transfers"),
            count(app, "notifications"),
            version(app, &case),
        )
    };
    let before = snapshot(&app);
    let unknown = uuid::Uuid::new_v4().to_string();
    let bad: &[(Value, &[&str])] = &[
        (
            json!({ "to_worker_id": unknown, "reason": "x" }),
            &["transfer.to_worker_id"],
        ),
        (
            json!({ "to_worker_id": disabled, "reason": "x" }),
            &["transfer.to_worker_id"],
        ),
        (
            json!({ "to_worker_id": fx.officer, "reason": "x" }),
            &["transfer.to_worker_id"],
        ),
        (
            json!({ "to_worker_id": fx.worker, "reason": "x" }),
            &["transfer.to_worker_id"],
        ),
        (
            json!({ "to_worker_id": fx.stranger, "reason": "x" }),
            &["transfer.to_worker_id"],
        ),
        (
            json!({ "to_organisation_id": unknown, "reason": "x" }),
            &["transfer.to_organisation_id"],
        ),
        (
            json!({ "to_organisation_id": fx.union, "reason": "x" }),
            &["transfer.to_organisation_id"],
        ),
        (json!({ "reason": "x" }), &["transfer.to_worker_id"]),
        (
            json!({ "to_worker_id": fx.colleague, "reason": " " }),
            &["transfer.reason"],
        ),
    ];
    for (data, want) in bad {
        let (status, body) = ask(&app, &fx.worker, &case, data.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{data}: {body}");
        assert_eq!(fields(&body), *want, "{data}");
    }
    let (status, _) = ask(
        &app,
        &fx.worker,
        &case,
        json!({ "to_worker_id": fx.colleague, "reason": "x", "case_id": case }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "unknown fields are refused"
    );
    let (status, body) = app
        .post(&format!("/api/cases/{case}/transfers"), &fx.worker,
            json!({ "version": version(&app, &case) - 1, "data": { "to_worker_id": fx.colleague, "reason": "x" } }))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "conflict");
    let (status, _) = ask(
        &app,
        &fx.colleague,
        &case,
        json!({ "to_worker_id": fx.colleague, "reason": "x" }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a teammate may not");
    for outsider in [
        &fx.other_team_worker,
        &fx.other_supervisor,
        &fx.stranger,
        &fx.officer,
        &fx.admin,
    ] {
        let (status, _) = ask(
            &app,
            outsider,
            &case,
            json!({ "to_worker_id": fx.colleague, "reason": "x" }),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, body) = app
        .post(
            &format!("/api/cases/{case}/transfers/cancel"),
            &fx.worker,
            json!({ "version": version(&app, &case), "data": {} }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "transfer_not_pending");
    assert_eq!(snapshot(&app), before, "nothing changed");
    let (status, _) = app
        .post(
            &format!("/api/transfers/{unknown}/accept"),
            &fx.worker,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .post("/api/transfers/not-an-id/accept", &fx.worker, json!({}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A closed case is not handed on.
    close_early(&app, &fx.worker, &case).await;
    let (status, body) = ask(
        &app,
        &fx.worker,
        &case,
        json!({ "to_worker_id": fx.colleague, "reason": "x" }),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "edit_refused");
}
on_both_backends!(transfer_bad_input, refused_requests);

async fn declined_and_withdrawn(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (case, reference) = new_case(&app, &fx, "陈静").await;
    let (_, body) = ask(
        &app,
        &fx.worker,
        &case,
        json!({ "to_worker_id": fx.other_team_worker, "reason": "需要劳动关系专长" }),
    )
    .await;
    let transfer = body["transfer"]["id"].as_str().unwrap().to_owned();
    let uri = format!("/api/transfers/{transfer}/decline");
    let (status, body) = app.post(&uri, &fx.other_team_worker, json!({})).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason to decline is required"
    );
    assert_eq!(fields(&body), ["transfer.note"]);
    let (status, body) = app
        .post(
            &uri,
            &fx.other_team_worker,
            json!({ "note": "本组个案已满" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "declined");
    let (_, _, worker, _) = placement(&app, &case);
    assert_eq!(worker, Some(fx.worker.clone()), "the case stays");
    assert_eq!(
        notifications_of(&app, &fx.worker),
        [(
            "transfer_declined".to_owned(),
            reference,
            format!("/cases/{case}")
        )]
    );
    let (status, _) = app
        .post(
            &format!("/api/transfers/{transfer}/accept"),
            &fx.other_team_worker,
            json!({}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "a declined transfer cannot be accepted"
    );

    // Asked again, withdrawn by the supervisor; the receiver can no longer accept.
    let (_, body) = ask(
        &app,
        &fx.worker,
        &case,
        json!({ "to_worker_id": fx.other_team_worker, "reason": "再次申请" }),
    )
    .await;
    let again = body["transfer"]["id"].as_str().unwrap().to_owned();
    let (status, body) = app
        .post(
            &format!("/api/cases/{case}/transfers/cancel"),
            &fx.supervisor,
            json!({ "version": version(&app, &case), "data": { "note": "先由本组跟进" } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["transfer"]["status"], "cancelled");
    let (status, body) = app
        .post(
            &format!("/api/transfers/{again}/accept"),
            &fx.other_team_worker,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"], "transfer_decided");
    let (_, history) = app
        .get(&format!("/api/cases/{case}/transfers"), &fx.worker)
        .await;
    let statuses: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["declined", "cancelled"], "the history stays");
}
on_both_backends!(transfer_declined_and_withdrawn, declined_and_withdrawn);

async fn reassigned(app: TestApp) {
    let fx = Fixture::insert(&app);
    let (case, reference) = new_case(&app, &fx, "刘洋").await;
    let uri = format!("/api/cases/{case}/reassign");
    let body = |app: &TestApp, worker: &str| json!({ "version": version(app, &case), "data": { "worker_id": worker, "reason": "平衡工作量" } });
    let before = (count(&app, "case_transfers"), version(&app, &case));
    for (who, want) in [
        (&fx.worker, StatusCode::FORBIDDEN),
        (&fx.colleague, StatusCode::FORBIDDEN),
        (&fx.other_supervisor, StatusCode::NOT_FOUND),
        (&fx.stranger, StatusCode::NOT_FOUND),
        (&fx.officer, StatusCode::NOT_FOUND),
    ] {
        let (status, _) = app.post(&uri, who, body(&app, &fx.colleague)).await;
        assert_eq!(status, want, "{who}");
    }
    // Within the supervisor's teams only.
    let (status, answer) = app
        .post(&uri, &fx.supervisor, body(&app, &fx.other_team_worker))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), ["transfer.worker_id"]);
    let (status, answer) = app.post(&uri, &fx.supervisor, body(&app, &fx.worker)).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "already theirs: {answer}"
    );
    let (status, _) = app
        .post(&uri, &fx.supervisor, json!({ "version": version(&app, &case) - 1, "data": { "worker_id": fx.colleague, "reason": "x" } }))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        (count(&app, "case_transfers"), version(&app, &case)),
        before
    );

    let (status, answer) = app
        .post(&uri, &fx.supervisor, body(&app, &fx.colleague))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["transfer"]["kind"], "reassignment");
    assert_eq!(answer["transfer"]["status"], "accepted");
    let (_, team, worker, v) = placement(&app, &case);
    assert_eq!(
        (team, worker),
        (Some(fx.team.clone()), Some(fx.colleague.clone()))
    );
    assert_eq!(v, before.1 + 1);
    assert_eq!(
        notifications_of(&app, &fx.colleague),
        [(
            "case_assigned".to_owned(),
            reference,
            format!("/cases/{case}")
        )]
    );
    // While a transfer waits, a direct reassignment is refused.
    let (status, _) = ask(
        &app,
        &fx.colleague,
        &case,
        json!({ "to_worker_id": fx.worker, "reason": "x" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, answer) = app.post(&uri, &fx.supervisor, body(&app, &fx.worker)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(answer["error"], "transfer_pending");
}
on_both_backends!(direct_reassignment, reassigned);

/// The database itself keeps one open transfer per case (the partial unique
/// index), whatever a caller does.
async fn one_open_per_case(app: TestApp) {
    use casework::db::schema::case_transfers;
    use casework::db::transfers::Transfer;
    use diesel::prelude::*;
    let fx = Fixture::insert(&app);
    let (case, _) = new_case(&app, &fx, "索引").await;
    let (status, body) = ask(
        &app,
        &fx.worker,
        &case,
        json!({ "to_worker_id": fx.colleague, "reason": "x" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let second = app.with_conn(|c| {
        let mut t: Transfer = case_transfers::table
            .select(Transfer::as_select())
            .first(c)
            .unwrap();
        t.id = uuid::Uuid::new_v4().to_string();
        diesel::insert_into(case_transfers::table)
            .values(&t)
            .execute(c)
    });
    assert!(
        matches!(
            second,
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        ),
        "{second:?}"
    );
}
on_both_backends!(one_pending_transfer_per_case, one_open_per_case);
