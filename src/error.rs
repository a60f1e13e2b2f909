//! The application error, and its one mapping to HTTP responses.
//!
//! Handlers return [`AppError`]. Turning one into a response happens in two steps
//! so that the message can be in the user's language: `IntoResponse` sets the
//! status and stashes the error in the response's extensions, and the
//! [`render_errors`] middleware, which knows the request's locale, writes the body.
//! Internal details (database messages, paths) are logged, never sent.

use std::sync::Arc;

use axum::Json;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::db::StoreError;
use crate::domain::editing::EditRefusal;
use crate::domain::validation::{FieldError, Problem};
use crate::domain::workflow::{Refusal, RefusalKind};
use crate::i18n::{Arg, Locale, code_key};

/// Everything a request can fail with.
#[derive(Debug, Clone)]
pub enum AppError {
    /// No such record, or not in the user's scope (never revealed which).
    NotFound,
    /// No acceptable credentials.
    Unauthenticated,
    /// Wrong login name or password (never says which).
    BadCredentials,
    /// Too many failed sign-ins; try again later.
    Throttled,
    /// A state-changing request without the right CSRF token, or from another site.
    CsrfRefused,
    /// In scope, but not allowed to do this (a teammate editing a case, say).
    Forbidden,
    /// Stale version.
    Conflict {
        /// The current version.
        current: i64,
    },
    /// The workflow refused a transition.
    Refused(Box<Refusal>),
    /// The stage does not allow the edit.
    EditRefused(EditRefusal),
    /// The referral was already accepted or declined (its status code).
    ReferralDecided(String),
    /// The record's state does not allow this (see `StoreError::StateConflict`).
    StateConflict(&'static str),
    /// Field-level validation failed.
    Invalid(Vec<FieldError>),
    /// The request itself could not be read.
    BadRequest(String),
    /// A form without a readable record version (a damaged or hand-made form):
    /// its own message, since the field's name means nothing to the reader.
    BadVersion,
    /// A body over the size limit.
    PayloadTooLarge,
    /// An id that is not an id.
    MalformedId(String),
    /// The database could not serve the request in time.
    Unavailable,
    /// A bug or an unexpected database error (already logged).
    Internal,
}

impl AppError {
    /// An unexpected failure: logged here with its detail, answered as a plain 500.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        AppError::Internal
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Throttled => StatusCode::TOO_MANY_REQUESTS,
            AppError::CsrfRefused | AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Conflict { .. }
            | AppError::EditRefused(_)
            | AppError::ReferralDecided(_)
            | AppError::StateConflict(_) => StatusCode::CONFLICT,
            AppError::Refused(_) | AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) | AppError::BadVersion | AppError::MalformedId(_) => {
                StatusCode::BAD_REQUEST
            }
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The JSON body in the given language.
    pub fn body(&self, l: Locale) -> serde_json::Value {
        match self {
            AppError::NotFound => simple("not_found", l.text("error-not-found")),
            AppError::Unauthenticated => simple("unauthenticated", l.text("error-unauthenticated")),
            AppError::BadCredentials => simple("bad_credentials", l.text("error-bad-credentials")),
            AppError::Throttled => simple("throttled", l.text("error-throttled")),
            AppError::CsrfRefused => simple("csrf_refused", l.text("error-csrf")),
            AppError::Forbidden => simple("forbidden", l.text("error-forbidden")),
            AppError::Conflict { current } => json!({
                "error": "conflict",
                "message": l.text_with("error-conflict", &[("current", Arg::Number(*current))]),
                "current_version": current,
            }),
            AppError::Refused(r) => refusal_body(r, l),
            AppError::ReferralDecided(status) => json!({
                "error": "referral_decided",
                "message": l.text_with("error-referral-decided", &[
                    ("status", Arg::Text(l.label("referral-status", status))),
                ]),
                "status": status,
            }),
            AppError::EditRefused(r) => json!({
                "error": "edit_refused",
                "message": l.text_with("error-edit-refused", &[
                    ("stage", l.label("stage", r.stage.as_str()).into()),
                    ("section", l.label("section", r.section.as_str()).into()),
                ]),
                "stage": r.stage,
                "section": r.section,
            }),
            AppError::StateConflict(code) => simple(code, l.text(&code.replace('_', "-"))),
            AppError::Invalid(errors) => json!({
                "error": "invalid",
                "message": l.text("error-invalid"),
                "fields": errors.iter().map(|e| json!({
                    "field": e.field,
                    "message": field_message(e, l),
                })).collect::<Vec<_>>(),
            }),
            AppError::BadRequest(detail) => simple(
                "bad_request",
                l.text_with("error-bad-request", &[("detail", detail.clone().into())]),
            ),
            AppError::BadVersion => simple("bad_version", l.text("error-bad-version")),
            AppError::MalformedId(id) => simple(
                "malformed_id",
                l.text_with("error-malformed-id", &[("id", id.clone().into())]),
            ),
            AppError::PayloadTooLarge => {
                simple("payload_too_large", l.text("error-payload-too-large"))
            }
            AppError::Unavailable => simple("unavailable", l.text("error-unavailable")),
            AppError::Internal => simple("internal", l.text("error-internal")),
        }
    }
}

