//! HTTP: the router, extractors, and one module per area.

pub mod actor;
pub mod admin;
pub mod audit;
pub mod audit_page;
pub mod auth;
pub mod case_report;
pub mod case_timeline;
pub mod cases;
pub mod clients;
pub mod health;
pub mod json;
pub mod locale;
pub mod page;
pub mod pages;
pub mod records;
pub mod router;
pub mod screens;
pub mod security;
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
}

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}
