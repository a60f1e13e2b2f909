//! A new-case form sent twice (a double click, a reload of a slow answer, two
//! POSTs racing) opens one case and registers at most one client: the form's
//! one-time token sends the second POST where the first went.

use axum::http::StatusCode;
use casework::db::schema::{cases, clients};
use diesel::prelude::*;

use crate::common::{Fixture, TestApp};
use crate::support::*;

/// The one-time token of the page's new-case form.
pub fn submission_token(html: &str) -> String {
    let marker = "name=\"submission\" value=\"";
    let at = html
        .find(marker)
        .expect("the form carries a submission token")
        + marker.len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

fn counts(app: &TestApp) -> (i64, i64) {
    app.with_conn(|c| {
        (
            cases::table.count().get_result(c).unwrap(),
            clients::table.count().get_result(c).unwrap(),
        )
    })
}

async fn new_case_sent_twice(app: TestApp) {
    let fx = Fixture::insert(&app);
    let w = Some(fx.worker.as_str());
    let (status, html) = page(&app, w, "/cases/new?name=Zhou", "en").await;
    assert_eq!(status, StatusCode::OK);
    let token = submission_token(&html);
    let (_, again) = page(&app, w, "/cases/new?name=Zhou", "en").await;
    assert_ne!(
        submission_token(&again),
        token,
        "each rendering has its own token"
    );
    assert!(token.len() >= 32);

    let mut fields = vec![
        ("full_name", "Zhou Xin"),
        ("phone", "13512345678"),
        ("case_type", "labour_dispute"),
        ("team_id", fx.team.as_str()),
        ("assigned_worker_id", fx.worker.as_str()),
        ("submission", token.as_str()),
    ];
    // A refusal records nothing and keeps the token for the corrected form.
    fields[0].1 = " ";
    let (status, _, html) = post_form(&app, &fx.worker, "/cases/new", &fields, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(submission_token(&html), token);
    assert_eq!(counts(&app), (0, 0));

    fields[0].1 = "Zhou Xin";
    let (status, headers, body) = post_form(&app, &fx.worker, "/cases/new", &fields, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let first = headers["location"].to_str().unwrap().to_owned();
    assert!(first.ends_with("?flash=created"), "{first}");
    assert_eq!(counts(&app), (1, 1));
    // The same form again, and again with "register anyway" ticked (the client
    // it registered would now be a possible duplicate): the same case, nothing new.
    for extra in [None, Some(("confirm_new", "true"))] {
        let mut sent = fields.clone();
        sent.extend(extra);
        let (status, headers, body) = post_form(&app, &fx.worker, "/cases/new", &sent, None).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(headers["location"].to_str().unwrap(), first);
        assert_eq!(counts(&app), (1, 1), "no second case, no second client");
    }
    // Another form (a new token) with the same person warns of the duplicate,
    // and "register anyway" then does register a second client on purpose.
    let (_, html) = page(&app, w, "/cases/new?name=Zhou", "en").await;
    let other = submission_token(&html);
    fields[5].1 = other.as_str();
    let (status, _, html) = post_form(&app, &fx.worker, "/cases/new", &fields, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("name=\"confirm_new\""));
    assert_eq!(submission_token(&html), other);
    assert_eq!(counts(&app), (1, 1));

    // An existing client: two POSTs of one form racing open one case.
    let known = client(&app, &fx.worker, "Chen Jing", None);
    let (_, html) = page(&app, w, &format!("/cases/new?client_id={known}"), "en").await;
    let token = submission_token(&html);
    let fields = [
        ("client_id", known.as_str()),
        ("case_type", "counselling"),
        ("team_id", fx.team.as_str()),
        ("submission", token.as_str()),
    ];
    let (a, b) = tokio::join!(
        post_form(&app, &fx.worker, "/cases/new", &fields, None),
        post_form(&app, &fx.worker, "/cases/new", &fields, None),
    );
    assert_eq!(
        (a.0, b.0),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER),
        "{} {}",
        a.2,
        b.2
    );
    assert_eq!(a.1["location"], b.1["location"]);
    assert_eq!(counts(&app), (2, 2), "one case for the existing client");
    let opened: i64 = app.with_conn(|c| {
        cases::table
            .filter(cases::client_id.eq(&known))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(opened, 1);
    // Without a token (an old page) the form still works, unprotected.
    let fields = [
        ("client_id", known.as_str()),
        ("case_type", "labour_dispute"),
        ("team_id", fx.team.as_str()),
    ];
    let (status, _, _) = post_form(&app, &fx.worker, "/cases/new", &fields, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(counts(&app), (3, 2));
}
on_both_backends!(new_case_replay, new_case_sent_twice);