fn simple(code: &str, message: String) -> serde_json::Value {
    json!({ "error": code, "message": message })
}

/// The localised sentence for one field problem.
pub fn field_message(e: &FieldError, l: Locale) -> String {
    let field = l
        .try_text(&code_key("field", &e.field))
        .unwrap_or_else(|| e.field.clone());
    let field = Arg::Text(field);
    match e.problem {
        Problem::Required => l.text_with("problem-required", &[("field", field)]),
        Problem::TooLong { max } => l.text_with(
            "problem-too-long",
            &[("field", field), ("max", Arg::Number(max as i64))],
        ),
        Problem::OutOfRange { min, max } => l.text_with(
            "problem-out-of-range",
            &[
                ("field", field),
                ("min", Arg::Number(min)),
                ("max", Arg::Number(max)),
            ],
        ),
        Problem::Unknown => l.text_with("problem-unknown", &[("field", field)]),
        Problem::InFuture => l.text_with("problem-in-future", &[("field", field)]),
        Problem::Taken => l.text_with("problem-taken", &[("field", field)]),
        Problem::Incorrect => l.text_with("problem-incorrect", &[("field", field)]),
        Problem::PasswordTooShort => l.text_with(
            "problem-password-too-short",
            &[(
                "min",
                Arg::Number(crate::domain::password::MIN_LENGTH as i64),
            )],
        ),
        Problem::PasswordTooCommon => l.text("problem-password-too-common"),
    }
}

