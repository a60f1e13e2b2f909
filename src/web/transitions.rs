//! Moving a case through the workflow, and reading its log.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::actor::CurrentUser;
use super::cases::{CaseSummary, audit_case, audited_refusal, check_case};
use super::json::{ApiJson, IdPath};
use crate::access::CaseAction;
use crate::db::StoreError;
use crate::db::audit::AuditAction;
use crate::db::transitions::{self, TransitionLogEntry};
use crate::domain::validation::Errors;
use crate::domain::workflow::{Transition, TransitionRequest};
use crate::error::AppError;

/// A transition request as sent. Codes are parsed here so that an unknown name
/// gets a field message rather than a parser error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionBody {
    version: i64,
    transition: String,
    reason: Option<String>,
    closure_reason: Option<String>,
}

impl TransitionBody {
    fn parse(self) -> Result<(i64, TransitionRequest), AppError> {
        let mut errors = Errors::default();
        let transition = self.transition.parse::<Transition>().ok();
        if transition.is_none() {
            errors.unknown("transition.transition");
        }
        let closure_reason = match self.closure_reason.as_deref().map(str::parse) {
            None => None,
            Some(Ok(r)) => Some(r),
            Some(Err(_)) => {
                errors.unknown("transition.closure_reason");
                None
            }
        };
        errors
            .finish()
            .map_err(|e| AppError::from(StoreError::Invalid(e)))?;
        let transition = transition.ok_or(AppError::Internal)?;
        Ok((
            self.version,
            TransitionRequest {
                transition,
                reason: self.reason,
                closure_reason,
            },
        ))
    }
}

/// Answer to an accepted transition.
#[derive(Debug, Serialize)]
pub struct TransitionDone {
    /// The case as it now stands.
    pub case: CaseSummary,
    /// The log entry written.
    pub logged: TransitionLogEntry,
}

/// `POST /api/cases/{id}/transitions`.
pub async fn post(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<TransitionBody>,
) -> Result<Json<TransitionDone>, AppError> {
    let (version, request) = body.parse()?;
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| {
            check_case(conn, &actor, &case_id, CaseAction::Transition)?;
            let (case, logged) =
                transitions::apply(conn, &case_id, version, &actor.user_id, actor.role, request)?;
            let detail = format!(
                "{} {} -> {}",
                logged.transition, logged.from_stage, logged.to_stage
            );
            audit_case(
                conn,
                &actor,
                &case_id,
                AuditAction::CaseTransition,
                Some(detail),
            )?;
            Ok((case, logged))
        })
        .await;
    match result {
        Ok((case, logged)) => Ok(Json(TransitionDone {
            case: CaseSummary::from(&case),
            logged,
        })),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseTransition, e).await),
    }
}

/// `GET /api/cases/{id}/transitions`.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<TransitionLogEntry>>, AppError> {
    let (reader, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .run(move |conn| {
            check_case(conn, &reader, &case_id, CaseAction::View)?;
            let entries = transitions::log(conn, &case_id)?;
            audit_case(
                conn,
                &reader,
                &case_id,
                AuditAction::CaseView,
                crate::db::audit::AuditDetail::TransitionLog.text(),
            )?;
            Ok(entries)
        })
        .await;
    match result {
        Ok(entries) => Ok(Json(entries)),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseView, e).await),
    }
}
