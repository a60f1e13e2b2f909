//! Helpers of `tests/supervision.rs`: cases walked through the JSON API, forms
//! posted and pages read as a browser does, and dates moved back for the alerts.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde_json::{Value, json};

use crate::common::{Fixture, TestApp, create_client};

/// A case under test and the version to send next.
pub struct Case {
    pub id: String,
    pub v: i64,
}

/// Opens a case of `case_type` in `team`, assigned to `worker` (or nobody).
pub async fn open(
    app: &TestApp,
    fx: &Fixture,
    case_type: &str,
    team: &str,
    worker: Option<&str>,
    client_name: &str,
) -> Case {
    let client = create_client(app, &fx.worker, client_name, 1985).await;
    let (status, body) = app
        .post(
            "/api/cases",
            &fx.supervisor,
            json!({ "case_type": case_type, "client_id": client, "organisation_id": fx.agency,
                    "team_id": team, "assigned_worker_id": worker }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    Case {
        id: body["id"].as_str().unwrap().to_owned(),
        v: body["version"].as_i64().unwrap(),
    }
}

/// Saves a record through the API (PUT, or POST for sessions); expects success.
pub async fn save(app: &TestApp, actor: &str, case: &mut Case, path: &str, data: Value) {
    let uri = format!("/api/cases/{}/{path}", case.id);
    let body = json!({ "version": case.v, "data": data });
    let (status, answer) = if path == "sessions" {
        app.post(&uri, actor, body).await
    } else {
        app.put(&uri, actor, body).await
    };
    assert!(status.is_success(), "{path}: {status} {answer}");
    case.v = answer["version"]
        .as_i64()
        .or(answer["case"]["version"].as_i64())
        .unwrap();
}

/// Asks for a transition; on success the case's version moves on.
pub async fn try_move(
    app: &TestApp,
    actor: &str,
    case: &mut Case,
    transition: &str,
    reason: Option<&str>,
) -> (StatusCode, Value) {
    let mut body = json!({ "version": case.v, "transition": transition });
    if let Some(r) = reason {
        body["reason"] = json!(r);
    }
    let (status, answer) = app
        .post(&format!("/api/cases/{}/transitions", case.id), actor, body)
        .await;
    if status == StatusCode::OK {
        case.v = answer["case"]["version"].as_i64().unwrap();
    }
    (status, answer)
}

/// A transition that must be accepted.
pub async fn mv(
    app: &TestApp,
    actor: &str,
    case: &mut Case,
    transition: &str,
    reason: Option<&str>,
) {
    let (status, answer) = try_move(app, actor, case, transition, reason).await;
    assert_eq!(status, StatusCode::OK, "{transition}: {answer}");
}

/// Intake recorded, advanced; assessment at `risk`, advanced; a complete plan
/// saved. The case is then in contract.
pub async fn to_contract(app: &TestApp, actor: &str, case: &mut Case, risk: &str) {
    save(
        app,
        actor,
        case,
        "intake",
        json!({ "channel": "hotline",
        "presenting_problem": "失眠", "urgency": "soon", "consent_service": true,
        "consent_sensitive": true }),
    )
    .await;
    mv(app, actor, case, "advance", None).await;
    save(
        app,
        actor,
        case,
        "assessment",
        json!({ "physiological": "a", "psychological": "b",
        "social": "c", "risk_level": risk, "risk_screening": "SECRET-SCREENING",
        "who5_baseline": 40 }),
    )
    .await;
    mv(app, actor, case, "advance", None).await;
    plan(app, actor, case, Some(today() + TimeDelta::days(60))).await;
}

/// Saves a complete plan with one goal due on `target`.
pub async fn plan(app: &TestApp, actor: &str, case: &mut Case, target: Option<NaiveDate>) {
    save(
        app,
        actor,
        case,
        "contract",
        json!({
        "goals": [{ "description": "改善睡眠", "indicator": "每晚六小时",
                    "target_date": target.map(|d| d.to_string()) }],
        "services": "个案辅导", "frequency": "每周一次", "client_agreed": true,
        "agreed_on": today().to_string() }),
    )
    .await;
}

/// From contract to intervention: submitted by `actor`, approved by the supervisor.
pub async fn approved(app: &TestApp, fx: &Fixture, actor: &str, case: &mut Case) {
    mv(app, actor, case, "submit_plan", None).await;
    mv(app, &fx.supervisor, case, "approve_plan", Some("同意")).await;
}

/// Logs a session held on `held_on`.
pub async fn session(app: &TestApp, actor: &str, case: &mut Case, held_on: NaiveDate, notes: &str) {
    save(
        app,
        actor,
        case,
        "sessions",
        json!({ "held_on": held_on.to_string(),
        "duration_minutes": 45, "mode": "phone", "notes": notes }),
    )
    .await;
}

/// Today (UTC), as the server sees it.
pub fn today() -> NaiveDate {
    casework::db::now().date()
}

/// Sets a case type's policy as the supervisor, through the API.
pub async fn set_policy(app: &TestApp, fx: &Fixture, case_type: &str, plan: bool, closure: bool) {
    let (status, body) = app
        .put(
            "/api/approval-policies",
            &fx.supervisor,
            json!({ "case_type": case_type, "plan_required": plan, "closure_required": closure }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// A page as a browser gets it.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn send(app: &TestApp, actor: &str, req: axum::http::request::Builder, body: Body) -> Page {
    let (token, _) = app.session_for(actor);
    let req = req
        .header("accept", "text/html")
        .header("accept-language", "en")
        .header("cookie", app.cookie(&token))
        .body(body)
        .unwrap();
    let (status, headers, bytes) = app.send(req).await;
    Page {
        status,
        location: headers
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned()),
        body: String::from_utf8(bytes).unwrap(),
    }
}

/// GETs a page in English.
pub async fn page(app: &TestApp, actor: &str, uri: &str) -> Page {
    send(app, actor, Request::builder().uri(uri), Body::empty()).await
}

/// POSTs a form in English with the session's CSRF token.
pub async fn form(app: &TestApp, actor: &str, uri: &str, fields: &[(&str, &str)]) -> Page {
    let (_, csrf) = app.session_for(actor);
    let mut pairs: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    pairs.push(format!("csrf_token={csrf}"));
    let req = Request::builder()
        .method("POST")
        .uri(uri)
        .header("content-type", "application/x-www-form-urlencoded");
    send(app, actor, req, Body::from(pairs.join("&"))).await
}

/// Moves a case's own dates `days` back, as if it had been opened and written
/// then (sessions keep the day they were held; the transition log cannot change).
pub fn backdate(app: &TestApp, case_id: &str, days: i64) {
    use casework::db::schema::{
        assessment_records, cases, closure_records, contract_records, intake_records,
    };
    use diesel::prelude::*;
    let back = |t: NaiveDateTime| t - TimeDelta::days(days);
    app.with_conn(|c| {
        let (opened, updated): (NaiveDateTime, NaiveDateTime) = cases::table
            .find(case_id)
            .select((cases::opened_at, cases::updated_at))
            .first(c)
            .unwrap();
        diesel::update(cases::table.find(case_id))
            .set((
                cases::opened_at.eq(back(opened)),
                cases::updated_at.eq(back(updated)),
            ))
            .execute(c)
            .unwrap();
        macro_rules! shift {
            ($table:ident) => {
                let at: Option<NaiveDateTime> = $table::table
                    .find(case_id)
                    .select($table::updated_at)
                    .first(c)
                    .optional()
                    .unwrap();
                if let Some(at) = at {
                    diesel::update($table::table.find(case_id))
                        .set($table::updated_at.eq(back(at)))
                        .execute(c)
                        .unwrap();
                }
            };
        }
        shift!(intake_records);
        shift!(assessment_records);
        shift!(contract_records);
        shift!(closure_records);
    });
}
