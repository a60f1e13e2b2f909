//! Every route of the application, in one list.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post, put};
use tower_http::trace::TraceLayer;

use super::{AppState, cases, clients, health, home, records, transitions};
use crate::error::{AppError, render_errors};

/// Builds the application with its middleware.
pub fn router(state: AppState) -> Router {
    let body_limit = usize::try_from(state.settings.max_body_bytes).unwrap_or(usize::MAX);
    Router::new()
        .route("/", get(home::home))
        .route("/healthz", get(health::healthz))
        .route("/api/clients", post(clients::create))
        .route("/api/clients/duplicates", get(clients::duplicates))
        .route("/api/cases", get(cases::list).post(cases::create))
        .route("/api/cases/{id}", get(cases::show))
        .route("/api/cases/{id}/intake", put(records::put_intake))
        .route("/api/cases/{id}/assessment", put(records::put_assessment))
        .route("/api/cases/{id}/contract", put(records::put_contract))
        .route("/api/cases/{id}/sessions", post(records::post_session))
        .route("/api/cases/{id}/closure", put(records::put_closure))
        .route("/api/cases/{id}/details", put(records::put_details))
        .route(
            "/api/cases/{id}/transitions",
            get(transitions::list).post(transitions::post),
        )
        .fallback(|| async { AppError::NotFound })
        .layer(middleware::from_fn(render_errors))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
