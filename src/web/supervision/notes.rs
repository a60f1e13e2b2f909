//! Supervision notes: `GET`/`POST /api/cases/{id}/notes` and the case page's
//! form, `POST /cases/{id}/notes`.
//!
//! Writing needs `CaseAction::Supervise` (a supervisor of the case who does not
//! hold it); reading gives each reader the notes `access::may_read_note` allows
//! (notes on sessions and on the assessment are as confidential as those
//! records). A note is audited as a change to the case, a read of the notes as a
//! read of the case.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::access::{CaseAction, Principal, may_read_note};
use crate::db::audit::AuditAction;
use crate::db::cases::Case;
use crate::db::submissions::{self, SubmissionKind};
use crate::db::supervision::notes::{NewNote, SupervisionNote, add_note, notes_of};
use crate::db::{DbConnection, StoreError, StoreResult, now};
use crate::error::AppError;
use crate::views::stage_forms::Feedback;
use crate::web::AppState;
use crate::web::actor::CurrentUser;
use crate::web::cases::{audit_case, audited_refusal, check_case};
use crate::web::json::{ApiJson, IdPath};
use crate::web::screens::case_page::{CaseScreen, render_case};
use crate::web::screens::forms::read_form;

/// The notes of `case` that `who` may read, oldest first.
pub fn readable_notes(
    conn: &mut DbConnection,
    who: &Principal,
    case: &Case,
) -> StoreResult<Vec<SupervisionNote>> {
    Ok(notes_of(conn, &case.id)?
        .into_iter()
        .filter(|n| n.target().is_some_and(|t| may_read_note(who, case, t)))
        .collect())
}

/// Checks access, stores the note and audits it, in the caller's transaction.
fn write_note(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    input: NewNote,
) -> StoreResult<SupervisionNote> {
    let case = check_case(conn, who, case_id, CaseAction::Supervise)?;
    let note = add_note(conn, &case, input, &who.user_id, now())?;
    let detail = format!("supervision_note {} {}", note.target_kind, note.id);
    audit_case(conn, who, case_id, AuditAction::CaseUpdate, Some(detail))?;
    Ok(note)
}

/// The case page's note, written once per form token: a form already answered
/// goes where it went the first time. Returns where to send the browser.
async fn write_note_once(
    state: &AppState,
    who: &Principal,
    case_id: &str,
    input: NewNote,
    token: Option<String>,
) -> StoreResult<String> {
    let (who, case_id) = (who.clone(), case_id.to_owned());
    state
        .db
        .write(move |conn| {
            let kind = SubmissionKind::SupervisionNote;
            if let Some(token) = &token
                && let Some(location) = submissions::answered(conn, token, &who.user_id, kind)?
            {
                return Ok(location);
            }
            let note = write_note(conn, &who, &case_id, input)?;
            let location = format!(
                "/cases/{case_id}?flash=note-added#notes-{}-{}",
                note.target_kind, note.target_id
            );
            if let Some(token) = &token {
                let at = note.created_at;
                submissions::record(conn, token, &who.user_id, kind, &note.id, &location, at)?;
            }
            Ok(location)
        })
        .await
}

/// `GET /api/cases/{id}/notes`.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
) -> Result<Json<Vec<SupervisionNote>>, AppError> {
    let (reader, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .run(move |conn| {
            let case = check_case(conn, &reader, &case_id, CaseAction::View)?;
            let notes = readable_notes(conn, &reader, &case)?;
            audit_case(
                conn,
                &reader,
                &case_id,
                AuditAction::CaseView,
                crate::db::audit::AuditDetail::SupervisionNotes.text(),
            )?;
            Ok(notes)
        })
        .await;
    match result {
        Ok(notes) => Ok(Json(notes)),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseView, e).await),
    }
}

/// `POST /api/cases/{id}/notes`.
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(input): ApiJson<NewNote>,
) -> Result<(StatusCode, Json<SupervisionNote>), AppError> {
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| write_note(conn, &actor, &case_id, input))
        .await;
    match result {
        Ok(note) => Ok((StatusCode::CREATED, Json(note))),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseUpdate, e).await),
    }
}

/// `POST /cases/{id}/notes`: the case page's form. Access is checked before the
/// body is read; a refused note shows the page again with the text kept.
pub async fn submit(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    IdPath(id): IdPath,
    req: Request,
) -> Response {
    let ctx = match screen {
        Ok(CaseScreen(ctx)) => ctx,
        Err(refused) => return refused,
    };
    let (who, case_id) = (ctx.who.clone(), id.clone());
    if let Err(e) = state
        .db
        .run(move |conn| check_case(conn, &who, &case_id, CaseAction::Supervise))
        .await
    {
        return audited_refusal(&state, &ctx.who, &id, AuditAction::CaseUpdate, e)
            .await
            .into_response();
    }
    let values = match read_form(req).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    // A page from before the user signed in again (in another tab) carries the
    // old session's token: nothing is saved, but the note comes back as typed.
    if let Err(e) = ctx.who.check_csrf(&state, values.get("csrf_token")).await {
        let AppError::CsrfRefused = e else {
            return e.into_response();
        };
        let feedback = Feedback {
            alert: Some(ctx.l.text("form-csrf-alert")),
            typed: values.without(&["csrf_token"]),
            ..Feedback::default()
        };
        return render_case(&state, &ctx, &id, None, feedback, StatusCode::FORBIDDEN).await;
    }
    let input = NewNote {
        target_kind: values.get("target_kind").to_owned(),
        target_id: Some(values.get("target_id").to_owned()).filter(|t| !t.is_empty()),
        body: values.get("body").to_owned(),
    };
    let token = submissions::sent_token(values.get("submission"));
    let result = write_note_once(&state, &ctx.who, &id, input, token.clone()).await;
    let result = match (result, token) {
        (Err(StoreError::StateConflict("submission_replayed")), Some(token)) => {
            let user_id = ctx.who.user_id.clone();
            state
                .db
                .run(move |conn| {
                    submissions::answered(conn, &token, &user_id, SubmissionKind::SupervisionNote)?
                        .ok_or(StoreError::StateConflict("submission_replayed"))
                })
                .await
        }
        (result, _) => result,
    };
    match result {
        Ok(location) => Redirect::to(&location).into_response(),
        Err(StoreError::Invalid(errors)) => {
            let feedback = Feedback {
                alert: Some(ctx.l.text("error-invalid")),
                errors,
                typed: values.without(&["csrf_token"]),
                ..Feedback::default()
            };
            render_case(
                &state,
                &ctx,
                &id,
                None,
                feedback,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => audited_refusal(&state, &ctx.who, &id, AuditAction::CaseUpdate, e)
            .await
            .into_response(),
    }
}
