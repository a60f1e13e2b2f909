//! HTTP: the router, extractors, and one module per area.

pub mod actor;
pub mod cases;
pub mod clients;
pub mod health;
pub mod home;
pub mod json;
pub mod locale;
pub mod records;
pub mod router;
pub mod transitions;

use std::sync::Arc;

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
}

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}
