//! Accounts: login names, password hashes, disabling, team membership.
//!
//! Passwords are hashed with argon2id at OWASP's recommended cost (19 MiB,
//! 2 iterations, 1 lane) and stored as PHC strings, which carry their own
//! parameters, so that the cost can be raised later without breaking old hashes.

use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::organisations::User;
use super::schema::{auth_sessions, team_members, users};
use super::{DbConnection, StoreError, StoreResult};
use crate::domain::Role;
use crate::domain::validation::Errors;

/// Argon2id with OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1).
fn hasher() -> Argon2<'static> {
    // The parameters are constants within argon2's documented limits.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string. CPU-heavy: call off the async runtime.
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Unavailable(format!("password hashing failed: {e}")))
}

/// Checks a password against a stored PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash that verifies nothing, checked when the login name is unknown so that
/// answering takes as long as for a real account (no user enumeration by timing).
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a real password, only for timing").unwrap_or_default())
}

/// The credentials of an account.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct Credentials {
    /// User id.
    pub id: String,
    /// PHC hash, absent for accounts that cannot sign in.
    pub password_hash: Option<String>,
    /// Set when an administrator disabled the account.
    pub disabled_at: Option<NaiveDateTime>,
}

/// Finds an account by login name (case-insensitive: names are stored lower-case).
pub fn find_credentials(
    conn: &mut DbConnection,
    username: &str,
) -> StoreResult<Option<Credentials>> {
    Ok(users::table
        .filter(users::username.eq(normalise_username(username)))
        .select(Credentials::as_select())
        .first(conn)
        .optional()?)
}

/// Finds an account's credentials by user id.
pub fn credentials_of(conn: &mut DbConnection, user_id: &str) -> StoreResult<Credentials> {
    users::table
        .find(user_id)
        .select(Credentials::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Login names are compared without case or surrounding spaces.
pub fn normalise_username(username: &str) -> String {
    username.trim().to_lowercase()
}

/// Gives a user a login name and password hash (the hash made by [`hash_password`]).
pub fn set_login(
    conn: &mut DbConnection,
    user_id: &str,
    username: &str,
    password_hash: &str,
    at: NaiveDateTime,
) -> StoreResult<()> {
    let updated = diesel::update(users::table.find(user_id))
        .set((
            users::username.eq(normalise_username(username)),
            users::password_hash.eq(password_hash),
            users::password_changed_at.eq(at),
        ))
        .execute(conn);
    match updated {
        Ok(1) => Ok(()),
        Ok(_) => Err(StoreError::NotFound),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => {
            let mut e = Errors::default();
            e.taken("account.username");
            Err(StoreError::Invalid(e.finish().unwrap_err()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Replaces a password hash.
pub fn set_password_hash(
    conn: &mut DbConnection,
    user_id: &str,
    password_hash: &str,
    at: NaiveDateTime,
) -> StoreResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(password_hash),
            users::password_changed_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks demo accounts, so that they can be told apart.
pub fn mark_demo(conn: &mut DbConnection, user_id: &str) -> StoreResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::is_demo.eq(true))
        .execute(conn)?;
    Ok(())
}

/// Disables an account and ends all its sessions.
pub fn disable(conn: &mut DbConnection, user_id: &str, at: NaiveDateTime) -> StoreResult<User> {
    let updated = diesel::update(users::table.find(user_id))
        .set(users::disabled_at.eq(Some(at)))
        .execute(conn)?;
    if updated == 0 {
        return Err(StoreError::NotFound);
    }
    diesel::delete(auth_sessions::table.filter(auth_sessions::user_id.eq(user_id)))
        .execute(conn)?;
    super::organisations::find_user(conn, user_id)
}

/// Adds a user to a team (no-op if already a member).
pub fn add_to_team(
    conn: &mut DbConnection,
    team_id: &str,
    user_id: &str,
    at: NaiveDateTime,
) -> StoreResult<()> {
    let exists: i64 = team_members::table
        .filter(team_members::team_id.eq(team_id))
        .filter(team_members::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(team_members::table)
            .values((
                team_members::team_id.eq(team_id),
                team_members::user_id.eq(user_id),
                team_members::added_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The teams a user belongs to.
pub fn teams_of(conn: &mut DbConnection, user_id: &str) -> StoreResult<Vec<String>> {
    Ok(team_members::table
        .filter(team_members::user_id.eq(user_id))
        .select(team_members::team_id)
        .order(team_members::team_id)
        .load(conn)?)
}

/// Whether any account can sign in yet (decides whether first-run setup is offered).
pub fn any_login(conn: &mut DbConnection) -> StoreResult<bool> {
    let n: i64 = users::table
        .filter(users::password_hash.is_not_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// A new account with its login.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    /// Login name (letters, digits, `. _ - @`).
    pub username: &'a str,
    /// Name shown on records.
    pub display_name: &'a str,
    /// Role.
    pub role: Role,
    /// Organisation.
    pub organisation_id: &'a str,
    /// Teams, all of that organisation.
    pub team_ids: &'a [String],
    /// Hash made by [`hash_password`] (outside the transaction: it is slow).
    pub password_hash: &'a str,
}

fn unknown(field: &str) -> StoreError {
    let mut e = Errors::default();
    e.unknown(field);
    StoreError::Invalid(e.finish().unwrap_err())
}

/// Creates a user with a login and team memberships; shared by the admin API,
/// first-run setup and the command line. Call inside a write transaction.
pub fn create_account(
    conn: &mut DbConnection,
    new: &NewAccount<'_>,
    at: NaiveDateTime,
) -> StoreResult<User> {
    let mut e = Errors::default();
    e.required_text("account.username", new.username, 100);
    e.required_text("account.display_name", new.display_name, 100);
    if !new
        .username
        .trim()
        .chars()
        .all(|c| c.is_alphanumeric() || "._-@".contains(c))
    {
        e.unknown("account.username");
    }
    e.finish().map_err(StoreError::Invalid)?;
    if !super::organisations::organisation_exists(conn, new.organisation_id)? {
        return Err(unknown("account.organisation_id"));
    }
    for (i, team) in new.team_ids.iter().enumerate() {
        if !super::organisations::team_in_organisation(conn, team, new.organisation_id)? {
            return Err(unknown(&format!("account.team_ids.{i}")));
        }
    }
    let user = super::organisations::insert_user(
        conn,
        new.organisation_id,
        new.display_name.trim(),
        new.role,
    )?;
    set_login(conn, &user.id, new.username, new.password_hash, at)?;
    for team in new.team_ids {
        add_to_team(conn, team, &user.id, at)?;
    }
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_phc_strings_that_verify() {
        let phc = hash_password("violet-harbour-tram-42").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password("violet-harbour-tram-42", &phc));
        assert!(!verify_password("violet-harbour-tram-43", &phc));
        assert!(!verify_password("anything", "not a hash"));
        assert_ne!(
            phc,
            hash_password("violet-harbour-tram-42").unwrap(),
            "salted"
        );
    }
}
