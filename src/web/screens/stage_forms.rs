//! The case page's forms: `POST /cases/{id}/intake`, `/assessment`, `/contract`,
//! `/sessions`, `/closure`, `/details` and `/transitions`.
//!
//! Each saves exactly as the JSON API does (`web::records`, `web::transitions`):
//! access checked inside the write transaction, the save function claiming the
//! version the form was based on, the audit entry in the same transaction. On
//! success the browser is sent back to the case page (POST-redirect-GET); a
//! refused save shows the page again with everything typed kept, the problems
//! beside the fields and, when someone else saved first, what changed.
//!
//! Access is checked before the body is read, so a refused request is refused
//! (404 or 403, audited) whatever it carries.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::case_page::{CaseScreen, Sent, render_case};
use super::forms::{Parsed, ParsedForm, diff, parse, read_form, transition_of};
use crate::access::{CaseAction, Principal};
use crate::db::audit::AuditAction;
use crate::db::{DbConnection, StoreError, StoreResult, details, records, transitions};
use crate::domain::validation::{FieldError, Problem};
use crate::error::AppError;
use crate::views::stage_forms::{Feedback, FormKind, FormValues};
use crate::web::AppState;
use crate::web::cases::{audit_case, audited_refusal, check_case};
use crate::web::json::IdPath;
use crate::web::page::PageContext;

/// Saves a parsed form in the caller's write transaction and records it in the
/// audit trail there, with the same details as the JSON API writes.
fn save(
    conn: &mut DbConnection,
    actor: &Principal,
    case_id: &str,
    version: i64,
    input: Parsed,
    keep_stored_who5: bool,
    who5_answers: Option<[u8; 5]>,
) -> StoreResult<()> {
    use crate::db::who5::{self, Occasion};
    let is_move = matches!(input, Parsed::Transition(_));
    let action = if is_move {
        CaseAction::Transition
    } else {
        CaseAction::Edit
    };
    check_case(conn, actor, case_id, action)?;
    let by = actor.user_id.as_str();
    let update = |section: &str| (AuditAction::CaseUpdate, section.to_owned());
    let (audit_action, detail) = match input {
        Parsed::Intake(i) => {
            records::save_intake(conn, case_id, version, i, by).map(|_| update("intake"))?
        }
        Parsed::Assessment(mut i) => {
            if keep_stored_who5 {
                i.who5_baseline = records::stored_who5_baseline(conn, case_id)?;
            }
            let saved = records::save_assessment(conn, case_id, version, i, by)?;
            if let Some(answers) = who5_answers {
                who5::save(conn, case_id, Occasion::Baseline, answers, saved.updated_at)?;
            }
            update("assessment")
        }
        Parsed::Contract(i) => {
            records::save_contract(conn, case_id, version, i, by).map(|_| update("contract"))?
        }
        Parsed::Closure(mut i) => {
            if keep_stored_who5 {
                i.who5_closing = records::stored_who5_closing(conn, case_id)?;
            }
            let saved = records::save_closure(conn, case_id, version, i, by)?;
            if let Some(answers) = who5_answers {
                who5::save(conn, case_id, Occasion::Closing, answers, saved.updated_at)?;
            }
            update("closure")
        }
        Parsed::Details(i) => {
            details::save_details(conn, case_id, version, i, by).map(|_| update("details"))?
        }
        Parsed::Session(i) => {
            let (_, session) = records::add_session(conn, case_id, version, i, by)?;
            update(&format!("session {}", session.id))
        }
        Parsed::Transition(request) => {
            let (_, logged) = transitions::apply(conn, case_id, version, by, actor.role, request)?;
            let detail = format!(
                "{} {} -> {}",
                logged.transition, logged.from_stage, logged.to_stage
            );
            (AuditAction::CaseTransition, detail)
        }
    };
    audit_case(conn, actor, case_id, audit_action, Some(detail))
}

/// Why a form is shown again.
enum Refused {
    Invalid(Vec<FieldError>),
    Store(StoreError),
}

