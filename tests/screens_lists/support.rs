//! Helpers of `tests/screens_lists.rs`: requests as a browser sends them, cases
//! made directly through the model functions (fast, and with any timestamps),
//! and reading rows back out of the HTML.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use casework::db::cases::{Case, open_case};
use casework::db::clients::insert_client;
use casework::db::schema::{cases, goals};
use casework::db::write_transaction;
use casework::domain::validation::{ClientInput, NewCaseInput};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::common::{Fixture, TestApp};

/// GET a page as a browser: session cookie, `Accept: text/html`, a language.
pub async fn page(
    app: &TestApp,
    user: Option<&str>,
    uri: &str,
    lang: &str,
) -> (StatusCode, String) {
    let mut req = Request::builder()
        .uri(uri)
        .header("accept", "text/html")
        .header("accept-language", lang);
    if let Some(user) = user {
        let (token, _) = app.session_for(user);
        req = req.header("cookie", app.cookie(&token));
    }
    let (status, _, body) = app.send(req.body(Body::empty()).unwrap()).await;
    (status, String::from_utf8(body).unwrap())
}

/// Percent-encodes a form or query value.
pub fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// POSTs a form as a browser does; `csrf` `None` sends the session's own token.
pub async fn post_form(
    app: &TestApp,
    user: &str,
    uri: &str,
    fields: &[(&str, &str)],
    csrf: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    let (token, own) = app.session_for(user);
    let mut body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect();
    match csrf {
        Some("") => {}
        Some(sent) => body.push(format!("csrf_token={}", enc(sent))),
        None => body.push(format!("csrf_token={own}")),
    }
    let req = Request::builder()
        .method("POST")
        .uri(uri)
        .header("accept", "text/html")
        .header("accept-language", "en")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", app.cookie(&token))
        .body(Body::from(body.join("&")))
        .unwrap();
    let (status, headers, body) = app.send(req).await;
    (status, headers, String::from_utf8(body).unwrap())
}

/// Registers a client directly; returns the id.
pub fn client(app: &TestApp, actor: &str, name: &str, phone: Option<&str>) -> String {
    app.with_conn(|c| {
        insert_client(
            c,
            ClientInput {
                full_name: name.into(),
                gender: None,
                birth_year: None,
                phone: phone.map(str::to_owned),
                employer: None,
                union_member: false,
                union_id: None,
                district: None,
                special_groups: Vec::new(),
            },
            actor,
        )
        .unwrap()
        .id
    })
}

/// Opens a case directly in `organisation`.
pub fn case_in(
    app: &TestApp,
    organisation: &str,
    actor: &str,
    client: &str,
    case_type: &str,
    team: Option<&str>,
    worker: Option<&str>,
) -> Case {
    app.with_conn(|c| {
        write_transaction(c, |c| {
            open_case(
                c,
                NewCaseInput {
                    case_type: case_type.parse().unwrap(),
                    client_id: client.into(),
                    organisation_id: organisation.into(),
                    team_id: team.map(str::to_owned),
                    assigned_worker_id: worker.map(str::to_owned),
                },
                actor,
            )
        })
        .unwrap()
    })
}

/// Opens a case in the fixture's agency.
pub fn case(
    app: &TestApp,
    fx: &Fixture,
    client: &str,
    case_type: &str,
    team: Option<&str>,
    worker: Option<&str>,
) -> Case {
    case_in(app, &fx.agency, &fx.worker, client, case_type, team, worker)
}

/// Puts a case in a stage with a risk level, as if it had got there by itself.
pub fn set_stage(app: &TestApp, id: &str, stage: &str, risk: Option<&str>) {
    app.with_conn(|c| {
        diesel::update(cases::table.find(id))
            .set((
                cases::stage.eq(stage),
                cases::risk_level.eq(risk.map(str::to_owned)),
            ))
            .execute(c)
            .unwrap()
    });
}

/// Sets when a case was opened and last changed, as days before now.
pub fn age(app: &TestApp, id: &str, opened_days_ago: i64, updated_days_ago: i64) {
    let now = app.clock.now();
    app.with_conn(|c| {
        diesel::update(cases::table.find(id))
            .set((
                cases::opened_at.eq(now - TimeDelta::days(opened_days_ago)),
                cases::updated_at.eq(now - TimeDelta::days(updated_days_ago)),
            ))
            .execute(c)
            .unwrap()
    });
}

/// Sets a case's opening and last change to exact times.
pub fn set_times(app: &TestApp, id: &str, opened: NaiveDateTime, updated: NaiveDateTime) {
    app.with_conn(|c| {
        diesel::update(cases::table.find(id))
            .set((cases::opened_at.eq(opened), cases::updated_at.eq(updated)))
            .execute(c)
            .unwrap()
    });
}

/// Adds a goal not yet rated, due `in_days` from today (negative: passed).
pub fn goal(app: &TestApp, case_id: &str, description: &str, in_days: i64) {
    let now = app.clock.now();
    let target: NaiveDate = now.date() + TimeDelta::days(in_days);
    app.with_conn(|c| {
        diesel::insert_into(goals::table)
            .values((
                goals::id.eq(casework::db::new_id()),
                goals::case_id.eq(case_id),
                goals::position.eq(0),
                goals::description.eq(description),
                goals::target_date.eq(Some(target)),
                goals::created_at.eq(now),
            ))
            .execute(c)
            .unwrap()
    });
}

/// The case references listed in the case list's table, in order.
pub fn listed(html: &str) -> Vec<String> {
    let Some(start) = html.find("<tbody>") else {
        return Vec::new();
    };
    let end = html[start..]
        .find("</tbody>")
        .map_or(html.len(), |e| start + e);
    references(&html[start..end])
}

/// Every case reference in a piece of HTML, in order.
pub fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(">CW-") {
        let tail = &rest[i + 1..];
        let end = tail.find('<').unwrap_or(tail.len());
        found.push(tail[..end].to_owned());
        rest = &tail[end..];
    }
    found
}

/// The HTML of the element with this id, up to the end of its section.
pub fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the page"));
    let end = html[start..]
        .find("</section>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// The next-page link, unescaped, if there is one.
pub fn next_link(html: &str) -> Option<String> {
    let at = html.find("rel=\"next\" href=\"")?;
    let tail = &html[at + "rel=\"next\" href=\"".len()..];
    Some(tail[..tail.find('"')?].replace("&amp;", "&"))
}

/// The message beside a filter of the case list.
pub fn filter_message<'a>(html: &'a str, param: &str) -> &'a str {
    let marker = format!("id=\"f-{param}-error\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no message beside {param}"));
    let tail = &html[start..];
    let text = &tail[tail.find("<li>").unwrap() + 4..];
    &text[..text.find("</li>").unwrap()]
}
