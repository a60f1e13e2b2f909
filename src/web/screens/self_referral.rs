//! `GET|POST /help`: a worker asks for help without an account; `GET|POST
//! /help/status`: they check their request with the receipt code.
//!
//! Abuse is held off without third-party services: a honeypot field, size limits
//! (the body limit and the field limits), and rate limits counted in the database
//! so that every instance agrees: a few requests per address per hour, and a
//! ceiling for all addresses together against a flood from many. Receipt codes are
//! 100 random bits; only their SHA-256 is stored, and a wrong code says nothing
//! more than "no request with this code". Checks are rate-limited per address too.
//!
//! Each form carries a random token (`form_token`); the receipt code is derived
//! from it and its SHA-256 is stored with the referral (unique). A second
//! submission with the same token (a double tap, a resent page) finds that
//! referral and shows the same receipt instead of making another. Neither the
//! token nor the code is stored in the clear.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

use super::forms::read_form;
use crate::db::audit::{self, AuditAction, AuditDetail, Outcome};
use crate::db::referrals;
use crate::db::{DbConnection, StoreError, StoreResult};
use crate::domain::referral::{ReceiptStatus, SelfReferralInput, code_hash};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::layout::public_page;
use crate::views::self_referral::{self as view, HONEYPOT};
use crate::views::stage_forms::FormValues;
use crate::web::AppState;
use crate::web::locale::from_headers;
use crate::web::security::address_from;

/// Requests one address may send per hour.
pub const PER_ADDRESS_PER_HOUR: i64 = 5;
/// Requests from everyone together per hour before the form pauses.
pub const ALL_PER_HOUR: i64 = 300;
/// Receipt checks one address may make per 15 minutes.
pub const CHECKS_PER_ADDRESS: i64 = 20;

/// Receipt code alphabet: no 0/O, 1/I/L to misread.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A new form token: 128 random bits, hex.
fn new_form_token() -> String {
    hex::encode(rand::rng().random::<[u8; 16]>())
}

/// The token a form sent, if it is one this screen made (else a fresh one, so a
/// form without it still works, only without the protection).
fn sent_token(text: &str) -> String {
    let text = text.trim();
    if text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        text.to_ascii_lowercase()
    } else {
        new_form_token()
    }
}

/// What is stored of a token: its SHA-256, so the database cannot give codes away.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(format!("form:{token}").as_bytes()))
}

