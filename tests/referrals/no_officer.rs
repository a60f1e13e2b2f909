//! A self-referral has no union officer: the agency is not offered the question
//! form, and a question sent anyway is refused with a clear message.

use axum::http::StatusCode;
use casework::db::schema::referrals as referrals_table;
use diesel::prelude::*;

use super::{get, post, send, version_of, world};
use crate::common::{Snapshot, TestApp};

async fn no_officer_to_ask(app: TestApp) {
    let fx = world(&app);
    let made = send(
        &app,
        "POST",
        "/help",
        None,
        "en",
        Some(&[
            ("agency_id", &fx.agency),
            ("name", "小陈"),
            ("contact", "13800000000"),
            ("concern", "想找人聊聊"),
            ("consent", "true"),
        ]),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED);
    let id: String = app.with_conn(|c| {
        referrals_table::table
            .select(referrals_table::id)
            .first(c)
            .unwrap()
    });
    let page = get(&app, &format!("/referrals/{id}"), &fx.worker).await;
    assert!(page.body.contains(&format!("/referrals/{id}/accept")));
    assert!(
        !page.body.contains(&format!("/referrals/{id}/request-info")),
        "no question form for a self-referral"
    );
    let before = Snapshot::take(&app);
    let version = version_of(&app, &id);
    let asked = post(
        &app,
        &format!("/referrals/{id}/request-info"),
        &fx.worker,
        &[("version", &version), ("question", "请问会员的工作单位？")],
    )
    .await;
    assert_eq!(asked.status, StatusCode::CONFLICT, "{}", asked.body);
    assert!(
        asked.body.contains("no union officer to ask"),
        "{}",
        asked.body
    );
    assert_eq!(version_of(&app, &id), version, "nothing changed");
    assert_eq!(Snapshot::take(&app), before);

    // A union referral still offers the question.
    let union = super::refer(&app, &fx, "刘洋").await;
    let page = get(&app, &format!("/referrals/{union}"), &fx.worker).await;
    assert!(
        page.body
            .contains(&format!("/referrals/{union}/request-info"))
    );
}
on_both_backends!(self_referral_no_officer, no_officer_to_ask);
