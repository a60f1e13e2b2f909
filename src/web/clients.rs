//! Clients: register one, and look for possible duplicates first.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::AppState;
use super::actor::CurrentUser;
use super::json::ApiJson;
use crate::access::may_manage_clients;
use crate::db::clients::{Client, find_possible_duplicates, insert_client};
use crate::domain::validation::ClientInput;
use crate::error::AppError;

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
        .write(move |conn| insert_client(conn, input, &who.user_id))
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
        .run(move |conn| find_possible_duplicates(conn, &q.name, q.phone.as_deref()))
        .await?;
    Ok(Json(found))
}
