//! Moving a case through the workflow, and reading its log.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::actor::CurrentUser;
use super::cases::{CaseSummary, authorized_case};
use super::json::{ApiJson, IdPath};
use crate::access::CaseAction;
use crate::db::StoreError;
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
    let (case, logged) = state
        .db
        .write(move |conn| {
            authorized_case(conn, &who, &id, CaseAction::Transition)?;
            transitions::apply(conn, &id, version, &who.user_id, who.role, request)
        })
        .await?;
    Ok(Json(TransitionDone {
        case: CaseSummary::from(&case),
        logged,
    }))
}

/// `GET /api/cases/{id}/transitions`.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<TransitionLogEntry>>, AppError> {
    let entries = state
        .db
        .run(move |conn| {
            authorized_case(conn, &who, &id, CaseAction::View)?;
            transitions::log(conn, &id)
        })
        .await?;
    Ok(Json(entries))
}