/// Shows the page again with what was typed and why it was not saved.
async fn show_again(
    state: &AppState,
    ctx: &PageContext,
    case_id: &str,
    sent: Sent,
    why: Refused,
) -> Response {
    let l = ctx.l;
    let mut feedback = Feedback::default();
    let status = match why {
        Refused::Invalid(errors) => {
            feedback.alert = Some(l.text("error-invalid"));
            feedback.errors = errors;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Refused::Store(StoreError::Conflict { .. }) => {
            feedback.alert = Some(l.text("form-conflict-alert"));
            StatusCode::CONFLICT
        }
        Refused::Store(e) => {
            let error = AppError::from(e);
            if let AppError::Refused(r) = &error {
                // Each missing item is named by its field code: show it beside the field.
                feedback.errors = r
                    .missing
                    .iter()
                    .map(|m| FieldError {
                        field: m.as_str().to_owned(),
                        problem: Problem::Required,
                    })
                    .collect();
            }
            feedback.alert = error.body(l)["message"].as_str().map(str::to_owned);
            match error {
                AppError::EditRefused(_) => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            }
        }
    };
    render_case(state, ctx, case_id, Some(sent), feedback, status).await
}

/// Checks access, reads and saves one form; see the module documentation.
async fn submit(
    state: AppState,
    ctx: PageContext,
    case_id: String,
    req: Request,
    kind: Option<FormKind>,
) -> Response {
    let (action, audit_action) = match kind {
        None => (CaseAction::Transition, AuditAction::CaseTransition),
        Some(_) => (CaseAction::Edit, AuditAction::CaseUpdate),
    };
    let (who, id) = (ctx.who.clone(), case_id.clone());
    let case = match state
        .db
        .run(move |conn| check_case(conn, &who, &id, action))
        .await
    {
        Ok(case) => case,
        Err(e) => {
            return audited_refusal(&state, &ctx.who, &case_id, audit_action, e)
                .await
                .into_response();
        }
    };
    let values = match read_form(req).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = ctx.who.check_csrf(&state, values.get("csrf_token")).await {
        return stale_page(&state, &ctx, &case, values, kind, e).await;
    }
    let Ok(version) = values.get("version").trim().parse::<i64>() else {
        return AppError::BadVersion.into_response();
    };
    let kind = match kind.or_else(|| transition_of(&values).map(FormKind::Transition)) {
        Some(kind) => kind,
        None => {
            let unknown = FieldError {
                field: "transition.transition".into(),
                problem: Problem::Unknown,
            };
            return AppError::Invalid(vec![unknown]).into_response();
        }
    };
    let case_type = match case.case_type() {
        Ok(t) => t,
        Err(e) => return AppError::from(e).into_response(),
    };
    let typed = without_tokens(values);
    let sent = Sent {
        kind,
        typed: typed.clone(),
        version,
    };
    let parsed: ParsedForm = match parse(kind, &typed, case_type) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return show_again(&state, &ctx, &case_id, sent, Refused::Invalid(errors)).await;
        }
    };
    let (actor, id, input) = (ctx.who.clone(), case_id.clone(), parsed.input.clone());
    let (keep_who5, answers) = (parsed.keep_stored_who5, parsed.who5_answers);
    let result = state
        .db
        .write(move |conn| save(conn, &actor, &id, version, input, keep_who5, answers))
        .await;
    match result {
        Ok(()) => {
            let flash = if matches!(kind, FormKind::Transition(_)) {
                "moved"
            } else {
                "saved"
            };
            Redirect::to(&format!("/cases/{case_id}?flash={flash}")).into_response()
        }
        Err(StoreError::Invalid(errors)) => {
            let errors = parsed.remap_errors(errors);
            show_again(&state, &ctx, &case_id, sent, Refused::Invalid(errors)).await
        }
        Err(
            e @ (StoreError::Conflict { .. } | StoreError::Refused(_) | StoreError::EditRefused(_)),
        ) => show_again(&state, &ctx, &case_id, sent, Refused::Store(e)).await,
        Err(e) => audited_refusal(&state, &ctx.who, &case_id, audit_action, e)
            .await
            .into_response(),
    }
}

