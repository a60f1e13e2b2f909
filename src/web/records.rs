//! Saving the stage records and details of a case.
//!
//! Each handler checks access and saves in one write transaction, with the
//! version the client last read; the answer carries the new version.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use super::AppState;
use super::actor::CurrentUser;
use super::cases::{CaseSummary, authorized_case};
use super::json::{ApiJson, IdPath, Versioned};
use crate::access::CaseAction;
use crate::db::{details, records};
use crate::domain::validation::*;
use crate::error::AppError;

macro_rules! save_handler {
    ($(#[$doc:meta])* $name:ident, $input:ty, $save:path) => {
        $(#[$doc])*
        pub async fn $name(
            State(state): State<AppState>,
            CurrentUser(who): CurrentUser,
            IdPath(id): IdPath,
            ApiJson(body): ApiJson<Versioned<$input>>,
        ) -> Result<Json<CaseSummary>, AppError> {
            let case = state
                .db
                .write(move |conn| {
                    authorized_case(conn, &who, &id, CaseAction::Edit)?;
                    $save(conn, &id, body.version, body.data, &who.user_id)
                })
                .await?;
            Ok(Json(CaseSummary::from(&case)))
        }
    };
}

save_handler!(
    /// `PUT /api/cases/{id}/intake`.
    put_intake, IntakeInput, records::save_intake);
save_handler!(
    /// `PUT /api/cases/{id}/assessment`.
    put_assessment, AssessmentInput, records::save_assessment);
save_handler!(
    /// `PUT /api/cases/{id}/contract`.
    put_contract, ContractInput, records::save_contract);
save_handler!(
    /// `PUT /api/cases/{id}/closure`.
    put_closure, ClosureInput, records::save_closure);
save_handler!(
    /// `PUT /api/cases/{id}/details`.
    put_details, DetailsInput, details::save_details);

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
    let (case, session) = state
        .db
        .write(move |conn| {
            authorized_case(conn, &who, &id, CaseAction::Edit)?;
            records::add_session(conn, &id, body.version, body.data, &who.user_id)
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(SessionCreated {
            case: CaseSummary::from(&case),
            session_id: session.id,
        }),
    ))
}
