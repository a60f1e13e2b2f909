//! Clients: register one, and look for possible duplicates first.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::AppState;
use super::actor::CurrentUser;
use super::json::ApiJson;
use crate::access::Principal;
use crate::access::may_manage_clients;
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::clients::{Client, find_possible_duplicates, insert_client};
use crate::db::{DbConnection, StoreResult};
use crate::domain::validation::ClientInput;
use crate::error::AppError;

/// Records a client action; the search terms themselves are personal data and are not kept.
pub(crate) fn audit_client(
    conn: &mut DbConnection,
    who: &Principal,
    action: AuditAction,
    client_id: Option<&str>,
    detail: Option<String>,
) -> StoreResult<()> {
    audit::record(
        conn,
        audit::Entry {
            actor_id: Some(&who.user_id),
            action,
            outcome: Outcome::Allowed,
            record_type: Some("client"),
            record_id: client_id,
            case_id: None,
            client_address: &who.client_address,
            detail,
        },
        who.at,
    )
}

/// `POST /api/clients`.
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(input): ApiJson<ClientInput>,
) -> Result<(StatusCode, Json<Client>), AppError> {
    if !may_manage_clients(&who) {
        return Err(AppError::NotFound);
    }
    let client = state
        .db
        .write(move |conn| {
            let client = insert_client(conn, input, &who.user_id)?;
            audit_client(
                conn,
                &who,
                AuditAction::ClientCreate,
                Some(&client.id),
                None,
            )?;
            Ok(client)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(client)))
}

/// Query of the duplicate check.
#[derive(Debug, Deserialize)]
pub struct DuplicateQuery {
    name: String,
    phone: Option<String>,
}

/// `GET /api/clients/duplicates?name=..&phone=..`: clients with the same name or phone.
pub async fn duplicates(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    Query(q): Query<DuplicateQuery>,
) -> Result<Json<Vec<Client>>, AppError> {
    if !may_manage_clients(&who) {
        return Err(AppError::NotFound);
    }
    let found = state
        .db
        .run(move |conn| {
            let found = find_possible_duplicates(conn, &q.name, q.phone.as_deref())?;
            audit_client(
                conn,
                &who,
                AuditAction::ClientSearch,
                None,
                Some(format!("{} result(s)", found.len())),
            )?;
            Ok(found)
        })
        .await?;
    Ok(Json(found))
}
