//! Sign-in sessions, kept in the database so that several instances share them.
//!
//! The browser holds a 128-bit random token; the table holds its SHA-256, so a
//! copy of the table cannot be replayed. Each session also carries its own CSRF
//! token. A session ends after an idle period or an absolute lifetime, whichever
//! comes first.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::organisations::User;
use super::schema::{auth_sessions, organisations, users};
use super::{DbConnection, StoreResult};

/// How long sessions live.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// Ends after this long without a request.
    pub idle: Duration,
    /// Ends this long after sign-in, whatever happens.
    pub absolute: Duration,
}

/// A stored session.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = auth_sessions)]
pub struct AuthSession {
    /// SHA-256 of the token, hex.
    pub id: String,
    /// Whose session.
    pub user_id: String,
    /// The token state-changing requests must echo.
    pub csrf_token: String,
    /// Sign-in time.
    pub created_at: NaiveDateTime,
    /// Last request.
    pub last_seen_at: NaiveDateTime,
    /// Absolute end.
    pub expires_at: NaiveDateTime,
    /// Where the sign-in came from.
    pub client_address: String,
}

/// 128 random bits, as hex, from rand's thread generator (a CSPRNG seeded and
/// periodically reseeded from the operating system).
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The stored id of a token.
pub fn token_id(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session; returns the token for the cookie and the stored session.
pub fn create(
    conn: &mut DbConnection,
    user_id: &str,
    client_address: &str,
    at: NaiveDateTime,
    policy: SessionPolicy,
) -> StoreResult<(String, AuthSession)> {
    let token = random_token();
    let session = AuthSession {
        id: token_id(&token),
        user_id: user_id.to_owned(),
        csrf_token: random_token(),
        created_at: at,
        last_seen_at: at,
        expires_at: at + policy.absolute,
        client_address: client_address.to_owned(),
    };
    diesel::insert_into(auth_sessions::table)
        .values(&session)
        .execute(conn)?;
    Ok((token, session))
}

/// How stale `last_seen_at` may get before a request refreshes it; saves a write
/// on most requests at the cost of this much slack in the idle timeout.
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// The live session, its user and the name of the user's organisation for a
/// token, or `None` if unknown, expired or the user is disabled. Expired
/// sessions are deleted on sight.
///
/// One query for all three: this runs before every signed-in request.
pub fn authenticate(
    conn: &mut DbConnection,
    token: &str,
    at: NaiveDateTime,
    policy: SessionPolicy,
) -> StoreResult<Option<(AuthSession, User, String)>> {
    let id = token_id(token);
    let Some((session, disabled, user, organisation_name)) = auth_sessions::table
        .inner_join(users::table.inner_join(organisations::table))
        .filter(auth_sessions::id.eq(&id))
        .select((
            AuthSession::as_select(),
            users::disabled_at,
            User::as_select(),
            organisations::name,
        ))
        .first::<(AuthSession, Option<NaiveDateTime>, User, String)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    if at >= session.expires_at || at - session.last_seen_at >= policy.idle || disabled.is_some() {
        end(conn, token)?;
        return Ok(None);
    }
    if at - session.last_seen_at >= TOUCH_EVERY {
        diesel::update(auth_sessions::table.find(&id))
            .set(auth_sessions::last_seen_at.eq(at))
            .execute(conn)?;
    }
    Ok(Some((session, user, organisation_name)))
}

/// Ends one session.
pub fn end(conn: &mut DbConnection, token: &str) -> StoreResult<()> {
    diesel::delete(auth_sessions::table.find(token_id(token))).execute(conn)?;
    Ok(())
}

/// Ends every session of a user (password change, disabling).
pub fn end_all_for(conn: &mut DbConnection, user_id: &str) -> StoreResult<()> {
    diesel::delete(auth_sessions::table.filter(auth_sessions::user_id.eq(user_id)))
        .execute(conn)?;
    Ok(())
}
