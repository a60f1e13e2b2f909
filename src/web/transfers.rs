//! Transfers over JSON: ask for one, withdraw it, reassign directly, list what
//! waits for me, accept or decline.
//!
//! The rules live in `db::transfers` (which checks access through
//! `crate::access` and writes the audit rows and notifications); the handlers
//! here run them in one write transaction and record refusals after the
//! rollback.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use super::AppState;
use super::actor::CurrentUser;
use super::cases::{CaseSummary, audit_case, audited_refusal, check_case};
use super::json::{ApiJson, IdPath, Versioned};
use crate::access::{CaseAction, Principal};
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::transfers::{self, IncomingTransfer, OutgoingTransfer, Transfer, TransferEntry};
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::transfer::{
    ReassignInput, TransferAcceptInput, TransferNoteInput, TransferRequestInput,
};
use crate::error::AppError;

/// Answer to a transfer step.
#[derive(Debug, Serialize)]
pub struct TransferSaved {
    /// The case as it now stands (for the requesting side; after an accepted
    /// transfer to another agency, only the new holder may open it).
    pub case: CaseSummary,
    /// The transfer.
    pub transfer: Transfer,
}

/// Records a refused decision on a transfer (the case is not named: the
/// refused user may not learn which case it concerns).
pub async fn audited_transfer_refusal(
    state: &AppState,
    who: &Principal,
    transfer_id: &str,
    error: StoreError,
) -> AppError {
    if matches!(error, StoreError::NotFound | StoreError::Forbidden) {
        let (who, transfer_id) = (who.clone(), transfer_id.to_owned());
        let recorded = state
            .db
            .run(move |conn| {
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: Some(&who.user_id),
                        action: AuditAction::CaseTransfer,
                        outcome: Outcome::Refused,
                        record_type: Some("transfer"),
                        record_id: Some(&transfer_id),
                        case_id: None,
                        client_address: &who.client_address,
                        detail: None,
                    },
                    who.at,
                )
            })
            .await;
        if let Err(e) = recorded {
            return e.into();
        }
    }
    error.into()
}

/// `POST /api/cases/{id}/transfers`: asks for a transfer.
pub async fn request(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<Versioned<TransferRequestInput>>,
) -> Result<(StatusCode, Json<TransferSaved>), AppError> {
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| transfers::request(conn, &actor, &case_id, body.version, body.data))
        .await;
    match result {
        Ok((case, transfer)) => Ok((
            StatusCode::CREATED,
            Json(TransferSaved {
                case: CaseSummary::from(&case),
                transfer,
            }),
        )),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseTransfer, e).await),
    }
}

/// `GET /api/cases/{id}/transfers`: the case's transfers and reassignments.
pub async fn history(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<TransferEntry>>, AppError> {
    let (reader, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .run(move |conn| {
            check_case(conn, &reader, &case_id, CaseAction::View)?;
            let rows = transfers::history(conn, &case_id)?;
            audit_case(
                conn,
                &reader,
                &case_id,
                AuditAction::CaseView,
                crate::db::audit::AuditDetail::Transfers.text(),
            )?;
            Ok(rows)
        })
        .await;
    match result {
        Ok(rows) => Ok(Json(rows)),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseView, e).await),
    }
}

/// `POST /api/cases/{id}/transfers/cancel`: withdraws the case's open transfer.
pub async fn cancel(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<Versioned<TransferNoteInput>>,
) -> Result<Json<TransferSaved>, AppError> {
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| transfers::cancel(conn, &actor, &case_id, body.version, body.data))
        .await;
    match result {
        Ok((case, transfer)) => Ok(Json(TransferSaved {
            case: CaseSummary::from(&case),
            transfer,
        })),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseTransfer, e).await),
    }
}

/// `POST /api/cases/{id}/reassign`: a supervisor's direct reassignment.
pub async fn reassign(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<Versioned<ReassignInput>>,
) -> Result<Json<TransferSaved>, AppError> {
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| transfers::reassign(conn, &actor, &case_id, body.version, body.data))
        .await;
    match result {
        Ok((case, transfer)) => Ok(Json(TransferSaved {
            case: CaseSummary::from(&case),
            transfer,
        })),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseTransfer, e).await),
    }
}

/// What `GET /api/transfers` answers.
#[derive(Debug, Serialize)]
pub struct MyTransfers {
    /// Open transfers I may accept or decline (their summary only).
    pub incoming: Vec<IncomingTransfer>,
    /// Transfers I asked for, or of cases I held.
    pub outgoing: Vec<OutgoingTransfer>,
}

/// Loads both lists and records that the receiver saw each incoming summary
/// (it names a client outside their scope).
pub fn load_mine(conn: &mut DbConnection, who: &Principal) -> StoreResult<MyTransfers> {
    let incoming = transfers::incoming(conn, who)?;
    for t in &incoming {
        audit::record(
            conn,
            audit::Entry {
                actor_id: Some(&who.user_id),
                action: AuditAction::TransferView,
                outcome: Outcome::Allowed,
                record_type: Some("transfer"),
                record_id: Some(&t.id),
                case_id: Some(&t.case_id),
                client_address: &who.client_address,
                detail: None,
            },
            who.at,
        )?;
    }
    let outgoing = transfers::outgoing(conn, who)?;
    Ok(MyTransfers { incoming, outgoing })
}

/// `GET /api/transfers`: what waits for me, and what I asked for.
pub async fn mine(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
) -> Result<Json<MyTransfers>, AppError> {
    if crate::access::case_list_scope(&who).is_none() {
        return Err(AppError::NotFound);
    }
    Ok(Json(
        state.db.write(move |conn| load_mine(conn, &who)).await?,
    ))
}

/// `POST /api/transfers/{id}/accept`.
pub async fn accept(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(input): ApiJson<TransferAcceptInput>,
) -> Result<Json<TransferSaved>, AppError> {
    let (actor, transfer_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| transfers::accept(conn, &actor, &transfer_id, input))
        .await;
    match result {
        Ok((case, transfer)) => Ok(Json(TransferSaved {
            case: CaseSummary::from(&case),
            transfer,
        })),
        Err(e) => Err(audited_transfer_refusal(&state, &who, &id, e).await),
    }
}

/// `POST /api/transfers/{id}/decline` (a note is required).
pub async fn decline(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(input): ApiJson<TransferNoteInput>,
) -> Result<Json<Transfer>, AppError> {
    let (actor, transfer_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| transfers::decline(conn, &actor, &transfer_id, input))
        .await;
    match result {
        Ok(transfer) => Ok(Json(transfer)),
        Err(e) => Err(audited_transfer_refusal(&state, &who, &id, e).await),
    }
}
