//! Searching the audit trail, and who has seen a case.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::AppState;
use super::actor::CurrentUser;
use super::cases::{audited_refusal, check_case};
use super::json::{ApiQuery, IdPath, parse_id};
use crate::access::{CaseAction, Principal, audit_scope, may_read_access_log_as_admin};
use crate::db::StoreError;
use crate::db::audit::{self, AuditAction, AuditEvent, AuditFilter, AuditScope, Outcome};
use crate::db::cases::find_case;
use crate::domain::validation::Errors;
use crate::error::AppError;

/// Filters of the audit search (API and page). Blank values mean "any"; times
/// are UTC, as a date (`2026-11-23`) or a date and time (`2026-11-23T08:00:00`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only events by this user.
    pub actor_id: Option<String>,
    /// Only events on this case.
    pub case_id: Option<String>,
    /// Only this action code.
    pub action: Option<String>,
    /// From this time on.
    pub from: Option<String>,
    /// Before this time (a date means: up to the end of that day).
    pub to: Option<String>,
    /// Most events to return.
    pub limit: Option<i64>,
}

fn blank_to_none(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn parse_time(text: &str, end_of_day: bool) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| {
            let day = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
            let day = if end_of_day { day.succ_opt()? } else { day };
            day.and_hms_opt(0, 0, 0)
        })
}

impl AuditQuery {
    /// The filter and row limit, or field errors.
    pub fn parse(&self) -> Result<(AuditFilter, i64), AppError> {
        let mut errors = Errors::default();
        let action = blank_to_none(&self.action).and_then(|a| {
            a.parse::<AuditAction>()
                .map_err(|_| errors.unknown("query.action"))
                .ok()
        });
        let from = blank_to_none(&self.from).and_then(|t| {
            parse_time(t, false).or_else(|| {
                errors.unknown("query.from");
                None
            })
        });
        let to = blank_to_none(&self.to).and_then(|t| {
            parse_time(t, true).or_else(|| {
                errors.unknown("query.to");
                None
            })
        });
        errors.range("query.limit", self.limit, 1, audit::MAX_EVENTS);
        errors.finish().map_err(StoreError::Invalid)?;
        let filter = AuditFilter {
            actor_id: blank_to_none(&self.actor_id).map(parse_id).transpose()?,
            case_id: blank_to_none(&self.case_id).map(parse_id).transpose()?,
            action,
            from,
            to,
        };
        Ok((filter, self.limit.unwrap_or(100)))
    }
}

/// Runs a search within the user's scope and records that it was made;
/// "not found" for users without an audit scope.
pub async fn run_search(
    state: &AppState,
    who: &Principal,
    query: &AuditQuery,
) -> Result<Vec<AuditEvent>, AppError> {
    let Some(scope) = audit_scope(who) else {
        return Err(AppError::NotFound);
    };
    let (filter, limit) = query.parse()?;
    let who = who.clone();
    let events = state
        .db
        .run(move |conn| {
            let events = audit::search(conn, &scope, &filter, limit)?;
            audit::record(
                conn,
                audit::Entry {
                    actor_id: Some(&who.user_id),
                    action: AuditAction::AuditSearch,
                    outcome: Outcome::Allowed,
                    record_type: None,
                    record_id: None,
                    case_id: filter.case_id.as_deref(),
                    client_address: &who.client_address,
                    detail: None,
                },
                who.at,
            )?;
            Ok(events)
        })
        .await?;
    Ok(events)
}

/// `GET /api/audit`: administrators search everything, supervisors the cases of their teams.
pub async fn search(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEvent>>, AppError> {
    run_search(&state, &who, &q).await.map(Json)
}

/// Everything recorded about one case, newest first, if `who` may see it.
pub async fn load_case_access_log(
    state: &AppState,
    who: &Principal,
    case_id: &str,
) -> Result<Vec<AuditEvent>, AppError> {
    let (reader, id) = (who.clone(), case_id.to_owned());
    let result = state
        .db
        .run(move |conn| {
            let who = reader;
            if may_read_access_log_as_admin(&who) {
                find_case(conn, &id)?;
            } else {
                check_case(conn, &who, &id, CaseAction::ViewAccessLog)?;
            }
            let filter = AuditFilter {
                case_id: Some(id.clone()),
                ..AuditFilter::default()
            };
            let events = audit::search(conn, &AuditScope::All, &filter, audit::MAX_EVENTS)?;
            super::cases::audit_case(conn, &who, &id, AuditAction::CaseAccessLog, None)?;
            Ok(events)
        })
        .await;
    match result {
        Ok(events) => Ok(events),
        Err(e) => Err(audited_refusal(state, who, case_id, AuditAction::CaseAccessLog, e).await),
    }
}

/// `GET /api/cases/{id}/access-log`: everything recorded about one case, newest
/// first, for its supervisors and for administrators (metadata only).
pub async fn case_access_log(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<AuditEvent>>, AppError> {
    load_case_access_log(&state, &who, &id).await.map(Json)
}