/// A form whose CSRF token is not the session's: typically the page was loaded
/// before the user signed out and in again in another tab, so its token belongs
/// to the old session. Nothing is saved (the refusal is audited by
/// `check_csrf`), but the case page is shown again with the form as typed and a
/// fresh token, so a long note is not lost; the user checks it and sends it
/// again. A form that cannot be placed gets the bare refusal.
async fn stale_page(
    state: &AppState,
    ctx: &PageContext,
    case: &crate::db::cases::Case,
    values: FormValues,
    kind: Option<FormKind>,
    refusal: AppError,
) -> Response {
    let kind = kind.or_else(|| transition_of(&values).map(FormKind::Transition));
    let (AppError::CsrfRefused, Some(kind)) = (&refusal, kind) else {
        return refusal.into_response();
    };
    let version = values
        .get("version")
        .trim()
        .parse::<i64>()
        .unwrap_or(case.version);
    let sent = Sent {
        kind,
        typed: without_tokens(values),
        version,
    };
    let feedback = Feedback {
        alert: Some(ctx.l.text("form-csrf-alert")),
        ..Feedback::default()
    };
    render_case(
        state,
        ctx,
        &case.id,
        Some(sent),
        feedback,
        StatusCode::FORBIDDEN,
    )
    .await
}

/// The typed values without the hidden tokens (they are the page's, not the user's).
fn without_tokens(values: FormValues) -> FormValues {
    values.without(&["csrf_token", "version"])
}

/// A form sent without a valid session. A browser (sent to sign in by
/// [`CaseScreen`]) gets a page that keeps what was typed, since the session
/// may simply have timed out while a long note was being written; nothing is
/// read from the database and nothing is saved. Anything else gets the refusal.
async fn signed_out(
    refused: Response,
    case_id: &str,
    req: Request,
    kind: Option<FormKind>,
) -> Response {
    if refused.status() != StatusCode::SEE_OTHER {
        return refused;
    }
    let l = crate::web::locale::from_headers(req.headers());
    let Ok(values) = read_form(req).await else {
        return refused;
    };
    let typed = without_tokens(values);
    let kind = kind.or_else(|| transition_of(&typed).map(FormKind::Transition));
    let fields = kind
        .map(|k| diff::typed_fields(l, k, &typed))
        .unwrap_or_default();
    let page = crate::views::stage_forms::signed_out::signed_out(l, case_id, &fields);
    (StatusCode::UNAUTHORIZED, page).into_response()
}

macro_rules! form_handler {
    ($(#[$doc:meta])* $name:ident, $kind:expr) => {
        $(#[$doc])*
        pub async fn $name(
            State(state): State<AppState>,
            screen: Result<CaseScreen, Response>,
            IdPath(id): IdPath,
            req: Request,
        ) -> Response {
            match screen {
                Ok(CaseScreen(ctx)) => submit(state, ctx, id, req, $kind).await,
                Err(refused) => signed_out(refused, &id, req, $kind).await,
            }
        }
    };
}

form_handler!(
    /// `POST /cases/{id}/intake`.
    post_intake, Some(FormKind::Intake));
form_handler!(
    /// `POST /cases/{id}/assessment`.
    post_assessment, Some(FormKind::Assessment));
form_handler!(
    /// `POST /cases/{id}/contract`.
    post_contract, Some(FormKind::Contract));
form_handler!(
    /// `POST /cases/{id}/sessions`: logs a new session.
    post_session, Some(FormKind::Session));
form_handler!(
    /// `POST /cases/{id}/closure`.
    post_closure, Some(FormKind::Closure));
form_handler!(
    /// `POST /cases/{id}/details`.
    post_details, Some(FormKind::Details));
form_handler!(
    /// `POST /cases/{id}/transitions`: moves the case.
    post_transition, None);
