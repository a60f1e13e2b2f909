//! Baseline endpoints for the benchmark (`bench/README.md`), served only with
//! `serve --bench-endpoints`; otherwise they answer 404 like any unknown path.
//!
//! - `/bench/plaintext` (P): the framework alone, no database.
//! - `/bench/fortunes` (B), shaped like TechEmpower's Fortunes test: read a small
//!   table (the organisations), add a row in memory, sort by name, render an
//!   HTML table with maud, which escapes every value. The added row holds markup
//!   so that escaping is really exercised.
//!
//! B is what the case list and case page are measured against: it costs one
//! pooled query, a sort and a render, the floor under any screen of this app.
//! The organisations' names are not confidential, but these routes are still
//! meant for benchmark runs only: they skip sign-in.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use diesel::prelude::*;
use maud::{DOCTYPE, Markup, html};

use super::AppState;
use crate::db::schema::organisations;
use crate::error::AppError;

/// The row added at request time, as in Fortunes; its markup must come out escaped.
pub const ADDED_ROW: &str = "请求时加入的一行：<script>alert(\"转义\")</script> & 完";

/// `GET /bench/plaintext`.
pub async fn plaintext(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    if !state.settings.bench_endpoints {
        return Err(AppError::NotFound);
    }
    Ok(([(header::CONTENT_TYPE, "text/plain")], "Hello, World!"))
}

/// `GET /bench/fortunes`.
pub async fn fortunes(State(state): State<AppState>) -> Result<Markup, AppError> {
    if !state.settings.bench_endpoints {
        return Err(AppError::NotFound);
    }
    let mut rows: Vec<(String, String)> = state
        .db
        .run(|conn| {
            Ok(organisations::table
                .select((organisations::id, organisations::name))
                .load(conn)?)
        })
        .await?;
    rows.push(("0".to_owned(), ADDED_ROW.to_owned()));
    rows.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(html! {
        (DOCTYPE)
        html {
            head { title { "Fortunes" } }
            body {
                table {
                    tr { th { "id" } th { "message" } }
                    @for (id, name) in &rows {
                        tr { td { (id) } td { (name) } }
                    }
                }
            }
        }
    })
}