/// Says which stage the case is in, what is missing, and which transitions are open.
fn refusal_body(r: &Refusal, l: Locale) -> serde_json::Value {
    let stage = l.label("stage", r.stage.as_str());
    let transition = l.label("transition", r.transition.as_str());
    let missing: Vec<String> = r
        .missing
        .iter()
        .map(|m| l.label("field", m.as_str()))
        .collect();
    let args = |extra: Vec<(&'static str, Arg)>| {
        let mut a = vec![
            ("stage", Arg::Text(stage.clone())),
            ("transition", Arg::Text(transition.clone())),
        ];
        a.extend(extra);
        a
    };
    let (code, first) = match r.kind {
        RefusalKind::NotFromThisStage => (
            "not_from_this_stage",
            l.text_with("error-refused-stage", &args(vec![])),
        ),
        RefusalKind::RoleNotPermitted => (
            "role_not_permitted",
            l.text_with("error-refused-role", &args(vec![])),
        ),
        RefusalKind::OwnCase => (
            "own_case",
            l.text_with("error-refused-own-case", &args(vec![])),
        ),
        RefusalKind::OwnRequest => (
            "own_request",
            l.text_with("error-refused-own-request", &args(vec![])),
        ),
        RefusalKind::MissingFacts => (
            "missing_facts",
            l.text_with(
                "error-refused-missing",
                &args(vec![("missing", Arg::Text(l.join(&missing)))]),
            ),
        ),
    };
    let open_labels: Vec<String> = r
        .open
        .iter()
        .map(|t| l.label("transition", t.as_str()))
        .collect();
    let second = if open_labels.is_empty() {
        l.text("error-no-open-transitions")
    } else {
        l.text_with(
            "error-open-transitions",
            &[("open", Arg::Text(l.join(&open_labels)))],
        )
    };
    json!({
        "error": "transition_refused",
        "reason": code,
        "message": format!("{first} {second}"),
        "stage": r.stage,
        "transition": r.transition,
        "missing": r.missing.iter().zip(&missing).map(|(m, label)| json!({
            "field": m.as_str(),
            "message": label,
        })).collect::<Vec<_>>(),
        "open_transitions": r.open,
    })
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Forbidden => AppError::Forbidden,
            StoreError::Conflict { current } => AppError::Conflict { current },
            StoreError::Refused(r) => AppError::Refused(r),
            StoreError::EditRefused(r) => AppError::EditRefused(r),
            StoreError::StateConflict(code) => AppError::StateConflict(code),
            StoreError::Invalid(errors) => AppError::Invalid(errors),
            StoreError::ReferralDecided(status) => AppError::ReferralDecided(status),
            StoreError::Unavailable(detail) => {
                tracing::warn!(%detail, "database unavailable");
                AppError::Unavailable
            }
            StoreError::Database(diesel::result::Error::NotFound) => AppError::NotFound,
            StoreError::Database(e) if is_busy(&e) => {
                tracing::warn!(error = %e, "database busy");
                AppError::Unavailable
            }
            StoreError::Database(e) => AppError::internal(e),
        }
    }
}

/// SQLite's "database is locked" after busy_timeout: a retryable overload, not a bug.
fn is_busy(e: &diesel::result::Error) -> bool {
    matches!(e, diesel::result::Error::DatabaseError(_, info)
        if info.message().contains("database is locked") || info.message().contains("database is busy"))
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// Writes the body of every [`AppError`] response in the request's language.
///
/// Pages (paths outside `/api/` requested by a browser) get an HTML page with the
/// message; everything else gets JSON.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let locale = crate::web::locale::from_headers(request.headers());
    let wants_html = !request.uri().path().starts_with("/api/")
        && request
            .headers()
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    let response = next.run(request).await;
    match response.extensions().get::<Arc<AppError>>().cloned() {
        Some(error) => {
            let (mut parts, _) = response.into_parts();
            let body = if wants_html {
                error_page(&error, locale).into_response()
            } else {
                Json(error.body(locale)).into_response()
            };
            let (body_parts, body) = body.into_parts();
            parts.headers.extend(body_parts.headers);
            parts.headers.insert(
                axum::http::header::CONTENT_LANGUAGE,
                axum::http::HeaderValue::from_static(locale.tag()),
            );
            Response::from_parts(parts, body)
        }
        None => response,
    }
}

/// The HTML page for an error, for browsers.
fn error_page(error: &AppError, l: Locale) -> maud::Markup {
    let fields: Vec<String> = match error {
        AppError::Invalid(errors) => errors.iter().map(|e| field_message(e, l)).collect(),
        _ => Vec::new(),
    };
    let body = error.body(l);
    let message = body["message"].as_str().unwrap_or_default();
    let content = maud::html! {
        h1 { (l.text("error-page-title")) }
        div.error role="alert" {
            p { (message) }
            @if !fields.is_empty() {
                ul { @for f in &fields { li { (f) } } }
            }
        }
        @if matches!(error, AppError::Unauthenticated) {
            p { a href="/sign-in" { (l.text("sign-in-title")) } }
        }
        p { a href="/" { (l.text("error-page-home")) } }
    };
    crate::web::pages::layout(l, &l.text("error-page-title"), None, content)
}
