//! The receiving side's `/transfers` screen: what waits for me (the summary
//! only), what I asked for, and the answers (`POST /transfers/{id}/accept`,
//! `/decline`). Access is checked before the form is read; a refused answer
//! shows the list again with the problem beside the form.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::access::{self, CaseAction, Decision, decide_case, may_decide_transfer};
use crate::db::StoreError;
use crate::db::transfers;
use crate::domain::transfer::{TransferAcceptInput, TransferNoteInput};
use crate::domain::validation::FieldError;
use crate::error::AppError;
use crate::views::stage_forms::FormValues;
use crate::views::transfers::{TransfersPage, transfers_page};
use crate::web::AppState;
use crate::web::json::IdPath;
use crate::web::page::PageContext;
use crate::web::screens::case_page::CaseScreen;
use crate::web::screens::forms::read_checked_form;
use crate::web::transfers::{audited_transfer_refusal, load_mine};

/// Renders `/transfers`, with a refused decision's form and message if any.
async fn render_list(
    state: &AppState,
    ctx: &PageContext,
    sent: Option<(&str, &FormValues, &[FieldError])>,
    alert: Option<&str>,
    status: StatusCode,
) -> Response {
    let who = ctx.who.clone();
    let loaded = state
        .db
        .write(move |conn| {
            let mine = load_mine(conn, &who)?;
            let workers = if who.role == crate::domain::Role::Supervisor {
                transfers::case_workers(conn, &who.organisation_id)?
            } else {
                Vec::new()
            };
            Ok((mine, workers))
        })
        .await;
    let (mine, workers) = match loaded {
        Ok(found) => found,
        Err(e) => return AppError::from(e).into_response(),
    };
    let page = TransfersPage {
        l: ctx.l,
        who: &ctx.who,
        incoming: &mine.incoming,
        outgoing: &mine.outgoing,
        workers: &workers,
        sent,
        alert,
    };
    (
        status,
        ctx.render(&ctx.l.text("transfer-page-title"), transfers_page(&page)),
    )
        .into_response()
}

/// `GET /transfers`: what waits for me, and what I asked for.
pub async fn list(State(state): State<AppState>, screen: Result<CaseScreen, Response>) -> Response {
    let ctx = match screen {
        Ok(CaseScreen(ctx)) => ctx,
        Err(refused) => return refused,
    };
    if access::case_list_scope(&ctx.who).is_none() {
        return AppError::NotFound.into_response();
    }
    render_list(&state, &ctx, None, None, StatusCode::OK).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decide {
    Accept,
    Decline,
}

async fn decide(
    state: AppState,
    ctx: PageContext,
    transfer_id: String,
    decision: Decide,
    req: Request,
) -> Response {
    let (who, id) = (ctx.who.clone(), transfer_id.clone());
    let allowed = state
        .db
        .run(move |conn| {
            let t = transfers::find(conn, &id)?;
            let to = access::TransferReceiver {
                organisation_id: &t.to_organisation_id,
                worker_id: t.to_worker_id.as_deref(),
            };
            match may_decide_transfer(&who, to) {
                Decision::Allow => Ok(()),
                _ => Err(StoreError::NotFound),
            }
        })
        .await;
    if let Err(e) = allowed {
        return audited_transfer_refusal(&state, &ctx.who, &transfer_id, e)
            .await
            .into_response();
    }
    let values = match read_checked_form(&state, &ctx.who, req).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let typed = values.without(&["csrf_token"]);
    let (actor, id) = (ctx.who.clone(), transfer_id.clone());
    let result = match decision {
        Decide::Accept => {
            let input = TransferAcceptInput {
                worker_id: Some(typed.get("worker_id").to_owned()),
                team_id: None,
                note: Some(typed.get("note").to_owned()),
            };
            state
                .db
                .write(move |conn| {
                    let (case, _) = transfers::accept(conn, &actor, &id, input)?;
                    Ok(Some(case))
                })
                .await
        }
        Decide::Decline => {
            let input = TransferNoteInput {
                note: Some(typed.get("note").to_owned()),
            };
            state
                .db
                .write(move |conn| transfers::decline(conn, &actor, &id, input).map(|_| None))
                .await
        }
    };
    let l = ctx.l;
    match result {
        // The one who accepted goes to the case when they may now open it.
        Ok(Some(case)) if decide_case(&ctx.who, &case, CaseAction::View) == Decision::Allow => {
            Redirect::to(&format!("/cases/{}?flash=transfer-accepted", case.id)).into_response()
        }
        Ok(Some(_)) => Redirect::to("/transfers?flash=transfer-accepted").into_response(),
        Ok(None) => Redirect::to("/transfers?flash=transfer-declined").into_response(),
        Err(StoreError::Invalid(errors)) => {
            let alert = l.text("error-invalid");
            render_list(
                &state,
                &ctx,
                Some((&transfer_id, &typed, &errors)),
                Some(&alert),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e @ (StoreError::EditRefused(_) | StoreError::StateConflict(_))) => {
            let error = AppError::from(e);
            let alert = error.body(l)["message"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            render_list(&state, &ctx, None, Some(&alert), StatusCode::CONFLICT).await
        }
        Err(e) => audited_transfer_refusal(&state, &ctx.who, &transfer_id, e)
            .await
            .into_response(),
    }
}

/// `POST /transfers/{id}/accept`.
pub async fn post_accept(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    IdPath(id): IdPath,
    req: Request,
) -> Response {
    match screen {
        Ok(CaseScreen(ctx)) => decide(state, ctx, id, Decide::Accept, req).await,
        Err(refused) => refused,
    }
}

/// `POST /transfers/{id}/decline`.
pub async fn post_decline(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    IdPath(id): IdPath,
    req: Request,
) -> Response {
    match screen {
        Ok(CaseScreen(ctx)) => decide(state, ctx, id, Decide::Decline, req).await,
        Err(refused) => refused,
    }
}
