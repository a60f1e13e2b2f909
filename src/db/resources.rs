//! The resource directory administrators keep: where clients are referred out to.
//!
//! Entries are never deleted, only deactivated, so that every referral out
//! keeps naming the resource it went to.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::resources;
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::domain::outbound::{ResourceCategory, ResourceInput};

/// One directory entry.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = resources)]
pub struct Resource {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// A `ResourceCategory` code.
    pub category: String,
    /// Phone, e-mail or contact person.
    pub contact: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Opening hours, eligibility, how to refer.
    pub notes: Option<String>,
    /// Whether workers may refer to it now.
    pub active: bool,
    /// When it was added.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

/// What changes when an entry is edited.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = resources, treat_none_as_null = true)]
struct ResourceChanges<'a> {
    name: &'a str,
    category: &'a str,
    contact: Option<&'a str>,
    address: Option<&'a str>,
    notes: Option<&'a str>,
    active: bool,
    updated_at: NaiveDateTime,
}

/// Which entries a list shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResourceFilter {
    /// Only this category.
    pub category: Option<ResourceCategory>,
    /// Deactivated entries too.
    pub include_inactive: bool,
}

/// Most entries one list shows; a directory is a few dozen entries in practice.
pub const MAX_LIST: i64 = 500;

/// The directory, by category then name.
pub fn list(conn: &mut DbConnection, filter: ResourceFilter) -> StoreResult<Vec<Resource>> {
    let mut query = resources::table.into_boxed();
    if let Some(category) = filter.category {
        query = query.filter(resources::category.eq(category.as_str()));
    }
    if !filter.include_inactive {
        query = query.filter(resources::active.eq(true));
    }
    Ok(query
        .order((resources::category, resources::name, resources::id))
        .limit(MAX_LIST)
        .select(Resource::as_select())
        .load(conn)?)
}

/// The entries workers may refer to now.
pub fn active(conn: &mut DbConnection) -> StoreResult<Vec<Resource>> {
    list(conn, ResourceFilter::default())
}

/// Finds an entry by id.
pub fn find(conn: &mut DbConnection, id: &str) -> StoreResult<Resource> {
    resources::table
        .find(id)
        .select(Resource::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Adds an entry (active unless the input says otherwise).
pub fn create(conn: &mut DbConnection, mut input: ResourceInput) -> StoreResult<Resource> {
    let category = input.validate().map_err(StoreError::Invalid)?;
    let at = now();
    let resource = Resource {
        id: new_id(),
        name: input.name,
        category: category.as_str().to_owned(),
        contact: input.contact,
        address: input.address,
        notes: input.notes,
        active: input.active.unwrap_or(true),
        created_at: at,
        updated_at: at,
    };
    diesel::insert_into(resources::table)
        .values(&resource)
        .execute(conn)?;
    Ok(resource)
}

/// Replaces an entry's fields; `active: None` keeps it as it is.
pub fn update(
    conn: &mut DbConnection,
    id: &str,
    mut input: ResourceInput,
) -> StoreResult<Resource> {
    let current = find(conn, id)?;
    let category = input.validate().map_err(StoreError::Invalid)?;
    diesel::update(resources::table.find(id))
        .set(&ResourceChanges {
            name: &input.name,
            category: category.as_str(),
            contact: input.contact.as_deref(),
            address: input.address.as_deref(),
            notes: input.notes.as_deref(),
            active: input.active.unwrap_or(current.active),
            updated_at: now(),
        })
        .execute(conn)?;
    find(conn, id)
}
