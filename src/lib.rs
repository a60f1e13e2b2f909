//! Casework: social-work case management for trade unions.
//!
//! The library holds everything; `main.rs` only parses the command line and calls
//! in here, so that tests build exactly the application that runs.

pub mod access;
pub mod backup;
pub mod charts;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod local_time;
pub mod reports;
pub mod views;
pub mod web;

use std::sync::Arc;

/// Builds the whole application on an open database: what `serve` runs and what
/// the tests drive.
pub fn build_app(db: db::Db, settings: config::ServeSettings, clock: clock::Clock) -> axum::Router {
    web::router::router(web::AppState(Arc::new(web::App {
        db,
        settings,
        clock,
        renders: web::Renders::for_this_machine(),
    })))
}
