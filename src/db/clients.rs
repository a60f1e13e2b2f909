//! Clients (服务对象).

use chrono::{Datelike, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::clients;
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::domain::validation::{ClientInput, clean};
use crate::domain::vocab::join_codes;

/// A stored client.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = clients)]
pub struct Client {
    /// Id.
    pub id: String,
    /// Name or alias.
    pub full_name: String,
    /// Gender code.
    pub gender: Option<String>,
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// Phone.
    pub phone: Option<String>,
    /// Employer.
    pub employer: Option<String>,
    /// Union member.
    pub union_member: bool,
    /// Their union organisation.
    pub union_id: Option<String>,
    /// District.
    pub district: Option<String>,
    /// Special-group codes, comma-separated.
    pub special_groups: String,
    /// Who created the record.
    pub created_by: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

/// Validates and stores a new client.
pub fn insert_client(
    conn: &mut DbConnection,
    input: ClientInput,
    actor_id: &str,
) -> StoreResult<Client> {
    let at = now();
    input.validate(at.year()).map_err(StoreError::Invalid)?;
    if let Some(union_id) = &input.union_id
        && !super::organisations::organisation_exists(conn, union_id)?
    {
        let mut e = crate::domain::validation::Errors::default();
        e.unknown("client.union_id");
        e.finish().map_err(StoreError::Invalid)?;
    }
    let client = Client {
        id: new_id(),
        full_name: input.full_name.trim().to_owned(),
        gender: input.gender.map(|g| g.as_str().to_owned()),
        birth_year: input.birth_year,
        phone: clean(input.phone),
        employer: clean(input.employer),
        union_member: input.union_member,
        union_id: input.union_id,
        district: clean(input.district),
        special_groups: join_codes(&input.special_groups),
        created_by: actor_id.to_owned(),
        created_at: at,
        updated_at: at,
    };
    diesel::insert_into(clients::table)
        .values(&client)
        .execute(conn)?;
    Ok(client)
}

/// Finds a client by id.
pub fn find_client(conn: &mut DbConnection, id: &str) -> StoreResult<Client> {
    clients::table
        .find(id)
        .select(Client::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Clients with exactly this name or this phone: the duplicate check before a new client.
pub fn find_possible_duplicates(
    conn: &mut DbConnection,
    name: &str,
    phone: Option<&str>,
) -> StoreResult<Vec<Client>> {
    let mut query = clients::table
        .select(Client::as_select())
        .filter(clients::full_name.eq(name.trim().to_owned()))
        .into_boxed();
    if let Some(phone) = phone.map(str::trim).filter(|p| !p.is_empty()) {
        query = query.or_filter(clients::phone.eq(phone.to_owned()));
    }
    Ok(query
        .order(clients::created_at.desc())
        .limit(20)
        .load(conn)?)
}
