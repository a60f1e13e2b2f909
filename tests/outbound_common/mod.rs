//! Helpers shared by the tests of referrals out and transfers (included by
//! `#[path]`, not a test binary of its own).

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helpers"
)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use casework::db::schema::{audit_events, cases, notifications};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::common::TestApp;

/// The case's current version.
pub fn version(app: &TestApp, case: &str) -> i64 {
    app.with_conn(|c| casework::db::cases::find_case(c, case).unwrap().version)
}

/// The case as stored: (organisation, team, assigned worker, version).
pub fn placement(app: &TestApp, case: &str) -> (String, Option<String>, Option<String>, i64) {
    app.with_conn(|c| {
        cases::table
            .find(case)
            .select((
                cases::organisation_id,
                cases::team_id,
                cases::assigned_worker_id,
                cases::version,
            ))
            .first(c)
            .unwrap()
    })
}

/// Rows of a table (for "nothing changed").
pub fn count(app: &TestApp, table: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    app.with_conn(|c| {
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<N>(c)
            .unwrap()
            .n
    })
}

/// The notifications of a user: (kind, label, link), oldest first.
pub fn notifications_of(app: &TestApp, user: &str) -> Vec<(String, String, String)> {
    app.with_conn(|c| {
        notifications::table
            .filter(notifications::user_id.eq(user))
            .order((notifications::created_at, notifications::id))
            .select((
                notifications::kind,
                notifications::label,
                notifications::link,
            ))
            .load(c)
            .unwrap()
    })
}

/// Audit rows of one action on one case: (actor, outcome, detail).
pub fn audit_rows(
    app: &TestApp,
    action: &str,
    case: &str,
) -> Vec<(Option<String>, String, Option<String>)> {
    app.with_conn(|c| {
        audit_events::table
            .filter(audit_events::action.eq(action))
            .filter(audit_events::case_id.eq(case))
            .order(audit_events::occurred_at)
            .select((
                audit_events::actor_id,
                audit_events::outcome,
                audit_events::detail,
            ))
            .load(c)
            .unwrap()
    })
}

/// Closes a case early (setting up, not under test).
pub async fn close_early(app: &TestApp, actor: &str, case: &str) {
    let (status, body) = app
        .post(
            &format!("/api/cases/{case}/transitions"),
            actor,
            json!({ "version": version(app, case), "transition": "close_early",
                    "closure_reason": "moved_away", "reason": "服务对象已返乡" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A page as the browser got it: status, `Location`, body.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Sends a browser request (HTML, the session cookie, a urlencoded form).
pub async fn browse(
    app: &TestApp,
    method: &str,
    uri: &str,
    actor: &str,
    lang: &str,
    form: Option<&[(&str, &str)]>,
) -> Page {
    let (token, csrf) = app.session_for(actor);
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header("accept", "text/html")
        .header("accept-language", lang)
        .header("cookie", app.cookie(&token));
    let body = form.map(|fields| {
        let mut all = vec![("csrf_token", csrf.as_str())];
        all.extend_from_slice(fields);
        all.iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    });
    if body.is_some() {
        req = req.header("content-type", "application/x-www-form-urlencoded");
    }
    let req = req.body(body.map_or_else(Body::empty, Body::from)).unwrap();
    let (status, headers, bytes) = app.send(req).await;
    Page {
        status,
        location: headers
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned()),
        body: String::from_utf8(bytes).unwrap(),
    }
}

/// The `fields[].field` codes of a 422 answer.
pub fn fields(body: &Value) -> Vec<String> {
    body["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The keys of one locale file.
pub fn locale_keys(lang: &str, file: &str) -> Vec<String> {
    let path = format!("{}/locales/{lang}/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut keys: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" = "))
        .map(|l| l.split(" = ").next().unwrap().to_owned())
        .collect();
    keys.sort();
    keys
}
