//! `GET /notifications` and `POST /notifications/read` (open one, or mark all read).
//!
//! Opening is a POST because it changes something (the read mark); it answers
//! with a redirect to what the notification is about. Someone else's notification
//! id, or none, just leads back to the list.

use axum::extract::{FromRequestParts, Request, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::forms::read_checked_form;
use crate::db::notifications;
use crate::error::AppError;
use crate::views::notifications as view;
use crate::web::AppState;
use crate::web::actor::FormUser;

/// `GET /notifications`.
pub async fn list(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    let ctx = match crate::web::page::screen_context(&mut parts, &state).await {
        Ok(ctx) => ctx,
        Err(r) => return r,
    };
    let user = ctx.who.user_id.clone();
    match state
        .db
        .run(move |conn| notifications::list(conn, &user))
        .await
    {
        Ok(items) => {
            let l = ctx.l;
            ctx.render(
                &l.text("notifications-title"),
                view::list(l, &ctx.who, &items),
            )
            .into_response()
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

/// `POST /notifications/read`.
pub async fn read(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let who = match FormUser::from_request_parts(&mut parts, &state).await {
        Ok(FormUser(who)) => who,
        Err(e) => return e.into_response(),
    };
    let values = match read_checked_form(&state, &who, Request::from_parts(parts, body)).await {
        Ok(values) => values,
        Err(e) => return e.into_response(),
    };
    let (id, all) = (values.get("id").trim().to_owned(), values.checked("all"));
    let user = who.user_id.clone();
    let opened = state
        .db
        .write(move |conn| {
            if all {
                notifications::mark_all_read(conn, &user)?;
                return Ok(None);
            }
            notifications::open(conn, &user, &id)
        })
        .await;
    match opened {
        // Links are written by this application; still, only local paths are followed.
        Ok(Some(link)) if link.starts_with('/') && !link.starts_with("//") => {
            Redirect::to(&link).into_response()
        }
        Ok(_) => Redirect::to("/notifications").into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}
