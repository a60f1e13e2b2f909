//! Referrals out (转介) of a case, over JSON: make one, record how it went.
//!
//! As for the stage records: access is checked inside the write transaction
//! (those who may edit the case), the change claims the version the client last
//! read, and the audit row (`outbound_referral`, never the content) is written
//! in the same transaction.

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::Serialize;

use super::AppState;
use super::actor::CurrentUser;
use super::cases::{CaseSummary, audit_case, audited_refusal, check_case};
use super::json::{ApiJson, IdPath, Versioned, parse_id};
use crate::access::{CaseAction, Principal};
use crate::db::audit::AuditAction;
use crate::db::outbound::{self, OutboundReferral};
use crate::db::{DbConnection, StoreResult};
use crate::domain::outbound::{OutboundReferralInput, OutboundUpdateInput};
use crate::error::AppError;

/// A case id and the id of one of its records, both checked to be UUIDs
/// (`/api/cases/{id}/outbound-referrals/{rid}`).
pub struct CaseRecordPath(pub String, pub String);

impl<S: Send + Sync> FromRequestParts<S> for CaseRecordPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let axum::extract::Path((case_id, record_id)) =
            axum::extract::Path::<(String, String)>::from_request_parts(parts, state)
                .await
                .map_err(|e| AppError::BadRequest(e.body_text()))?;
        Ok(CaseRecordPath(parse_id(&case_id)?, parse_id(&record_id)?))
    }
}

/// Answer to a change of a referral out.
#[derive(Debug, Serialize)]
pub struct OutboundSaved {
    /// The case as it now stands (its new version).
    pub case: CaseSummary,
    /// The referral.
    pub referral: OutboundReferral,
}

/// Makes a referral out and audits it, in the caller's write transaction.
pub fn make(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    version: i64,
    input: OutboundReferralInput,
) -> StoreResult<OutboundSaved> {
    check_case(conn, who, case_id, CaseAction::Edit)?;
    let (case, referral) = outbound::refer(conn, case_id, version, input, &who.user_id)?;
    audit_case(
        conn,
        who,
        case_id,
        AuditAction::OutboundReferral,
        Some(format!("referral {} made", referral.id)),
    )?;
    Ok(OutboundSaved {
        case: CaseSummary::from(&case),
        referral,
    })
}

/// Records a referral's status and feedback and audits it, in the caller's
/// write transaction.
pub fn record(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    referral_id: &str,
    version: i64,
    input: OutboundUpdateInput,
) -> StoreResult<OutboundSaved> {
    check_case(conn, who, case_id, CaseAction::Edit)?;
    let (case, referral) =
        outbound::update(conn, case_id, referral_id, version, input, &who.user_id)?;
    audit_case(
        conn,
        who,
        case_id,
        AuditAction::OutboundReferral,
        Some(format!(
            "referral {} status {}",
            referral.id, referral.status
        )),
    )?;
    Ok(OutboundSaved {
        case: CaseSummary::from(&case),
        referral,
    })
}

/// `POST /api/cases/{id}/outbound-referrals`.
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<Versioned<OutboundReferralInput>>,
) -> Result<(StatusCode, Json<OutboundSaved>), AppError> {
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| make(conn, &actor, &case_id, body.version, body.data))
        .await;
    match result {
        Ok(saved) => Ok((StatusCode::CREATED, Json(saved))),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::OutboundReferral, e).await),
    }
}

/// `PUT /api/cases/{id}/outbound-referrals/{rid}`.
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    CaseRecordPath(id, referral_id): CaseRecordPath,
    ApiJson(body): ApiJson<Versioned<OutboundUpdateInput>>,
) -> Result<Json<OutboundSaved>, AppError> {
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| {
            record(
                conn,
                &actor,
                &case_id,
                &referral_id,
                body.version,
                body.data,
            )
        })
        .await;
    match result {
        Ok(saved) => Ok(Json(saved)),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::OutboundReferral, e).await),
    }
}
