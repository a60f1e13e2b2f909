//! What the tests of accepted referrals share: notifications of a user, and
//! accepting a referral into a new case through the screen.

use axum::http::StatusCode;
use casework::db::schema::notifications;
use diesel::prelude::*;

use super::{post, version_of};
use crate::common::{Fixture, TestApp};

/// A user's notifications: (kind, link), oldest first.
pub fn notified(app: &TestApp, user: &str) -> Vec<(String, String)> {
    app.with_conn(|c| {
        notifications::table
            .filter(notifications::user_id.eq(user))
            .order((notifications::created_at, notifications::id))
            .select((notifications::kind, notifications::link))
            .load(c)
            .unwrap()
    })
}

/// Accepts `id` as `by` into a new counselling case for `worker`; returns the case.
pub async fn accept(app: &TestApp, fx: &Fixture, id: &str, by: &str, worker: &str) -> String {
    let accepted = post(
        app,
        &format!("/referrals/{id}/accept"),
        by,
        &[
            ("version", &version_of(app, id)),
            ("client", "new"),
            ("case_type", "counselling"),
            ("team_id", &fx.team),
            ("assigned_worker_id", worker),
        ],
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    let location = accepted.location.unwrap();
    location
        .strip_prefix("/cases/")
        .and_then(|r| r.split('?').next())
        .unwrap()
        .to_owned()
}
