//! One-time links for creating the first administrator.
//!
//! There is no default password anywhere. On an installation where nobody can
//! sign in yet, `casework serve` prints a link carrying a random token; the
//! token's hash is stored here, valid for a day and usable once.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::setup_tokens;
use super::sessions::{random_token, token_id};
use super::{DbConnection, StoreResult};

/// How long a setup link stays valid.
pub const VALIDITY: Duration = Duration::hours(24);

/// Creates a setup token; returns the secret for the link.
pub fn create(conn: &mut DbConnection, at: NaiveDateTime) -> StoreResult<String> {
    let token = random_token();
    diesel::insert_into(setup_tokens::table)
        .values((
            setup_tokens::id.eq(token_id(&token)),
            setup_tokens::created_at.eq(at),
            setup_tokens::expires_at.eq(at + VALIDITY),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Whether a token is unused and unexpired.
pub fn is_valid(conn: &mut DbConnection, token: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n: i64 = setup_tokens::table
        .filter(setup_tokens::id.eq(token_id(token)))
        .filter(setup_tokens::used_at.is_null())
        .filter(setup_tokens::expires_at.gt(at))
        .count()
        .get_result(conn)?;
    Ok(n == 1)
}

/// Uses a token up; false if it was not valid (then nothing changes).
pub fn consume(conn: &mut DbConnection, token: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(
        setup_tokens::table
            .filter(setup_tokens::id.eq(token_id(token)))
            .filter(setup_tokens::used_at.is_null())
            .filter(setup_tokens::expires_at.gt(at)),
    )
    .set(setup_tokens::used_at.eq(Some(at)))
    .execute(conn)?;
    Ok(n == 1)
}
