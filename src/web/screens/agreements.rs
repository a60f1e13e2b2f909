//! The administrator's service agreements screen: `GET /admin/service-agreements`
//! (the list and the add form), `POST /admin/service-agreements` (add one) and
//! `POST /admin/service-agreements/remove` (end one).
//!
//! Administrators only (others get 404, audited, before any body is read); the
//! forms are CSRF-checked, each change is audited in its own transaction, and a
//! refused form is shown again with the problems beside its fields. Adding goes
//! through the same check as the API (`web::admin::record_agreement`).

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::case_page::CaseScreen;
use super::forms::read_checked_form;
use crate::db::StoreError;
use crate::db::referrals::{self, AgreementRow};
use crate::domain::validation::{Errors, FieldError};
use crate::error::AppError;
use crate::views::agreements::{AgreementsPage, agreements_page};
use crate::views::stage_forms::FormValues;
use crate::web::AppState;
use crate::web::admin::{end_agreement, record_agreement, require_administrator};
use crate::web::page::PageContext;

type Choices = (
    Vec<AgreementRow>,
    Vec<(String, String)>,
    Vec<(String, String)>,
);

async fn render(
    state: &AppState,
    ctx: &PageContext,
    values: &FormValues,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let loaded: Result<Choices, StoreError> = state
        .db
        .run(|conn| {
            Ok((
                referrals::list_agreements(conn)?,
                referrals::all_unions(conn)?,
                referrals::all_agencies(conn)?,
            ))
        })
        .await;
    let (rows, unions, agencies) = match loaded {
        Ok(found) => found,
        Err(e) => return AppError::from(e).into_response(),
    };
    let l = ctx.l;
    let page = AgreementsPage {
        l,
        who: &ctx.who,
        rows: &rows,
        unions: &unions,
        agencies: &agencies,
        values,
        errors,
    };
    (
        status,
        ctx.render(&l.text("agreements-title"), agreements_page(&page)),
    )
        .into_response()
}

/// `GET /admin/service-agreements`.
pub async fn list(State(state): State<AppState>, screen: Result<CaseScreen, Response>) -> Response {
    let ctx = match screen {
        Ok(CaseScreen(ctx)) => ctx,
        Err(refused) => return refused,
    };
    if let Err(e) = require_administrator(&state, &ctx.who).await {
        return e.into_response();
    }
    render(&state, &ctx, &FormValues::default(), &[], StatusCode::OK).await
}

/// Which change a form asks for.
#[derive(Clone, Copy)]
enum Change {
    Add,
    End,
}

async fn change(
    state: AppState,
    screen: Result<CaseScreen, Response>,
    req: Request,
    what: Change,
) -> Response {
    let ctx = match screen {
        Ok(CaseScreen(ctx)) => ctx,
        Err(refused) => return refused,
    };
    if let Err(e) = require_administrator(&state, &ctx.who).await {
        return e.into_response();
    }
    let values = match read_checked_form(&state, &ctx.who, req).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let typed = values.without(&["csrf_token"]);
    let (union_id, agency_id) = (
        typed.get("union_id").trim().to_owned(),
        typed.get("agency_id").trim().to_owned(),
    );
    let mut missing = Errors::default();
    missing.required_text("agreement.union_id", &union_id, 100);
    missing.required_text("agreement.agency_id", &agency_id, 100);
    if let Err(errors) = missing.finish() {
        return render(
            &state,
            &ctx,
            &typed,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let who = ctx.who.clone();
    let result = state
        .db
        .write(move |conn| match what {
            Change::Add => record_agreement(conn, &who, &union_id, &agency_id),
            Change::End => end_agreement(conn, &who, &union_id, &agency_id),
        })
        .await;
    let flash = match what {
        Change::Add => "agreement-added",
        Change::End => "agreement-ended",
    };
    match result {
        Ok(()) => Redirect::to(&format!("/admin/service-agreements?flash={flash}")).into_response(),
        Err(StoreError::Invalid(errors)) => {
            render(
                &state,
                &ctx,
                &typed,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

/// `POST /admin/service-agreements`: records an agreement.
pub async fn add(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    req: Request,
) -> Response {
    change(state, screen, req, Change::Add).await
}

/// `POST /admin/service-agreements/remove`: ends an agreement.
pub async fn remove(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    req: Request,
) -> Response {
    change(state, screen, req, Change::End).await
}
