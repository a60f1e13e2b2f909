//! What every staff screen handler needs: the signed-in user, the language, where
//! the request is (for the language switch) and any flash message.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::AppState;
use super::actor::FormUser;
use super::locale::from_headers;
use crate::access::Principal;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::layout::{Frame, page};

/// A signed-in screen request. Without a session the browser is sent to sign in.
pub struct PageContext {
    /// The user.
    pub who: Principal,
    /// Their language.
    pub l: Locale,
    /// Path and query of this request.
    pub here: String,
    /// Flash message key from a redirect (`?flash=saved`).
    pub flash: Option<String>,
    /// For supervisors: how many approvals wait for them (shown in the navigation).
    pub approvals_waiting: Option<i64>,
}

impl PageContext {
    /// Wraps content in the page frame.
    pub fn render(&self, title: &str, content: Markup) -> Markup {
        page(
            self.l,
            title,
            &Frame {
                who: Some(&self.who),
                here: &self.here,
                flash: self.flash.as_deref(),
                approvals_waiting: self.approvals_waiting,
            },
            content,
        )
    }
}

impl FromRequestParts<AppState> for PageContext {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let l = from_headers(&parts.headers);
        let who = match FormUser::from_request_parts(parts, state).await {
            Ok(FormUser(who)) => who,
            Err(AppError::Unauthenticated) => return Err(Redirect::to("/sign-in").into_response()),
            Err(e) => return Err(e.into_response()),
        };
        let here = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        let flash = parts.uri.query().and_then(|q| {
            q.split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == "flash")
                .map(|(_, v)| {
                    v.chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .take(40)
                        .collect()
                })
        });
        let approvals_waiting = match crate::web::supervision::supervisor_scope(&who) {
            Ok(scope) => Some(
                state
                    .db
                    .run(move |conn| crate::db::supervision::approvals::queue_len(conn, &scope))
                    .await
                    .map_err(|e| AppError::from(e).into_response())?,
            ),
            Err(_) => None,
        };
        Ok(PageContext {
            who,
            l,
            here,
            flash,
            approvals_waiting,
        })
    }
}

/// A screen's [`PageContext`]. Without a session only a browser (a request that
/// asked for HTML) is sent to sign in; anything else gets a plain 401, as from
/// the API, so that scripts and tests see the same answer on every route.
pub async fn screen_context(parts: &mut Parts, state: &AppState) -> Result<PageContext, Response> {
    match PageContext::from_request_parts(parts, state).await {
        Ok(ctx) => Ok(ctx),
        Err(r) if r.status().is_redirection() && !wants_page(parts) => {
            Err(AppError::Unauthenticated.into_response())
        }
        Err(r) => Err(r),
    }
}

/// Whether the request asked for a page (a browser) rather than data.
fn wants_page(parts: &Parts) -> bool {
    parts
        .headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}
