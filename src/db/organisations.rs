//! Organisations, teams and users: the actors behind every change.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{organisations, teams, users};
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::domain::vocab::{OrganisationKind, Role};

/// A union organisation or a service agency.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind code (see [`OrganisationKind`]).
    pub kind: String,
    /// The parent union, for the union hierarchy.
    pub parent_id: Option<String>,
    /// When it was created.
    pub created_at: NaiveDateTime,
}

/// A team within an agency.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = teams)]
pub struct Team {
    /// Id.
    pub id: String,
    /// The agency it belongs to.
    pub organisation_id: String,
    /// Display name.
    pub name: String,
    /// When it was created.
    pub created_at: NaiveDateTime,
}

/// A staff member.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = users)]
pub struct User {
    /// Id.
    pub id: String,
    /// Their organisation.
    pub organisation_id: String,
    /// Name shown on records.
    pub display_name: String,
    /// Role code (see [`Role`]).
    pub role: String,
    /// When they were added.
    pub created_at: NaiveDateTime,
}

impl User {
    /// The user's role; an unknown code in the database is treated as no role at all.
    pub fn role(&self) -> Option<Role> {
        self.role.parse().ok()
    }
}

/// Adds an organisation.
pub fn insert_organisation(
    conn: &mut DbConnection,
    name: &str,
    kind: OrganisationKind,
    parent_id: Option<&str>,
) -> StoreResult<Organisation> {
    let org = Organisation {
        id: new_id(),
        name: name.to_owned(),
        kind: kind.as_str().to_owned(),
        parent_id: parent_id.map(str::to_owned),
        created_at: now(),
    };
    diesel::insert_into(organisations::table)
        .values(&org)
        .execute(conn)?;
    Ok(org)
}

/// Adds a team to an organisation.
pub fn insert_team(
    conn: &mut DbConnection,
    organisation_id: &str,
    name: &str,
) -> StoreResult<Team> {
    let team = Team {
        id: new_id(),
        organisation_id: organisation_id.to_owned(),
        name: name.to_owned(),
        created_at: now(),
    };
    diesel::insert_into(teams::table)
        .values(&team)
        .execute(conn)?;
    Ok(team)
}

/// Adds a user.
pub fn insert_user(
    conn: &mut DbConnection,
    organisation_id: &str,
    display_name: &str,
    role: Role,
) -> StoreResult<User> {
    let user = User {
        id: new_id(),
        organisation_id: organisation_id.to_owned(),
        display_name: display_name.to_owned(),
        role: role.as_str().to_owned(),
        created_at: now(),
    };
    diesel::insert_into(users::table)
        .values(&user)
        .execute(conn)?;
    Ok(user)
}

/// Finds a user by id.
pub fn find_user(conn: &mut DbConnection, id: &str) -> StoreResult<User> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Whether an organisation exists.
pub fn organisation_exists(conn: &mut DbConnection, id: &str) -> StoreResult<bool> {
    let n: i64 = organisations::table
        .filter(organisations::id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether a team exists and belongs to the organisation.
pub fn team_in_organisation(
    conn: &mut DbConnection,
    team_id: &str,
    organisation_id: &str,
) -> StoreResult<bool> {
    let n: i64 = teams::table
        .filter(teams::id.eq(team_id))
        .filter(teams::organisation_id.eq(organisation_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// How many users exist; used to tell an empty installation from a real one.
pub fn count_users(conn: &mut DbConnection) -> StoreResult<i64> {
    Ok(users::table.count().get_result(conn)?)
}

/// A user's login name (empty if they have none).
pub fn find_username(conn: &mut DbConnection, id: &str) -> StoreResult<String> {
    let name: Option<String> = users::table
        .find(id)
        .select(users::username)
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    Ok(name.unwrap_or_default())
}

/// Finds an organisation by id.
pub fn find_organisation(conn: &mut DbConnection, id: &str) -> StoreResult<Organisation> {
    organisations::table
        .find(id)
        .select(Organisation::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Finds a team by id.
pub fn find_team(conn: &mut DbConnection, id: &str) -> StoreResult<Team> {
    teams::table
        .find(id)
        .select(Team::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Finds an organisation by id or, failing that, by exact name.
pub fn find_organisation_by_id_or_name(
    conn: &mut DbConnection,
    key: &str,
) -> StoreResult<Option<Organisation>> {
    Ok(organisations::table
        .filter(
            organisations::id
                .eq(key)
                .or(organisations::name.eq(key.trim())),
        )
        .select(Organisation::as_select())
        .first(conn)
        .optional()?)
}

/// Display names of users, by id (for showing who did what).
pub fn display_names(
    conn: &mut DbConnection,
    ids: &[String],
) -> StoreResult<std::collections::HashMap<String, String>> {
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}
