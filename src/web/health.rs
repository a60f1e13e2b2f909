//! `/healthz`: answers 200 only when the database answers.

use axum::extract::State;
use axum::http::StatusCode;
use diesel::connection::SimpleConnection;

use super::AppState;

/// Liveness and readiness in one: a load balancer stops sending traffic to an
/// instance whose database is gone.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let ping = state
        .db
        .run(|conn| Ok(conn.batch_execute("SELECT 1")?))
        .await;
    match ping {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}
