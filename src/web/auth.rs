//! Signing in and out, and changing one's password.
//!
//! Sign-in attempts are throttled per login name and per client address, counted
//! from the audit trail (so that every instance sees the same count), and every
//! attempt is audited. Unknown names and wrong passwords get the same answer in
//! the same time.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse};
use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::AppState;
use super::actor::CurrentUser;
use super::json::ApiJson;
use super::security::{address_from, clear_session_cookie, cookie, session_cookie};
use crate::access::Principal;
use crate::db::audit::{self, AuditAction, Outcome};
use crate::db::organisations::User;
use crate::db::{StoreError, accounts, sessions};
use crate::domain::password::{self, PasswordProblem};
use crate::domain::validation::{Errors, Problem};
use crate::error::AppError;

/// Failed sign-ins for one login name within [`THROTTLE_WINDOW`] before it is paused.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins from one address within [`THROTTLE_WINDOW`] before it is paused.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// The window over which failures count.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// A successful sign-in.
pub struct SignedIn {
    /// The token for the cookie.
    pub token: String,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// Who signed in.
    pub user: User,
}

fn sign_in_entry<'a>(
    actor: Option<&'a str>,
    outcome: Outcome,
    username: &'a str,
    address: &'a str,
    detail: Option<&str>,
) -> audit::Entry<'a> {
    audit::Entry {
        actor_id: actor,
        action: AuditAction::SignIn,
        outcome,
        record_type: Some("login"),
        record_id: Some(username),
        case_id: None,
        client_address: address,
        detail: detail.map(str::to_owned),
    }
}

/// Checks credentials, throttling and the account's state; starts a session.
pub async fn sign_in(
    state: &AppState,
    username: &str,
    password: &str,
    client_address: &str,
) -> Result<SignedIn, AppError> {
    let username = accounts::normalise_username(username);
    if username.is_empty()
        || username.chars().count() > 100
        || password.chars().count() > password::MAX_LENGTH
    {
        return Err(AppError::BadCredentials);
    }
    let (password, address) = (password.to_owned(), client_address.to_owned());
    let at = state.clock.now();
    let policy = state.settings.session_policy();
    state
        .db
        .run(move |conn| {
            let (by_name, by_address) =
                audit::failed_sign_ins(conn, &username, &address, at - THROTTLE_WINDOW)?;
            if by_name >= MAX_FAILURES_PER_ACCOUNT || by_address >= MAX_FAILURES_PER_ADDRESS {
                audit::record(
                    conn,
                    sign_in_entry(
                        None,
                        Outcome::Refused,
                        &username,
                        &address,
                        Some("throttled"),
                    ),
                    at,
                )?;
                return Ok(Err(AppError::Throttled));
            }
            let creds = accounts::find_credentials(conn, &username)?;
            let hash = creds
                .as_ref()
                .and_then(|c| c.password_hash.as_deref())
                .unwrap_or_else(|| accounts::dummy_hash());
            let password_ok = accounts::verify_password(&password, hash);
            let creds = match creds {
                Some(c) if password_ok && c.password_hash.is_some() && c.disabled_at.is_none() => c,
                other => {
                    let why = match &other {
                        Some(c) if c.disabled_at.is_some() => "account disabled",
                        Some(_) => "wrong password",
                        None => "unknown login name",
                    };
                    let actor = other.as_ref().map(|c| c.id.as_str());
                    audit::record(
                        conn,
                        sign_in_entry(actor, Outcome::Failed, &username, &address, Some(why)),
                        at,
                    )?;
                    return Ok(Err(AppError::BadCredentials));
                }
            };
            let (token, session) = sessions::create(conn, &creds.id, &address, at, policy)?;
            audit::record(
                conn,
                sign_in_entry(Some(&creds.id), Outcome::Allowed, &username, &address, None),
                at,
            )?;
            let user = crate::db::organisations::find_user(conn, &creds.id)?;
            Ok(Ok(SignedIn {
                token,
                csrf_token: session.csrf_token,
                user,
            }))
        })
        .await?
}

/// Ends the session the request carries and records it.
pub async fn sign_out(
    state: &AppState,
    who: &Principal,
    headers: &HeaderMap,
) -> Result<(), AppError> {
    let token = cookie(headers, state.settings.session_cookie_name()).map(str::to_owned);
    let who = who.clone();
    state
        .db
        .run(move |conn| {
            if let Some(token) = token {
                sessions::end(conn, &token)?;
            }
            audit::record(
                conn,
                audit::Entry {
                    actor_id: Some(&who.user_id),
                    action: AuditAction::SignOut,
                    outcome: Outcome::Allowed,
                    record_type: None,
                    record_id: None,
                    case_id: None,
                    client_address: &who.client_address,
                    detail: None,
                },
                who.at,
            )
        })
        .await?;
    Ok(())
}

