//! A form whose CSRF token is stale (the page was loaded before the user signed
//! out and in again in another tab) saves nothing but comes back on the case
//! page as typed, with a message and the new session's token, so a long note is
//! not lost.

use axum::http::StatusCode;

use crate::common::{Fixture, Snapshot, TestApp};
use crate::{ESCAPED, Page, SCRIPT, case_in_intervention, encode, get, post, send, today};

/// Posts a form with a given CSRF token, as the old page would.
async fn post_stale(
    app: &TestApp,
    uri: &str,
    actor: &str,
    lang: &str,
    fields: &[(&str, &str)],
) -> Page {
    let mut all = vec![("csrf_token", "token-of-the-old-session")];
    all.extend_from_slice(fields);
    let body = all
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    send(app, "POST", uri, actor, lang, Some(body)).await
}

async fn a_stale_page_keeps_what_was_typed(app: TestApp) {
    let fx = Fixture::insert(&app);
    let id = case_in_intervention(&app, &fx).await;
    let w = fx.worker.as_str();
    let v = get(&app, &format!("/cases/{id}"), w).await.version();
    let (_, fresh) = app.session_for(w);
    let before = Snapshot::take(&app);
    let note = format!("很长的服务记录，写了一个小时 {SCRIPT}");
    let fields = [
        ("version", v.as_str()),
        ("held_on", &today()),
        ("duration_minutes", "90"),
        ("mode", "phone"),
        ("notes", &note),
    ];
    for (lang, message) in [
        ("en", "This page was out of date"),
        ("zh-CN", "此页面已过期"),
        ("zh-TW", "此頁面已過期"),
    ] {
        let answer = post_stale(&app, &format!("/cases/{id}/sessions"), w, lang, &fields).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{lang}");
        assert!(answer.body.contains(message), "{lang}: {}", answer.body);
        assert!(
            answer.body.contains(&format!(
                "很长的服务记录，写了一个小时 {ESCAPED}</textarea>"
            )),
            "{lang}: the note is back in its field, escaped"
        );
        assert!(answer.body.contains("value=\"90\""), "{lang}");
        assert!(!answer.body.contains(SCRIPT));
        assert_eq!(
            answer.input("csrf_token"),
            fresh,
            "the page carries the new token"
        );
        assert_eq!(Snapshot::take(&app), before, "{lang}: nothing saved");
    }
    // Sent again from that page, it is saved.
    let answer = post(&app, &format!("/cases/{id}/sessions"), w, &v, &fields[1..]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    // A supervision note from a stale page comes back in its form too.
    let s = fx.supervisor.as_str();
    let before = Snapshot::take(&app);
    let answer = post_stale(
        &app,
        &format!("/cases/{id}/notes"),
        s,
        "zh-TW",
        &[
            ("target_kind", "contract"),
            ("target_id", id.as_str()),
            ("body", "請補充服務頻率的依據"),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.body.contains("此頁面已過期"), "{}", answer.body);
    assert!(answer.body.contains("請補充服務頻率的依據</textarea>"));
    assert!(answer.body.contains("<details class=\"note-form\" open"));
    assert_eq!(Snapshot::take(&app), before, "no note saved");
}
on_both_backends!(stale_csrf, a_stale_page_keeps_what_was_typed);
