//! `GET /`: the start page. Social workers and supervisors get their work (see
//! `views::home`); administrators and union officers a short page of what they
//! can do here; visitors who are not signed in the public start page.
//!
//! Also what the list screens (home, case list, new case) share: who may use
//! them ([`staff_page`]) and whose cases they show ([`case_scope`]).

use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::access::{Principal, case_list_scope};
use crate::db::case_queries::{CaseScope, awaiting_sign_off, caseload, due_goals, intake_queue};
use crate::domain::Role;
use crate::error::AppError;
use crate::views::home::{HomeData, other_home, staff_home};
use crate::web::AppState;
use crate::web::locale::from_headers;
use crate::web::page::PageContext;
use crate::web::pages::signed_out_home;

/// Most open cases the home page lists (beyond, it links to the case list).
const CASELOAD_LIMIT: i64 = 300;
/// Most cases in the intake queue and in the sign-off list.
const QUEUE_LIMIT: i64 = 50;
/// Most due goals listed.
const DUE_LIMIT: i64 = 30;

/// The cases `who` may list: their agency's cases of their teams and those
/// assigned to them, plus the agency's cases without a team for supervisors
/// (`crate::access::relation`). `None` for roles without cases.
pub fn case_scope(who: &Principal) -> Option<CaseScope> {
    case_list_scope(who).map(|organisation_id| CaseScope {
        organisation_id: organisation_id.to_owned(),
        team_ids: who.team_ids.clone(),
        include_unteamed: who.role == Role::Supervisor,
        viewer_id: who.user_id.clone(),
    })
}

/// A list screen's context and scope. Without a session a browser is sent to
/// sign in and anything else gets 401, as from the API; roles without cases get
/// 404, as for every case route.
pub async fn staff_page(
    parts: &mut Parts,
    state: &AppState,
) -> Result<(PageContext, CaseScope), Response> {
    let ctx = crate::web::page::screen_context(parts, state).await?;
    match case_scope(&ctx.who) {
        Some(scope) => Ok((ctx, scope)),
        None => Err(AppError::NotFound.into_response()),
    }
}

/// `GET /`.
pub async fn home(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    let ctx = match PageContext::from_request_parts(&mut parts, &state).await {
        Ok(ctx) => ctx,
        // No session, or an ended one: the public start page, not a redirect.
        Err(r) if r.status() == StatusCode::SEE_OTHER => {
            return signed_out_home(from_headers(&parts.headers)).into_response();
        }
        Err(r) => return r,
    };
    let l = ctx.l;
    let Some(scope) = case_scope(&ctx.who) else {
        return ctx
            .render(&l.text("home-other-title"), other_home(l, &ctx.who))
            .into_response();
    };
    let mine_only = ctx.who.role != Role::Supervisor;
    let now = ctx.who.at;
    let loaded = state
        .db
        .run(move |conn| {
            let mut caseload = caseload(conn, &scope, mine_only, now, CASELOAD_LIMIT + 1)?;
            let caseload_truncated = caseload.len() as i64 > CASELOAD_LIMIT;
            caseload.truncate(CASELOAD_LIMIT as usize);
            let sign_off = if mine_only {
                None
            } else {
                Some(awaiting_sign_off(conn, &scope, now, QUEUE_LIMIT)?)
            };
            Ok(HomeData {
                caseload,
                caseload_truncated,
                intake_queue: intake_queue(conn, &scope, now, QUEUE_LIMIT)?,
                sign_off,
                due: due_goals(
                    conn,
                    &scope,
                    mine_only,
                    crate::local_time::local_day(now),
                    DUE_LIMIT,
                )?,
                today: crate::local_time::local_day(now),
            })
        })
        .await;
    match loaded {
        Ok(data) => ctx
            .render(&l.text("home-title"), staff_home(l, &ctx.who, &data))
            .into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}
