//! The public request for help: the language switch comes back to the form, the
//! signed-out home page links to it, and a double submission makes one referral
//! and shows the same receipt.

use axum::http::StatusCode;
use casework::db::schema::referrals as referrals_table;
use diesel::prelude::*;

use super::{Page, send, world};
use crate::common::TestApp;

fn receipt(page: &Page) -> String {
    let start = page.body.find("<code>").expect("a receipt") + "<code>".len();
    page.body[start..].split('<').next().unwrap().to_owned()
}

fn stored(app: &TestApp) -> i64 {
    app.with_conn(|c| referrals_table::table.count().get_result::<i64>(c).unwrap())
}

async fn language_switch_and_home_link(app: TestApp) {
    world(&app);
    let form = send(&app, "GET", "/help", None, "en", None).await;
    assert!(
        form.body.contains("/language/zh-CN?back=/help\""),
        "{}",
        form.body
    );
    let status = send(&app, "GET", "/help/status", None, "en", None).await;
    assert!(status.body.contains("/language/zh-TW?back=/help/status\""));
    let home = send(&app, "GET", "/", None, "zh-CN", None).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("href=\"/help\""), "{}", home.body);
    assert!(home.body.contains("无需账号"));
}
on_both_backends!(help_language_and_home, language_switch_and_home_link);

async fn a_double_tap_makes_one_referral(app: TestApp) {
    let fx = world(&app);
    let form = send(&app, "GET", "/help", None, "en", None).await;
    let token = form.input("form_token");
    assert_eq!(token.len(), 32);
    let again = send(&app, "GET", "/help", None, "en", None).await;
    assert_ne!(again.input("form_token"), token, "each form its own token");
    let fields = |token: &str| {
        vec![
            ("agency_id", fx.agency.clone()),
            ("name", "小陈".to_owned()),
            ("contact", "wechat: chen-2026".to_owned()),
            ("concern", "工作压力大".to_owned()),
            ("consent", "true".to_owned()),
            ("form_token", token.to_owned()),
        ]
    };
    let submit = |f: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(app, "POST", "/help", None, "en", Some(&pairs)).await
        }
    };
    let before = stored(&app);
    let first = submit(fields(&token)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let second = submit(fields(&token)).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_eq!(receipt(&second), receipt(&first), "the same receipt");
    assert_eq!(stored(&app), before + 1, "one referral");
    // The code works; the token itself is not stored.
    let checked = send(
        &app,
        "POST",
        "/help/status",
        None,
        "en",
        Some(&[("code", &receipt(&first))]),
    )
    .await;
    assert_eq!(checked.status, StatusCode::OK);
    let kept: Option<String> = app.with_conn(|c| {
        referrals_table::table
            .select(referrals_table::form_token)
            .first(c)
            .unwrap()
    });
    assert_ne!(kept.as_deref(), Some(token.as_str()));
    // Another form is another request.
    let other = submit(fields(&again.input("form_token"))).await;
    assert_eq!(other.status, StatusCode::CREATED);
    assert_ne!(receipt(&other), receipt(&first));
    assert_eq!(stored(&app), before + 2);
}
on_both_backends!(help_double_submit, a_double_tap_makes_one_referral);

/// Sixteen requests from one address at the same moment: the hourly limit of
/// five holds (on PostgreSQL two transactions could otherwise both count four
/// and both insert).
async fn a_simultaneous_flood_stops_at_the_limit(app: TestApp) {
    let fx = world(&app);
    let before = stored(&app);
    let mut forms = Vec::new();
    for _ in 0..16 {
        let form = send(&app, "GET", "/help", None, "en", None).await;
        forms.push(vec![
            ("agency_id", fx.agency.clone()),
            ("name", "同一个人".to_owned()),
            ("contact", "13800000000".to_owned()),
            ("concern", "同时发送".to_owned()),
            ("consent", "true".to_owned()),
            ("form_token", form.input("form_token")),
        ]);
    }
    let answers = futures::future::join_all(forms.iter().map(|f| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            send(app, "POST", "/help", None, "en", Some(&pairs))
                .await
                .status
        }
    }))
    .await;
    let created = answers
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let limited = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((created, limited), (5, 11), "{answers:?}");
    assert_eq!(stored(&app), before + 5);
}
on_both_backends!(
    help_simultaneous_flood,
    a_simultaneous_flood_stops_at_the_limit
);
