//! Searching the audit trail, and who has seen a case.

use axum::Json;
use axum::extract::State;
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::AppState;
use super::actor::CurrentUser;
use super::cases::{audited_refusal, check_case};
use super::json::{ApiQuery, IdPath, parse_id};
use crate::access::{CaseAction, audit_scope, may_read_access_log_as_admin};
use crate::db::StoreError;
use crate::db::audit::{self, AuditAction, AuditEvent, AuditFilter, AuditScope, Outcome};
use crate::db::cases::find_case;
use crate::domain::validation::Errors;
use crate::error::AppError;

/// Filters of `GET /api/audit`; times are UTC (`2026-11-23T08:00:00`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    actor_id: Option<String>,
    case_id: Option<String>,
    action: Option<String>,
    from: Option<NaiveDateTime>,
    to: Option<NaiveDateTime>,
    limit: Option<i64>,
}

/// `GET /api/audit`: administrators search everything, supervisors the cases of their teams.
pub async fn search(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEvent>>, AppError> {
    let Some(scope) = audit_scope(&who) else {
        return Err(AppError::NotFound);
    };
    let mut errors = Errors::default();
    let action = q.action.as_deref().and_then(|a| {
        a.parse::<AuditAction>()
            .map_err(|_| errors.unknown("query.action"))
            .ok()
    });
    errors.range("query.limit", q.limit, 1, audit::MAX_EVENTS);
    errors.finish().map_err(StoreError::Invalid)?;
    let filter = AuditFilter {
        actor_id: q.actor_id.as_deref().map(parse_id).transpose()?,
        case_id: q.case_id.as_deref().map(parse_id).transpose()?,
        action,
        from: q.from,
        to: q.to,
    };
    let limit = q.limit.unwrap_or(100);
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
    Ok(Json(events))
}

/// `GET /api/cases/{id}/access-log`: everything recorded about one case, newest
/// first, for its supervisors and for administrators (metadata only).
pub async fn case_access_log(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<AuditEvent>>, AppError> {
    let (reader, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .run(move |conn| {
            let who = reader;
            if may_read_access_log_as_admin(&who) {
                find_case(conn, &case_id)?;
            } else {
                check_case(conn, &who, &case_id, CaseAction::ViewAccessLog)?;
            }
            let filter = AuditFilter {
                case_id: Some(case_id.clone()),
                ..AuditFilter::default()
            };
            let events = audit::search(conn, &AuditScope::All, &filter, audit::MAX_EVENTS)?;
            super::cases::audit_case(conn, &who, &case_id, AuditAction::CaseAccessLog, None)?;
            Ok(events)
        })
        .await;
    match result {
        Ok(events) => Ok(Json(events)),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseAccessLog, e).await),
    }
}
