//! Saving the stage records and details of a case.
//!
//! Each handler checks access and saves in one write transaction, with the
//! version the client last read, and records the change in the audit trail in
//! that same transaction; the answer carries the new version.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use super::AppState;
use super::actor::CurrentUser;
use super::cases::{CaseSummary, audit_case, audited_refusal, check_case};
use super::json::{ApiJson, IdPath, Versioned};
use crate::access::CaseAction;
use crate::db::audit::AuditAction;
use crate::db::{details, records};
use crate::domain::validation::*;
use crate::error::AppError;

macro_rules! save_handler {
    ($(#[$doc:meta])* $name:ident, $input:ty, $save:path, $section:literal) => {
        $(#[$doc])*
        pub async fn $name(
            State(state): State<AppState>,
            CurrentUser(who): CurrentUser,
            IdPath(id): IdPath,
            ApiJson(body): ApiJson<Versioned<$input>>,
        ) -> Result<Json<CaseSummary>, AppError> {
            let (actor, case_id) = (who.clone(), id.clone());
            let result = state
                .db
                .write(move |conn| {
                    check_case(conn, &actor, &case_id, CaseAction::Edit)?;
                    let case = $save(conn, &case_id, body.version, body.data, &actor.user_id)?;
                    audit_case(conn, &actor, &case_id, AuditAction::CaseUpdate, Some($section.into()))?;
                    Ok(case)
                })
                .await;
            match result {
                Ok(case) => Ok(Json(CaseSummary::from(&case))),
                Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseUpdate, e).await),
            }
        }
    };
}

save_handler!(
    /// `PUT /api/cases/{id}/intake`.
    put_intake, IntakeInput, records::save_intake, "intake");
save_handler!(
    /// `PUT /api/cases/{id}/assessment`.
    put_assessment, AssessmentInput, records::save_assessment, "assessment");
save_handler!(
    /// `PUT /api/cases/{id}/contract`.
    put_contract, ContractInput, records::save_contract, "contract");
save_handler!(
    /// `PUT /api/cases/{id}/closure`.
    put_closure, ClosureInput, records::save_closure, "closure");
save_handler!(
    /// `PUT /api/cases/{id}/details`.
    put_details, DetailsInput, details::save_details, "details");

/// Answer to a logged session.
#[derive(Debug, Serialize)]
pub struct SessionCreated {
    /// The case as it now stands.
    pub case: CaseSummary,
    /// The new session's id.
    pub session_id: String,
}

/// `POST /api/cases/{id}/sessions`.
pub async fn post_session(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<Versioned<SessionInput>>,
) -> Result<(StatusCode, Json<SessionCreated>), AppError> {
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| {
            check_case(conn, &actor, &case_id, CaseAction::Edit)?;
            let (case, session) =
                records::add_session(conn, &case_id, body.version, body.data, &actor.user_id)?;
            audit_case(
                conn,
                &actor,
                &case_id,
                AuditAction::CaseUpdate,
                Some(format!("session {}", session.id)),
            )?;
            Ok((case, session))
        })
        .await;
    match result {
        Ok((case, session)) => Ok((
            StatusCode::CREATED,
            Json(SessionCreated {
                case: CaseSummary::from(&case),
                session_id: session.id,
            }),
        )),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseUpdate, e).await),
    }
}
