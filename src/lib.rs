//! Casework: social-work case management for trade unions.
//!
//! The library holds everything; `main.rs` only parses the command line and calls
//! in here, so that tests build exactly the application that runs.

pub mod domain;
pub mod db;
pub mod i18n;
