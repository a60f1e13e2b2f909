//! Transfers refused, declined, withdrawn; direct reassignment; the database's
//! own guarantee of one open transfer per case.

use axum::http::StatusCode;
use casework::db::{accounts, organisations};
use casework::domain::Role;
use common::{Fixture, TestApp};
use serde_json::{Value, json};

use super::support::*;
use super::{ask, new_case};
use crate::common;

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