/// The receipt code of a token, e.g. `K7QF3-MZT9A-4HPRW-X2BND` (20 symbols of
/// 31, about 99 bits): the same token always gives the same code, which is
/// what lets a repeated submission show the receipt again.
fn code_for(token: &str) -> String {
    let seed: [u8; 32] = Sha256::digest(format!("receipt:{token}").as_bytes()).into();
    let mut rng = rand_chacha::ChaCha20Rng::from_seed(seed);
    let symbols: Vec<char> = (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    symbols
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A public page; its language switch comes back to `here`.
fn page(
    l: Locale,
    title_key: &str,
    here: &str,
    status: StatusCode,
    body: maud::Markup,
) -> Response {
    (status, public_page(l, &l.text(title_key), here, body)).into_response()
}

async fn agencies(state: &AppState) -> StoreResult<Vec<(String, String)>> {
    state.db.run(referrals::all_agencies).await
}

/// `GET /help`.
pub async fn form(State(state): State<AppState>, request: Request) -> Response {
    let l = from_headers(request.headers());
    let mut values = FormValues::default();
    values.push(view::FORM_TOKEN, new_form_token());
    match agencies(&state).await {
        Ok(list) => page(
            l,
            "help-title",
            "/help",
            StatusCode::OK,
            view::form(l, &list, &values, &[], None),
        ),
        Err(e) => AppError::from(e).into_response(),
    }
}

fn record(
    conn: &mut DbConnection,
    address: &str,
    action: AuditAction,
    outcome: Outcome,
    record_id: Option<&str>,
    detail: Option<String>,
    at: chrono::NaiveDateTime,
) -> StoreResult<()> {
    audit::record(
        conn,
        audit::Entry {
            actor_id: None,
            action,
            outcome,
            record_type: Some("referral"),
            record_id,
            case_id: None,
            client_address: address,
            detail,
        },
        at,
    )
}

/// What became of a request.
enum Sent {
    /// Stored; the code to show.
    Stored(String),
    /// Sent before with the same form token: the code that request got.
    Repeated(String),
    /// The honeypot was filled: nothing stored, a plain thank-you.
    Ignored,
    /// Over a rate limit.
    Limited,
}

/// `POST /help`.
pub async fn submit(State(state): State<AppState>, request: Request) -> Response {
    let l = from_headers(request.headers());
    let address = address_from(request.headers(), request.extensions(), &state.settings);
    let values = match read_form(request).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let input = SelfReferralInput {
        agency_id: values.get("agency_id").trim().to_owned(),
        name: values.get("name").trim().to_owned(),
        contact: values.get("contact").trim().to_owned(),
        contact_time: Some(values.get("contact_time").trim().to_owned()).filter(|t| !t.is_empty()),
        concern: values.get("concern").trim().to_owned(),
        consent: values.checked("consent"),
    };
    let bot = !values.get(HONEYPOT).trim().is_empty();
    if !bot && let Err(errors) = input.validate() {
        return refused_form(&state, l, &values, errors, None).await;
    }
    let at = state.clock.now();
    let token = sent_token(values.get(view::FORM_TOKEN));
    let code = code_for(&token);
    let (hash, token_hash) = (code_hash(&code), token_hash(&token));
    let repeat_lookup = token_hash.clone();
    let sent = state
        .db
        .write(move |conn| {
            if !bot && let Some(earlier) = referrals::find_by_form_token(conn, &token_hash)? {
                record(
                    conn,
                    &address,
                    AuditAction::SelfReferralCreate,
                    Outcome::Allowed,
                    Some(&earlier.id),
                    AuditDetail::Resubmitted.text(),
                    at,
                )?;
                return Ok(Sent::Repeated(code));
            }
            if bot {
                record(
                    conn,
                    &address,
                    AuditAction::SelfReferralCreate,
                    Outcome::Refused,
                    None,
                    AuditDetail::Honeypot.text(),
                    at,
                )?;
                return Ok(Sent::Ignored);
            }
            referrals::admit_self_referrals_one_at_a_time(conn)?;
            let hour_ago = at - Duration::hours(1);
            if referrals::self_referrals_from(conn, &address, hour_ago)? >= PER_ADDRESS_PER_HOUR
                || referrals::self_referrals_since(conn, hour_ago)? >= ALL_PER_HOUR
            {
                record(
                    conn,
                    &address,
                    AuditAction::SelfReferralCreate,
                    Outcome::Refused,
                    None,
                    AuditDetail::RateLimit.text(),
                    at,
                )?;
                return Ok(Sent::Limited);
            }
            let referral =
                referrals::create_self_referral(conn, input, &hash, &token_hash, &address)?;
            record(
                conn,
                &address,
                AuditAction::SelfReferralCreate,
                Outcome::Allowed,
                Some(&referral.id),
                None,
                at,
            )?;
            Ok(Sent::Stored(code))
        })
        .await;
    // Two submissions at once: the second insert meets the unique token and
    // rolls back; the first one's referral is there to show.
    let sent = match sent {
        Err(StoreError::Database(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ))) => {
            let repeat = repeat_lookup;
            match state
                .db
                .run(move |conn| referrals::find_by_form_token(conn, &repeat))
                .await
            {
                Ok(Some(_)) => Ok(Sent::Repeated(code_for(&token))),
                // Nothing else is unique in a new self-referral row.
                Ok(None) => {
                    return AppError::internal(
                        "self-referral insert refused without a form token match",
                    )
                    .into_response();
                }
                Err(e) => Err(e),
            }
        }
        other => other,
    };
    match sent {
        Ok(Sent::Stored(code)) => page(
            l,
            "help-received-title",
            "/help",
            StatusCode::CREATED,
            view::receipt(l, Some(&code)),
        ),
        Ok(Sent::Repeated(code)) => page(
            l,
            "help-received-title",
            "/help",
            StatusCode::OK,
            view::receipt(l, Some(&code)),
        ),
        Ok(Sent::Ignored) => page(
            l,
            "help-received-title",
            "/help",
            StatusCode::OK,
            view::receipt(l, None),
        ),
        Ok(Sent::Limited) => {
            let notice = l.text("help-limited");
            let mut response = refused_form(&state, l, &values, Vec::new(), Some(&notice)).await;
            *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            response
        }
        Err(StoreError::Invalid(errors)) => refused_form(&state, l, &values, errors, None).await,
        Err(e) => AppError::from(e).into_response(),
    }
}

async fn refused_form(
    state: &AppState,
    l: Locale,
    values: &FormValues,
    errors: Vec<crate::domain::validation::FieldError>,
    notice: Option<&str>,
) -> Response {
    // The honeypot is never sent back filled.
    let values = values.without(&[HONEYPOT]);
    match agencies(state).await {
        Ok(list) => page(
            l,
            "help-title",
            "/help",
            StatusCode::UNPROCESSABLE_ENTITY,
            view::form(l, &list, &values, &errors, notice),
        ),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// `GET /help/status`.
pub async fn status_form(request: Request) -> Response {
    let l = from_headers(request.headers());
    page(
        l,
        "help-status-title",
        "/help/status",
        StatusCode::OK,
        view::status(l, "", None, false, None),
    )
}

/// `POST /help/status`: the code is sent in the body, so it stays out of logs and history.
pub async fn status_check(State(state): State<AppState>, request: Request) -> Response {
    let l = from_headers(request.headers());
    let address = address_from(request.headers(), request.extensions(), &state.settings);
    let values = match read_form(request).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let typed: String = values.get("code").trim().chars().take(64).collect();
    let hash = code_hash(&typed);
    let at = state.clock.now();
    let found = state
        .db
        .write(move |conn| {
            let since = at - Duration::minutes(15);
            if audit::count_from_address(conn, AuditAction::ReceiptCheck, &address, since)?
                >= CHECKS_PER_ADDRESS
            {
                return Ok(Err(()));
            }
            let referral = referrals::find_by_receipt(conn, &hash)?;
            let status = match &referral {
                Some(r) => {
                    let stage = match &r.case_id {
                        Some(case_id) => crate::db::cases::find_case(conn, case_id)?.stage().ok(),
                        None => None,
                    };
                    Some(ReceiptStatus::of(r.status()?, stage))
                }
                None => None,
            };
            let outcome = if status.is_some() {
                Outcome::Allowed
            } else {
                Outcome::Failed
            };
            record(
                conn,
                &address,
                AuditAction::ReceiptCheck,
                outcome,
                referral.as_ref().map(|r| r.id.as_str()),
                None,
                at,
            )?;
            Ok(Ok(status))
        })
        .await;
    match found {
        Ok(Ok(status)) => page(
            l,
            "help-status-title",
            "/help/status",
            if status.is_some() {
                StatusCode::OK
            } else {
                StatusCode::NOT_FOUND
            },
            view::status(l, &typed, status, true, None),
        ),
        Ok(Err(())) => {
            let notice = l.text("help-status-limited");
            page(
                l,
                "help-status-title",
                "/help/status",
                StatusCode::TOO_MANY_REQUESTS,
                view::status(l, &typed, None, true, Some(&notice)),
            )
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_random_and_read_back_however_typed() {
        let token = new_form_token();
        let a = code_for(&token);
        let b = code_for(&new_form_token());
        assert_eq!(code_for(&sent_token(&token)), a, "one token, one code");
        assert_ne!(sent_token("not a token"), sent_token("not a token"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 23, "four groups of five with dashes: {a}");
        assert!(a.chars().all(|c| c == '-' || ALPHABET.contains(&(c as u8))));
        let typed = a.to_lowercase().replace('-', " ");
        assert_eq!(code_hash(&typed), code_hash(&a));
        assert_ne!(code_hash(&a), code_hash(&b));
    }
}
