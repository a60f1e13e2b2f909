//! Audit details are codes shown in the reader's language, and a form with a
//! damaged version gets a message a person can read.

use axum::http::StatusCode;

use super::{post, refer, send, version_of, world};
use crate::common::TestApp;

async fn audit_details_translated_and_version_message(app: TestApp) {
    let fx = world(&app);
    let id = refer(&app, &fx, "刘洋").await;
    let asked = post(
        &app,
        &format!("/referrals/{id}/request-info"),
        &fx.worker,
        &[
            ("version", &version_of(&app, &id)),
            ("question", "请问单位？"),
        ],
    )
    .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    // A read of a case's transition log, through the API.
    let client = crate::common::create_client(&app, &fx.worker, "赵六", 1980).await;
    let (case, _) = crate::common::open_case(&app, &fx, "counselling", &client).await;
    let (status, _) = app
        .get(&format!("/api/cases/{case}/transitions"), &fx.worker)
        .await;
    assert_eq!(status, StatusCode::OK);
    let audit = send(&app, "GET", "/audit", Some(&fx.admin), "zh-CN", None).await;
    assert_eq!(audit.status, StatusCode::OK, "{}", audit.body);
    assert!(audit.body.contains("已请求补充信息"), "{}", audit.body);
    assert!(audit.body.contains("阶段变更记录"), "{}", audit.body);
    assert!(!audit.body.contains("transition log") && !audit.body.contains("transition_log"));
    assert!(!audit.body.contains("info requested") && !audit.body.contains("info_requested"));

    let damaged = post(
        &app,
        &format!("/referrals/{id}/decline"),
        &fx.worker,
        &[("version", "x"), ("reason", "不属于服务范围")],
    )
    .await;
    assert_eq!(damaged.status, StatusCode::BAD_REQUEST);
    assert!(
        damaged.body.contains("This form is out of date or damaged"),
        "{}",
        damaged.body
    );
}
on_both_backends!(
    audit_and_version,
    audit_details_translated_and_version_message
);
