//! The outcome summary for the union follows the case: after a transfer to
//! another agency, that agency writes it and the receiving agency no longer does.

use axum::http::StatusCode;
use serde_json::json;

use super::after_acceptance::accept;
use super::{get, post, refer, version_of, world};
use crate::common::TestApp;

async fn outcome_follows_the_case(app: TestApp) {
    let fx = world(&app);
    let id = refer(&app, &fx, "刘洋").await;
    let case = accept(&app, &fx, &id, &fx.worker, &fx.worker).await;
    let version = app.with_conn(|c| casework::db::cases::find_case(c, &case).unwrap().version);
    let (status, body) = app
        .post(
            &format!("/api/cases/{case}/transfers"),
            &fx.worker,
            json!({ "version": version, "data": { "to_organisation_id": fx.other_agency,
                    "to_worker_id": fx.stranger, "reason": "服务对象搬到对方辖区" } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let transfer = body["transfer"]["id"].as_str().unwrap().to_owned();
    let (status, body) = app
        .post(
            &format!("/api/transfers/{transfer}/accept"),
            &fx.stranger,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The old agency reads the referral but no longer writes for the case.
    let page = get(&app, &format!("/referrals/{id}"), &fx.worker).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(&format!("/referrals/{id}/outcome")));
    let refused = post(
        &app,
        &format!("/referrals/{id}/outcome"),
        &fx.worker,
        &[
            ("version", &version_of(&app, &id)),
            ("outcome_summary", "旧机构"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

    // The agency now holding the case writes it.
    let page = get(&app, &format!("/referrals/{id}"), &fx.stranger).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&format!("/referrals/{id}/outcome")));
    let written = post(
        &app,
        &format!("/referrals/{id}/outcome"),
        &fx.stranger,
        &[
            ("version", &version_of(&app, &id)),
            ("outcome_summary", "已联系会员，正在跟进"),
        ],
    )
    .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.body);
    let officer = get(&app, &format!("/referrals/{id}"), &fx.officer).await;
    assert!(officer.body.contains("已联系会员，正在跟进"));
}
on_both_backends!(outcome_after_transfer, outcome_follows_the_case);
