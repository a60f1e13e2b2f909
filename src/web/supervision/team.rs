//! Team oversight: `GET /api/team` and the screen `GET /team`.
//!
//! Per worker of the supervisor's teams, their open cases by stage and by risk,
//! and the alerts (thresholds from the settings: `--alert-no-contact-days`,
//! `--alert-intake-days`, `--alert-risk-session-days`), each with a reassignment
//! form. Figures are as of the request's time.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{SupervisorScreen, supervisor_scope};
use crate::db::supervision::oversight::{Oversight, oversight, reassignment_choices};
use crate::error::AppError;
use crate::views::stage_forms::Feedback;
use crate::views::supervision::team::{TeamPage, team_page};
use crate::web::AppState;
use crate::web::actor::CurrentUser;
use crate::web::page::PageContext;

/// `GET /api/team`.
pub async fn overview(
    State(state): State<AppState>,
    CurrentUser(who): CurrentUser,
) -> Result<Json<Oversight>, AppError> {
    let scope = supervisor_scope(&who)?;
    let thresholds = state.settings.alerts.thresholds();
    let now = who.at;
    let data = state
        .db
        .run(move |conn| oversight(conn, &scope, thresholds, now))
        .await?;
    Ok(Json(data))
}

/// Renders the team screen with `status`; `feedback` carries a refused
/// reassignment back to its form.
pub async fn render_team(
    state: &AppState,
    ctx: &PageContext,
    feedback: Feedback,
    status: StatusCode,
) -> Response {
    let scope = match supervisor_scope(&ctx.who) {
        Ok(scope) => scope,
        Err(e) => return e.into_response(),
    };
    let thresholds = state.settings.alerts.thresholds();
    let now = ctx.who.at;
    let loaded = state
        .db
        .run(move |conn| {
            let data = oversight(conn, &scope, thresholds, now)?;
            let choices = reassignment_choices(conn, &scope)?;
            Ok((data, choices))
        })
        .await;
    match loaded {
        Ok((data, choices)) => {
            let l = ctx.l;
            let page = TeamPage {
                l,
                who: &ctx.who,
                data: &data,
                choices: &choices,
                today: now.date(),
                feedback: &feedback,
            };
            (
                status,
                ctx.render(&l.text("supervision-team-title"), team_page(&page)),
            )
                .into_response()
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

/// `GET /team`.
pub async fn page(
    State(state): State<AppState>,
    SupervisorScreen(ctx, _): SupervisorScreen,
) -> Response {
    render_team(&state, &ctx, Feedback::default(), StatusCode::OK).await
}
