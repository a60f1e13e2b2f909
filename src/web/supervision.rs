//! Supervision (督导) over HTTP, as JSON and as screens: the approvals queue,
//! approval policies per case type, supervision notes, reassignment, and the team
//! oversight screen. Approving and returning themselves are workflow transitions
//! (`POST /api/cases/{id}/transitions`, `POST /cases/{id}/transitions`).
//!
//! Access is decided in `crate::access`: team screens and the queue are for
//! supervisors (anyone else gets 404, as for a case outside their scope), notes
//! and reassignment need `CaseAction::Supervise` / `CaseAction::Reassign` on the
//! case, policies `access::approval_policy_scope`. Every change is audited in the
//! transaction that makes it.

pub mod approvals;
pub mod notes;
pub mod policies;
pub mod reassign;
pub mod team;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::page::PageContext;
use super::screens::home::{case_scope, staff_page};
use crate::access::{Principal, may_oversee_teams};
use crate::db::case_queries::CaseScope;
use crate::error::AppError;

/// A screen for supervisors, with the scope of their teams. Without a session a
/// browser is sent to sign in (anything else gets 401); other roles get 404.
pub struct SupervisorScreen(pub PageContext, pub CaseScope);

impl FromRequestParts<AppState> for SupervisorScreen {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let (ctx, scope) = staff_page(parts, state).await?;
        if !may_oversee_teams(&ctx.who) {
            return Err(AppError::NotFound.into_response());
        }
        Ok(SupervisorScreen(ctx, scope))
    }
}

/// The scope of a supervisor's lists, for the JSON API; 404 for anyone else.
pub fn supervisor_scope(who: &Principal) -> Result<CaseScope, AppError> {
    if !may_oversee_teams(who) {
        return Err(AppError::NotFound);
    }
    case_scope(who).ok_or(AppError::NotFound)
}
