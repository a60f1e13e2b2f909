//! Reassignment: `POST /api/cases/{id}/assignment` and the form of the case page
//! and of the team screen, `POST /cases/{id}/assignment`.
//!
//! Needs `CaseAction::Reassign` (a supervisor of the case). The case keeps its
//! records and history; the change claims the case's version (a stale form gets
//! 409 and changes nothing), is logged in `case_assignments` and audited as a
//! change of the case's assignment, all in one transaction. Refused while a
//! transfer waits (409 `transfer_pending`); the new worker is notified.

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

use super::team::render_team;
use crate::access::{CaseAction, Principal};
use crate::db::audit::AuditAction;
use crate::db::supervision::assignments::{Assignment, Reassign, reassign};
use crate::db::{DbConnection, StoreError, StoreResult, now};
use crate::error::AppError;
use crate::views::stage_forms::Feedback;
use crate::web::AppState;
use crate::web::actor::CurrentUser;
use crate::web::cases::{CaseSummary, audit_case, audited_refusal, check_case};
use crate::web::json::{ApiJson, IdPath, Versioned};
use crate::web::screens::case_page::{CaseScreen, render_case};
use crate::web::screens::forms::read_checked_form;

/// Answer to a reassignment.
#[derive(Debug, Serialize)]
pub struct Reassigned {
    /// The case as it now stands.
    pub case: CaseSummary,
    /// The log entry written.
    pub assignment: Assignment,
}

fn write(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    version: i64,
    input: Reassign,
) -> StoreResult<Reassigned> {
    check_case(conn, who, case_id, CaseAction::Reassign)?;
    let (case, assignment) = reassign(conn, case_id, version, input, &who.user_id, now())?;
    let detail = format!(
        "assignment {} -> {}",
        assignment.from_worker_id.as_deref().unwrap_or("-"),
        assignment.to_worker_id
    );
    audit_case(conn, who, case_id, AuditAction::CaseUpdate, Some(detail))?;
    Ok(Reassigned {
        case: CaseSummary::from(&case),
        assignment,
    })
}

/// `POST /api/cases/{id}/assignment`.
pub async fn post(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
    IdPath(id): IdPath,
    ApiJson(body): ApiJson<Versioned<Reassign>>,
) -> Result<Json<Reassigned>, AppError> {
    let (actor, case_id) = (who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| write(conn, &actor, &case_id, body.version, body.data))
        .await;
    match result {
        Ok(done) => Ok(Json(done)),
        Err(e) => Err(audited_refusal(&state, &who, &id, AuditAction::CaseUpdate, e).await),
    }
}

/// `POST /cases/{id}/assignment`: from the case page (`back=case`) or the team
/// screen (`back=team`), to which the browser returns. A refused reassignment
/// shows that screen again with the message and the choice kept.
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
        .run(move |conn| check_case(conn, &who, &case_id, CaseAction::Reassign))
        .await
    {
        return audited_refusal(&state, &ctx.who, &id, AuditAction::CaseUpdate, e)
            .await
            .into_response();
    }
    let values = match read_checked_form(&state, &ctx.who, req).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let Ok(version) = values.get("version").trim().parse::<i64>() else {
        return AppError::BadVersion.into_response();
    };
    let to_team = values.get("back") == "team";
    let input = Reassign {
        worker_id: values.get("worker_id").to_owned(),
        reason: Some(values.get("reason").to_owned()),
    };
    let (actor, case_id) = (ctx.who.clone(), id.clone());
    let result = state
        .db
        .write(move |conn| write(conn, &actor, &case_id, version, input))
        .await;
    let l = ctx.l;
    let (status, alert, errors) = match result {
        Ok(_) if to_team => return Redirect::to("/team?flash=reassigned").into_response(),
        Ok(_) => return Redirect::to(&format!("/cases/{id}?flash=reassigned")).into_response(),
        Err(StoreError::Invalid(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            l.text("error-invalid"),
            errors,
        ),
        Err(
            e @ (StoreError::Conflict { .. }
            | StoreError::EditRefused(_)
            | StoreError::StateConflict(_)),
        ) => {
            let error = AppError::from(e);
            let message = error.body(l)["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            (StatusCode::CONFLICT, message, Vec::new())
        }
        Err(e) => {
            return audited_refusal(&state, &ctx.who, &id, AuditAction::CaseUpdate, e)
                .await
                .into_response();
        }
    };
    let mut typed = values.without(&["csrf_token", "version"]);
    typed.push("case_id", id.clone());
    let feedback = Feedback {
        alert: Some(alert),
        errors,
        typed,
        ..Feedback::default()
    };
    if to_team {
        render_team(&state, &ctx, feedback, status).await
    } else {
        render_case(&state, &ctx, &id, None, feedback, status).await
    }
}
