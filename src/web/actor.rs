//! Who is making the request: the session cookie, checked against the database.
//!
//! [`CurrentUser`] is what every signed-in route takes. For state-changing
//! methods it also requires the session's CSRF token in the `X-CSRF-Token`
//! header; HTML form handlers take [`FormUser`] instead and check the token sent
//! in the form with [`Principal::check_csrf`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::AppState;
use super::security::{address_from, cookie, is_unsafe, same_secret};
use crate::access::Principal;
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::{accounts, sessions};
use crate::error::AppError;

/// The header that carries the CSRF token on API requests.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A signed-in user; state-changing requests must carry the CSRF header.
pub struct CurrentUser(pub Principal);

/// A signed-in user whose CSRF token the handler checks from the submitted form.
pub struct FormUser(pub Principal);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let who = signed_in(parts, state).await?;
        if is_unsafe(&parts.method) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            who.check_csrf(state, sent).await?;
        }
        Ok(CurrentUser(who))
    }
}

impl FromRequestParts<AppState> for FormUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        signed_in(parts, state).await.map(FormUser)
    }
}

/// The session token the browser sent, if it looks like one.
pub fn session_token(parts: &Parts, state: &AppState) -> Option<String> {
    cookie(&parts.headers, state.settings.session_cookie_name())
        .filter(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
}

/// Looks up the session; `Unauthenticated` when there is none or it has ended.
async fn signed_in(parts: &Parts, state: &AppState) -> Result<Principal, AppError> {
    let token = session_token(parts, state).ok_or(AppError::Unauthenticated)?;
    let client_address = address_from(&parts.headers, &parts.extensions, &state.settings);
    let at = state.clock.now();
    let policy = state.settings.session_policy();
    let found = state
        .db
        .run(move |conn| {
            let Some((session, user, organisation_name)) =
                sessions::authenticate(conn, &token, at, policy)?
            else {
                return Ok(None);
            };
            let team_ids = accounts::teams_of(conn, &user.id)?;
            let unread = crate::db::notifications::unread_count(conn, &user.id)?;
            Ok(Some((session, user, team_ids, organisation_name, unread)))
        })
        .await?;
    let (session, user, team_ids, organisation_name, unread_notifications) =
        found.ok_or(AppError::Unauthenticated)?;
    let role = user.role().ok_or(AppError::Unauthenticated)?;
    Ok(Principal {
        user_id: user.id,
        display_name: user.display_name,
        organisation_id: user.organisation_id,
        organisation_name,
        role,
        team_ids,
        client_address,
        csrf_token: session.csrf_token,
        at,
        unread_notifications,
    })
}

impl Principal {
    /// Refuses (and audits) a state-changing request whose CSRF token is not this session's.
    pub async fn check_csrf(&self, state: &AppState, sent: &str) -> Result<(), AppError> {
        if same_secret(sent, &self.csrf_token) {
            return Ok(());
        }
        let (actor, address, at) = (self.user_id.clone(), self.client_address.clone(), self.at);
        state
            .db
            .run(move |conn| {
                audit::record(
                    conn,
                    audit::Entry {
                        actor_id: Some(&actor),
                        action: AuditAction::CsrfRefused,
                        outcome: Outcome::Refused,
                        record_type: None,
                        record_id: None,
                        case_id: None,
                        client_address: &address,
                        detail: Some("missing or wrong CSRF token".into()),
                    },
                    at,
                )
            })
            .await?;
        Err(AppError::CsrfRefused)
    }
}
