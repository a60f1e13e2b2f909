//! The resource directory on screen: `GET /resources` (everyone signed in),
//! and the administrator's `GET /resources/new`, `POST /resources`,
//! `GET /resources/{id}` and `POST /resources/{id}` (change or deactivate).
//!
//! Saves call the same functions as the JSON API (`web::resources`), audited
//! in the same transaction; a refused form is shown again with what was typed.

use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::case_page::CaseScreen;
use super::forms::read_checked_form;
use crate::access::{may_manage_resources, may_read_resources};
use crate::db::StoreError;
use crate::db::resources::{self, Resource, ResourceFilter};
use crate::domain::outbound::{ResourceCategory, ResourceInput};
use crate::domain::validation::{FieldError, Problem};
use crate::error::AppError;
use crate::views::resources::{ResourceList, form_page, list_page, values_of};
use crate::views::stage_forms::FormValues;
use crate::web::AppState;
use crate::web::json::IdPath;
use crate::web::page::PageContext;
use crate::web::resources::{add, change, require_manager};

/// `GET /resources?category=&include_inactive=true`. Unknown values are
/// ignored (a bookmark may carry anything): the list then shows everything.
pub async fn list(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let ctx = match screen {
        Ok(CaseScreen(ctx)) => ctx,
        Err(refused) => return refused,
    };
    if !may_read_resources(&ctx.who) {
        return AppError::NotFound.into_response();
    }
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let filter = ResourceFilter {
        category: value("category").parse::<ResourceCategory>().ok(),
        include_inactive: value("include_inactive") == "true",
    };
    let rows = match state
        .db
        .run(move |conn| resources::list(conn, filter))
        .await
    {
        Ok(rows) => rows,
        Err(e) => return AppError::from(e).into_response(),
    };
    let l = ctx.l;
    let page = ResourceList {
        l,
        rows: &rows,
        category: filter.category,
        include_inactive: filter.include_inactive,
        may_manage: may_manage_resources(&ctx.who),
    };
    ctx.render(&l.text("resource-title"), list_page(&page))
        .into_response()
}

fn render_form(
    ctx: &PageContext,
    existing: Option<&Resource>,
    values: &FormValues,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let l = ctx.l;
    let title = l.text(if existing.is_some() {
        "resource-edit"
    } else {
        "resource-add"
    });
    (
        status,
        ctx.render(&title, form_page(l, &ctx.who, existing, values, errors)),
    )
        .into_response()
}

/// `GET /resources/new` (administrators).
pub async fn new_form(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
) -> Response {
    let ctx = match screen {
        Ok(CaseScreen(ctx)) => ctx,
        Err(refused) => return refused,
    };
    if let Err(e) = require_manager(&state, &ctx.who).await {
        return e.into_response();
    }
    render_form(&ctx, None, &FormValues::default(), &[], StatusCode::OK)
}

/// `GET /resources/{id}` (administrators): the entry's form.
pub async fn edit_form(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    IdPath(id): IdPath,
) -> Response {
    let ctx = match screen {
        Ok(CaseScreen(ctx)) => ctx,
        Err(refused) => return refused,
    };
    if let Err(e) = require_manager(&state, &ctx.who).await {
        return e.into_response();
    }
    match state.db.run(move |conn| resources::find(conn, &id)).await {
        Ok(r) => render_form(&ctx, Some(&r), &values_of(&r), &[], StatusCode::OK),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// The typed form as an input; an unknown category is a field problem.
fn input_of(typed: &FormValues, editing: bool) -> (ResourceInput, Vec<FieldError>) {
    let raw = typed.get("category").trim();
    let category = raw.parse::<ResourceCategory>().ok();
    let mut errors = Vec::new();
    if category.is_none() && !raw.is_empty() {
        errors.push(FieldError {
            field: "resource.category".into(),
            problem: Problem::Unknown,
        });
    }
    let text = |name: &str| Some(typed.get(name).to_owned());
    let input = ResourceInput {
        name: typed.get("name").to_owned(),
        category,
        contact: text("contact"),
        address: text("address"),
        notes: text("notes"),
        active: editing.then(|| typed.checked("active")),
    };
    (input, errors)
}

async fn save(state: AppState, ctx: PageContext, id: Option<String>, req: Request) -> Response {
    if let Err(e) = require_manager(&state, &ctx.who).await {
        return e.into_response();
    }
    let existing = match &id {
        Some(id) => {
            let id = id.clone();
            match state.db.run(move |conn| resources::find(conn, &id)).await {
                Ok(r) => Some(r),
                Err(e) => return AppError::from(e).into_response(),
            }
        }
        None => None,
    };
    let values = match read_checked_form(&state, &ctx.who, req).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let typed = values.without(&["csrf_token"]);
    let (input, problems) = input_of(&typed, existing.is_some());
    if !problems.is_empty() {
        return render_form(
            &ctx,
            existing.as_ref(),
            &typed,
            &problems,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    let who = ctx.who.clone();
    let result = state
        .db
        .write(move |conn| match id {
            Some(id) => change(conn, &who, &id, input),
            None => add(conn, &who, input),
        })
        .await;
    match result {
        Ok(_) => Redirect::to("/resources?flash=resource-saved").into_response(),
        Err(StoreError::Invalid(errors)) => render_form(
            &ctx,
            existing.as_ref(),
            &typed,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => AppError::from(e).into_response(),
    }
}

/// `POST /resources` (administrators): adds an entry.
pub async fn create(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    req: Request,
) -> Response {
    match screen {
        Ok(CaseScreen(ctx)) => save(state, ctx, None, req).await,
        Err(refused) => refused,
    }
}

/// `POST /resources/{id}` (administrators): changes or deactivates an entry.
pub async fn update(
    State(state): State<AppState>,
    screen: Result<CaseScreen, Response>,
    IdPath(id): IdPath,
    req: Request,
) -> Response {
    match screen {
        Ok(CaseScreen(ctx)) => save(state, ctx, Some(id), req).await,
        Err(refused) => refused,
    }
}
