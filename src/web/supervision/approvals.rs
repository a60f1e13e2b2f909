//! The approvals queue: `GET /api/approvals` and the screen `GET /approvals`.
//!
//! The queue lists the plans submitted for approval and the closures waiting for
//! sign-off (where the case type asks for it) of the supervisor's teams, oldest
//! first, leaving out cases the supervisor holds: nobody approves their own case.
//! The decision itself is a transition on the case page.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::{SupervisorScreen, supervisor_scope};
use crate::db::organisations::display_names;
use crate::db::supervision::approvals::{QueueItem, queue};
use crate::error::AppError;
use crate::views::supervision::approvals::approvals_page;
use crate::web::AppState;
use crate::web::actor::CurrentUser;

/// Most items listed.
pub const QUEUE_LIMIT: i64 = 200;

/// `GET /api/approvals`.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
) -> Result<Json<Vec<QueueItem>>, AppError> {
    let scope = supervisor_scope(&who)?;
    let items = state
        .db
        .run(move |conn| queue(conn, &scope, QUEUE_LIMIT))
        .await?;
    Ok(Json(items))
}

/// `GET /approvals`.
pub async fn page(
    State(state): State<AppState>,
    SupervisorScreen(ctx, scope): SupervisorScreen,
) -> Response {
    let loaded = state
        .db
        .run(move |conn| {
            let mut items = queue(conn, &scope, QUEUE_LIMIT + 1)?;
            let truncated = items.len() as i64 > QUEUE_LIMIT;
            items.truncate(QUEUE_LIMIT as usize);
            let mut ids: Vec<String> = items.iter().map(|i| i.requested_by.clone()).collect();
            ids.sort();
            ids.dedup();
            let names = display_names(conn, &ids)?;
            Ok((items, truncated, names))
        })
        .await;
    match loaded {
        Ok((items, truncated, names)) => {
            let l = ctx.l;
            let content = approvals_page(l, &items, truncated, &names, ctx.who.at.date());
            ctx.render(&l.text("supervision-approvals-title"), content)
                .into_response()
        }
        Err(e) => AppError::from(e).into_response(),
    }
}
