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
    let audit = send(&app, "GET", "/audit", Some(&fx.admin), "zh-CN", None).await;
    assert_eq!(audit.status, StatusCode::OK, "{}", audit.body);
    assert!(audit.body.contains("已请求补充信息"), "{}", audit.body);
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
