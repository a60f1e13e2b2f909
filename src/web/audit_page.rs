//! The audit trail as screens: a search for supervisors (their teams' cases) and
//! administrators (everything), and who has seen one case.

use std::collections::HashMap;

use axum::extract::State;
use maud::{Markup, html};

use super::AppState;
use super::actor::CurrentUser;
use super::audit::{AuditQuery, load_case_access_log, run_search};
use super::json::{ApiQuery, IdPath};
use super::locale::RequestLocale;
use super::pages::layout;
use crate::db::audit::{AuditAction, AuditDetail, AuditEvent};
use crate::db::organisations::display_names;
use crate::error::AppError;
use crate::i18n::Locale;

async fn names(
    state: &AppState,
    events: &[AuditEvent],
) -> Result<HashMap<String, String>, AppError> {
    let mut ids: Vec<String> = events.iter().filter_map(|e| e.actor_id.clone()).collect();
    ids.sort();
    ids.dedup();
    Ok(state.db.run(move |conn| display_names(conn, &ids)).await?)
}

fn event_table(l: Locale, events: &[AuditEvent], names: &HashMap<String, String>) -> Markup {
    html! {
        @if events.is_empty() {
            p.muted { (l.text("audit-none")) }
        } @else {
            div.table-wrap {
                table {
                    thead { tr {
                        th scope="col" { (l.text("audit-time")) }
                        th scope="col" { (l.text("audit-actor")) }
                        th scope="col" { (l.text("audit-action")) }
                        th scope="col" { (l.text("audit-outcome")) }
                        th scope="col" { (l.text("audit-record")) }
                        th scope="col" { (l.text("audit-address")) }
                        th scope="col" { (l.text("audit-detail")) }
                    } }
                    tbody {
                        @for e in events {
                            tr.{ "outcome-" (e.outcome) } {
                                td { time datetime={ (e.occurred_at.format("%Y-%m-%dT%H:%M:%SZ")) } { (e.occurred_at.format("%Y-%m-%d %H:%M:%S")) " UTC" } }
                                td { (e.actor_id.as_ref().and_then(|id| names.get(id)).map_or("—", String::as_str)) }
                                td { (l.label("audit-action", &e.action)) }
                                td { (l.label("audit-outcome", &e.outcome)) }
                                td {
                                    @if let Some(case_id) = &e.case_id {
                                        a href={ "/cases/" (case_id) "/access-log" } { (e.record_type.as_deref().unwrap_or("")) " " (short(case_id)) }
                                    } @else {
                                        (e.record_type.as_deref().unwrap_or("")) " " (e.record_id.as_deref().map(short).unwrap_or_default())
                                    }
                                }
                                td { (e.client_address) }
                                td { (detail(l, e.detail.as_deref())) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A detail that is a code (`AuditDetail`) in the reader's language; anything
/// else (ids, field names) as stored.
fn detail(l: Locale, text: Option<&str>) -> String {
    match text {
        Some(code) if code.parse::<AuditDetail>().is_ok() => l.label("audit-detail", code),
        Some(other) => other.to_owned(),
        None => String::new(),
    }
}

fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

/// `GET /audit`: the search form and its results.
pub async fn search_page(
    State(state): State<AppState>,
    RequestLocale(l): RequestLocale,
    CurrentUser(who): CurrentUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Markup, AppError> {
    let events = run_search(&state, &who, &q).await?;
    let names = names(&state, &events).await?;
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let content = html! {
        h1 { (l.text("audit-title")) }
        form.card.filters method="get" action="/audit" {
            div.field {
                label for="action" { (l.text("audit-action")) }
                select id="action" name="action" {
                    option value="" { (l.text("audit-any")) }
                    @for a in AuditAction::ALL {
                        option value=(a.as_str()) selected[q.action.as_deref() == Some(a.as_str())] { (l.label("audit-action", a.as_str())) }
                    }
                }
            }
            div.field {
                label for="actor_id" { (l.text("audit-actor-id")) }
                input id="actor_id" name="actor_id" value=(value(&q.actor_id));
            }
            div.field {
                label for="case_id" { (l.text("audit-case-id")) }
                input id="case_id" name="case_id" value=(value(&q.case_id));
            }
            div.field {
                label for="from" { (l.text("audit-from")) }
                input id="from" name="from" type="date" value=(value(&q.from));
            }
            div.field {
                label for="to" { (l.text("audit-to")) }
                input id="to" name="to" type="date" value=(value(&q.to));
            }
            button type="submit" { (l.text("audit-search")) }
        }
        (event_table(l, &events, &names))
    };
    Ok(layout(l, &l.text("audit-title"), Some(&who), content))
}

/// `GET /cases/{id}/access-log`: who has seen and changed one case.
pub async fn case_access_page(
    State(state): State<AppState>,
    RequestLocale(l): RequestLocale,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Markup, AppError> {
    let events = load_case_access_log(&state, &who, &id).await?;
    let names = names(&state, &events).await?;
    let content = html! {
        h1 { (l.text("audit-case-title")) }
        p.muted { (l.text("audit-case-intro")) }
        (event_table(l, &events, &names))
    };
    Ok(layout(l, &l.text("audit-case-title"), Some(&who), content))
}
