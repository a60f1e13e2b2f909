//! The case page and its stage forms, driven through HTTP as a browser would:
//! urlencoded forms with the session cookie and the CSRF field, POST-redirect-GET,
//! refused saves shown again with what was typed. On SQLite and (when
//! configured) PostgreSQL.

#[macro_use]
mod common;

#[path = "screens_case/access.rs"]
mod access;
#[path = "screens_case/csrf.rs"]
mod csrf;
#[path = "screens_case/forms.rs"]
mod forms;
#[path = "screens_case/localised.rs"]
mod localised;
#[path = "screens_case/refusals.rs"]
mod refusals;
#[path = "screens_case/who5.rs"]
mod who5;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Fixture, TestApp, create_client, open_case};
use serde_json::json;

/// A page as the browser got it.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Page {
    /// The value of the first input named `name`.
    pub fn input(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self
            .body
            .find(&marker)
            .unwrap_or_else(|| panic!("no input {name} in the page"))
            + marker.len();
        self.body[start..].split('"').next().unwrap().to_owned()
    }

    /// The case version the page's forms carry.
    pub fn version(&self) -> String {
        self.input("version")
    }

    /// Asserts that an error tied to `field_id` is shown and says `text`.
    pub fn assert_error(&self, field_id: &str, text: &str) {
        let list = format!("id=\"{field_id}-error\"");
        let start = self
            .body
            .find(&list)
            .unwrap_or_else(|| panic!("no error list for {field_id}:\n{}", self.body));
        let end = start + self.body[start..].find("</ul>").unwrap();
        assert!(
            self.body[start..end].contains(text),
            "error of {field_id} should say {text:?}: {}",
            &self.body[start..end]
        );
        assert!(
            self.body
                .contains(&format!("aria-describedby=\"{field_id}-error\"")),
            "the field {field_id} points to its error"
        );
    }
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Sends a request as a browser on a page would.
async fn send(
    app: &TestApp,
    method: &str,
    uri: &str,
    actor: &str,
    lang: &str,
    body: Option<String>,
) -> Page {
    let (token, _) = app.session_for(actor);
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header("accept", "text/html")
        .header("accept-language", lang)
        .header("cookie", app.cookie(&token));
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

/// `GET` a page in English.
pub async fn get(app: &TestApp, uri: &str, actor: &str) -> Page {
    send(app, "GET", uri, actor, "en", None).await
}

/// `GET` a page in a language.
pub async fn get_in(app: &TestApp, uri: &str, actor: &str, lang: &str) -> Page {
    send(app, "GET", uri, actor, lang, None).await
}

/// Posts a form of the case page in English.
pub async fn post(
    app: &TestApp,
    uri: &str,
    actor: &str,
    version: &str,
    fields: &[(&str, &str)],
) -> Page {
    post_in(app, uri, actor, version, fields, "en").await
}

/// Posts a form of the case page with the session's CSRF field and `version`.
pub async fn post_in(
    app: &TestApp,
    uri: &str,
    actor: &str,
    version: &str,
    fields: &[(&str, &str)],
    lang: &str,
) -> Page {
    let (_, csrf) = app.session_for(actor);
    let mut all = vec![("csrf_token", csrf.as_str()), ("version", version)];
    all.extend_from_slice(fields);
    let body = all
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    send(app, "POST", uri, actor, lang, Some(body)).await
}

/// Posts a form and expects the redirect back to the case page.
pub async fn post_ok(
    app: &TestApp,
    case: &str,
    path: &str,
    actor: &str,
    fields: &[(&str, &str)],
) -> Page {
    let page = get(app, &format!("/cases/{case}"), actor).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let answer = post(
        app,
        &format!("/cases/{case}/{path}"),
        actor,
        &page.version(),
        fields,
    )
    .await;
    let flash = if path == "transitions" {
        "moved"
    } else {
        "saved"
    };
    assert_eq!(
        answer.status,
        StatusCode::SEE_OTHER,
        "{path}: {}",
        answer.body
    );
    assert_eq!(
        answer.location.as_deref(),
        Some(format!("/cases/{case}?flash={flash}").as_str())
    );
    let after = get(app, answer.location.as_deref().unwrap(), actor).await;
    assert_eq!(after.status, StatusCode::OK);
    after
}

/// Today in the installation's zone, as date inputs send it.
pub fn today() -> String {
    casework::local_time::local_day(casework::db::now())
        .format("%Y-%m-%d")
        .to_string()
}

pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;";

/// Moves a case with the JSON API (setting up, not under test).
pub async fn api_step(app: &TestApp, actor: &str, case: &str, path: &str, data: serde_json::Value) {
    let (_, view) = app.get(&format!("/api/cases/{case}"), actor).await;
    let version = view["case"]["version"].as_i64().unwrap();
    let uri = format!("/api/cases/{case}/{path}");
    let (status, body) = if path == "transitions" {
        let mut body = data;
        body["version"] = json!(version);
        app.post(&uri, actor, body).await
    } else if path == "sessions" {
        app.post(&uri, actor, json!({ "version": version, "data": data }))
            .await
    } else {
        app.put(&uri, actor, json!({ "version": version, "data": data }))
            .await
    };
    assert!(status.is_success(), "{path}: {status} {body}");
}

/// A counselling case in intervention with confidential text everywhere.
pub async fn case_in_intervention(app: &TestApp, fx: &Fixture) -> String {
    let client = create_client(app, &fx.worker, "林小红", 1988).await;
    let (id, _) = open_case(app, fx, "counselling", &client).await;
    let w = fx.worker.as_str();
    api_step(
        app,
        w,
        &id,
        "details",
        json!({ "case_type": "counselling", "concern": "grief",
        "self_harm_screening": "SECRET-SELF-HARM" }),
    )
    .await;
    api_step(
        app,
        w,
        &id,
        "intake",
        json!({ "channel": "hotline", "presenting_problem": "丧亲",
        "urgency": "urgent", "consent_service": true, "consent_sensitive": true }),
    )
    .await;
    api_step(
        app,
        w,
        &id,
        "transitions",
        json!({ "transition": "advance" }),
    )
    .await;
    api_step(app, w, &id, "assessment", json!({ "physiological": "a", "psychological": "b",
        "social": "c", "risk_level": "high", "risk_screening": "SECRET-RISK", "who5_baseline": 28 })).await;
    api_step(
        app,
        w,
        &id,
        "transitions",
        json!({ "transition": "advance" }),
    )
    .await;
    api_step(
        app,
        w,
        &id,
        "contract",
        json!({ "goals": [{ "description": "恢复日常作息",
        "indicator": "作息记录" }], "services": "哀伤辅导", "frequency": "每周一次",
        "client_agreed": true, "agreed_on": today() }),
    )
    .await;
    // The plan goes through a supervisor's approval (the default policy).
    api_step(
        app,
        w,
        &id,
        "transitions",
        json!({ "transition": "submit_plan" }),
    )
    .await;
    api_step(
        app,
        &fx.supervisor,
        &id,
        "transitions",
        json!({ "transition": "approve_plan", "reason": "同意" }),
    )
    .await;
    api_step(
        app,
        w,
        &id,
        "sessions",
        json!({ "held_on": today(), "duration_minutes": 45,
        "mode": "phone", "notes": "SECRET-NOTES" }),
    )
    .await;
    id
}
