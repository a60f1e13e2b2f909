//! The worker a case is handed to hears of it: when a referral is accepted
//! for them, and when supervision reassigns the case (which, like the transfers'
//! reassignment, waits for an open transfer to be answered).

use axum::http::StatusCode;
use serde_json::json;

use super::after_acceptance::{accept, notified};
use super::{post, refer, world};
use crate::common::TestApp;

async fn the_worker_named_is_told(app: TestApp) {
    let fx = world(&app);
    let id = refer(&app, &fx, "刘洋").await;
    let case = accept(&app, &fx, &id, &fx.supervisor, &fx.colleague).await;
    assert!(
        notified(&app, &fx.colleague).contains(&("case_assigned".into(), format!("/cases/{case}"))),
        "{:?}",
        notified(&app, &fx.colleague)
    );
    // Taking it oneself tells nobody.
    let id = refer(&app, &fx, "王芳").await;
    let before = notified(&app, &fx.worker).len();
    accept(&app, &fx, &id, &fx.worker, &fx.worker).await;
    let after = notified(&app, &fx.worker);
    assert!(
        !after[before..]
            .iter()
            .any(|(kind, _)| kind == "case_assigned"),
        "{after:?}"
    );
}
on_both_backends!(accepted_worker_notified, the_worker_named_is_told);

/// Supervision's reassignment (`/assignment`) follows the transfers' rules: the
/// new worker is told, and an open transfer blocks it.
async fn supervision_reassignment_notifies_and_respects_transfers(app: TestApp) {
    let fx = world(&app);
    let id = refer(&app, &fx, "刘洋").await;
    let case = accept(&app, &fx, &id, &fx.worker, &fx.worker).await;
    let version = |app: &TestApp| {
        app.with_conn(|c| casework::db::cases::find_case(c, &case).unwrap().version)
    };
    let (status, body) = app
        .post(
            &format!("/api/cases/{case}/assignment"),
            &fx.supervisor,
            json!({ "version": version(&app), "data": { "worker_id": fx.colleague } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        notified(&app, &fx.colleague).contains(&("case_assigned".into(), format!("/cases/{case}")))
    );

    let (status, body) = app
        .post(
            &format!("/api/cases/{case}/transfers"),
            &fx.colleague,
            json!({ "version": version(&app), "data": { "to_worker_id": fx.worker, "reason": "休假" } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let v = version(&app);
    let (status, body) = app
        .post(
            &format!("/api/cases/{case}/assignment"),
            &fx.supervisor,
            json!({ "version": v, "data": { "worker_id": fx.worker } }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"], "transfer_pending");
    assert_eq!(version(&app), v, "nothing changed");
    // The screen says so too, in the reader's language.
    let page = post(
        &app,
        &format!("/cases/{case}/assignment"),
        &fx.supervisor,
        &[
            ("version", &v.to_string()),
            ("worker_id", &fx.worker),
            ("back", "case"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    assert!(page.body.contains("already has a transfer waiting"));
}
on_both_backends!(
    reassignment_rules,
    supervision_reassignment_notifies_and_respects_transfers
);
