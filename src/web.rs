//! HTTP: the router, extractors, and one module per area.

pub mod actor;
pub mod admin;
pub mod audit;
pub mod audit_page;
pub mod auth;
pub mod bench;
pub mod case_report;
pub mod case_timeline;
pub mod cases;
pub mod clients;
pub mod health;
pub mod json;
pub mod locale;
pub mod outbound;
pub mod page;
pub mod pages;
pub mod records;
pub mod resources;
pub mod router;
pub mod screens;
pub mod security;
pub mod supervision;
pub mod transfers;
pub mod transitions;

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::ServeSettings;
use crate::db::Db;

/// Everything a handler may need; the one piece of shared state.
#[derive(Clone)]
pub struct AppState(pub Arc<App>);

/// The application's shared parts.
pub struct App {
    /// The database.
    pub db: Db,
    /// Web settings.
    pub settings: ServeSettings,
    /// Where "now" comes from (injectable for tests of expiry and throttling).
    pub clock: Clock,
    /// Admission to PDF rendering and to the evaluation report's aggregates.
    pub renders: Renders,
}

/// How many PDFs are laid out at once.
///
/// Laying out a report and subsetting its CJK font takes tens of megabytes and
/// keeps a core busy for tens of milliseconds. Without a limit every waiting
/// download got a blocking thread of its own: 64 clients asking for case reports
/// drove the server to 960 MB (docs/performance.md). With one render per core
/// the others wait their turn, memory stays flat, and each finishes as fast.
pub struct Renders(tokio::sync::Semaphore);

impl Renders {
    /// One render at a time per core the process may run on.
    pub fn for_this_machine() -> Renders {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        Renders(tokio::sync::Semaphore::new(cores))
    }

    /// Waits for a slot, held until the returned permit is dropped. The
    /// evaluation report takes one for its aggregate queries too: each reads
    /// every case of its period, and 64 at once only made each 64 times slower
    /// while the server's memory grew (docs/performance.md).
    pub async fn admit(&self) -> Result<tokio::sync::SemaphorePermit<'_>, crate::error::AppError> {
        self.0
            .acquire()
            .await
            .map_err(|_| crate::error::AppError::internal("report rendering stopped"))
    }

    /// Runs `render` on a blocking thread once a render slot is free.
    pub async fn run<T, F>(&self, render: F) -> Result<T, crate::error::AppError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let _slot = self.admit().await?;
        tokio::task::spawn_blocking(render)
            .await
            .map_err(|e| crate::error::AppError::internal(format!("report rendering: {e}")))
    }
}

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}
