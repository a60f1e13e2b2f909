//! Who is making the request.
//!
//! Until accounts exist (issue: accounts, roles and the audit trail), the acting
//! user comes from the `X-Casework-User` header, and only when the server was
//! started with `--trust-actor-header` on a loopback address. Without it every
//! route that needs an actor answers 401: deny by default.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::AppState;
use super::json::parse_id;
use crate::access::Principal;
use crate::db::StoreError;
use crate::db::organisations::find_user;
use crate::error::AppError;

/// The header naming the acting user's id (development and tests only).
pub const ACTOR_HEADER: &str = "x-casework-user";

/// The authenticated user behind a request.
pub struct CurrentUser(pub Principal);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if !state.settings.trust_actor_header {
            return Err(AppError::Unauthenticated);
        }
        let raw = parts
            .headers
            .get(ACTOR_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or(AppError::Unauthenticated)?;
        let id = parse_id(raw).map_err(|_| AppError::Unauthenticated)?;
        let user = state
            .db
            .run(move |conn| find_user(conn, &id))
            .await
            .map_err(|e| match e {
                StoreError::NotFound => AppError::Unauthenticated,
                other => other.into(),
            })?;
        let role = user.role().ok_or(AppError::Unauthenticated)?;
        Ok(CurrentUser(Principal {
            user_id: user.id,
            organisation_id: user.organisation_id,
            role,
        }))
    }
}