/// Turns a password-policy problem into a field error.
pub fn password_errors(field: &str, password: &str, personal: &[&str]) -> Result<(), AppError> {
    let problem = match password::check(password, personal) {
        Ok(()) => return Ok(()),
        Err(PasswordProblem::TooShort) => Problem::PasswordTooShort,
        Err(PasswordProblem::TooLong) => Problem::TooLong {
            max: password::MAX_LENGTH,
        },
        Err(PasswordProblem::TooCommon) => Problem::PasswordTooCommon,
    };
    let mut e = Errors::default();
    e.problem(field, problem);
    Err(StoreError::Invalid(e.finish().unwrap_err()).into())
}

/// Sign-in request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInBody {
    username: String,
    password: String,
}

/// Who is signed in, and the token their changes must carry.
#[derive(Debug, Serialize)]
pub struct SessionInfo {
    /// User id.
    pub user_id: String,
    /// Name.
    pub display_name: String,
    /// Role code.
    pub role: String,
    /// Organisation.
    pub organisation_id: String,
    /// Send as `X-CSRF-Token` with every state-changing request.
    pub csrf_token: String,
}

/// `POST /api/session`: sign in.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    request_parts: axum::http::Extensions,
    ApiJson(body): ApiJson<SignInBody>,
) -> Result<impl IntoResponse, AppError> {
    let address = address_from(&headers, &request_parts, &state.settings);
    let signed = sign_in(&state, &body.username, &body.password, &address).await?;
    Ok((
        StatusCode::OK,
        AppendHeaders([(
            header::SET_COOKIE,
            session_cookie(&state.settings, &signed.token),
        )]),
        Json(SessionInfo {
            user_id: signed.user.id,
            display_name: signed.user.display_name,
            role: signed.user.role,
            organisation_id: signed.user.organisation_id,
            csrf_token: signed.csrf_token,
        }),
    ))
}

/// `GET /api/session`: who am I.
pub async fn show(CurrentUser(who): CurrentUser) -> Json<SessionInfo> {
    Json(SessionInfo {
        user_id: who.user_id,
        display_name: who.display_name,
        role: who.role.as_str().to_owned(),
        organisation_id: who.organisation_id,
        csrf_token: who.csrf_token,
    })
}

/// `DELETE /api/session`: sign out.
pub async fn delete(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    sign_out(&state, &who, &headers).await?;
    Ok((
        StatusCode::NO_CONTENT,
        AppendHeaders([(header::SET_COOKIE, clear_session_cookie(&state.settings))]),
    ))
}

/// Password change request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordBody {
    current_password: String,
    new_password: String,
}

/// `PUT /api/session/password`: change one's password, proving the current one.
/// Every other session of the user ends; this one is replaced by a new token.
pub async fn change_password(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<impl IntoResponse, AppError> {
    let policy = state.settings.session_policy();
    let actor = who.clone();
    let outcome = state
        .db
        .run(move |conn| {
            let who = actor;
            let creds = accounts::credentials_of(conn, &who.user_id)?;
            let ok = creds
                .password_hash
                .as_deref()
                .is_some_and(|h| accounts::verify_password(&body.current_password, h));
            let entry = |outcome| audit::Entry {
                actor_id: Some(&who.user_id),
                action: AuditAction::PasswordChange,
                outcome,
                record_type: Some("user"),
                record_id: Some(&who.user_id),
                case_id: None,
                client_address: &who.client_address,
                detail: None,
            };
            if !ok {
                audit::record(conn, entry(Outcome::Failed), who.at)?;
                let mut e = Errors::default();
                e.problem("account.current_password", Problem::Incorrect);
                return Ok(Err(StoreError::Invalid(e.finish().unwrap_err()).into()));
            }
            let username = crate::db::organisations::find_username(conn, &who.user_id)?;
            if let Err(e) = password_errors(
                "account.new_password",
                &body.new_password,
                &[&username, &who.display_name],
            ) {
                return Ok(Err(e));
            }
            let hash = accounts::hash_password(&body.new_password)?;
            let renewed = crate::db::write_transaction(conn, |conn| {
                accounts::set_password_hash(conn, &who.user_id, &hash, who.at)?;
                sessions::end_all_for(conn, &who.user_id)?;
                let (token, session) =
                    sessions::create(conn, &who.user_id, &who.client_address, who.at, policy)?;
                audit::record(conn, entry(Outcome::Allowed), who.at)?;
                Ok((token, session))
            })?;
            Ok(Ok(renewed))
        })
        .await??;
    let (token, session) = outcome;
    Ok((
        AppendHeaders([(header::SET_COOKIE, session_cookie(&state.settings, &token))]),
        Json(serde_json::json!({ "csrf_token": session.csrf_token })),
    ))
}
