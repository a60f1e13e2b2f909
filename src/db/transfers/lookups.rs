//! Who and where a case may go: the staff of an agency, its teams and
//! supervisors, the agencies themselves, and names for showing them.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{organisations, team_members, teams, users};
use crate::db::{DbConnection, StoreResult};
use crate::domain::vocab::{OrganisationKind, Role};

/// A member of staff who may hold cases.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct StaffMember {
    /// User id.
    pub id: String,
    /// Name.
    pub display_name: String,
    /// `social_worker` or `supervisor`.
    pub role: String,
}

/// The active social workers and supervisors of an agency, by name.
pub fn case_workers(
    conn: &mut DbConnection,
    organisation_id: &str,
) -> StoreResult<Vec<StaffMember>> {
    Ok(users::table
        .filter(users::organisation_id.eq(organisation_id))
        .filter(users::disabled_at.is_null())
        .filter(users::role.eq_any([Role::SocialWorker.as_str(), Role::Supervisor.as_str()]))
        .order((users::display_name, users::id))
        .select((users::id, users::display_name, users::role))
        .load(conn)?)
}

/// The active members of some teams who may hold cases, with their team.
pub fn team_workers(
    conn: &mut DbConnection,
    team_ids: &[String],
) -> StoreResult<Vec<(StaffMember, String)>> {
    let rows: Vec<(String, String, String, String)> = team_members::table
        .inner_join(users::table)
        .filter(team_members::team_id.eq_any(team_ids))
        .filter(users::disabled_at.is_null())
        .filter(users::role.eq_any([Role::SocialWorker.as_str(), Role::Supervisor.as_str()]))
        .order((users::display_name, users::id))
        .select((
            users::id,
            users::display_name,
            users::role,
            team_members::team_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, role, team)| {
            (
                StaffMember {
                    id,
                    display_name,
                    role,
                },
                team,
            )
        })
        .collect())
}

pub(super) fn is_active_case_worker(
    conn: &mut DbConnection,
    user_id: &str,
    organisation_id: &str,
) -> StoreResult<bool> {
    let n: i64 = users::table
        .filter(users::id.eq(user_id))
        .filter(users::organisation_id.eq(organisation_id))
        .filter(users::disabled_at.is_null())
        .filter(users::role.eq_any([Role::SocialWorker.as_str(), Role::Supervisor.as_str()]))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The active supervisors of an agency: who decides a transfer that names no worker.
pub fn agency_supervisors(
    conn: &mut DbConnection,
    organisation_id: &str,
) -> StoreResult<Vec<String>> {
    Ok(users::table
        .filter(users::organisation_id.eq(organisation_id))
        .filter(users::disabled_at.is_null())
        .filter(users::role.eq(Role::Supervisor.as_str()))
        .select(users::id)
        .load(conn)?)
}

/// The service agencies a case may be transferred to, by name.
pub fn agencies(conn: &mut DbConnection) -> StoreResult<Vec<(String, String)>> {
    Ok(organisations::table
        .filter(organisations::kind.eq(OrganisationKind::Agency.as_str()))
        .order((organisations::name, organisations::id))
        .select((organisations::id, organisations::name))
        .load(conn)?)
}

pub(super) fn is_agency(conn: &mut DbConnection, organisation_id: &str) -> StoreResult<bool> {
    let n: i64 = organisations::table
        .filter(organisations::id.eq(organisation_id))
        .filter(organisations::kind.eq(OrganisationKind::Agency.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// A user's teams within an agency, by name.
pub(super) fn teams_in(
    conn: &mut DbConnection,
    user_id: &str,
    organisation_id: &str,
) -> StoreResult<Vec<String>> {
    Ok(team_members::table
        .inner_join(teams::table)
        .filter(team_members::user_id.eq(user_id))
        .filter(teams::organisation_id.eq(organisation_id))
        .order((teams::name, teams::id))
        .select(teams::id)
        .load(conn)?)
}

pub(super) fn agency_teams(
    conn: &mut DbConnection,
    organisation_id: &str,
) -> StoreResult<Vec<String>> {
    Ok(teams::table
        .filter(teams::organisation_id.eq(organisation_id))
        .select(teams::id)
        .load(conn)?)
}

/// Names of organisations, by id.
pub fn organisation_names(
    conn: &mut DbConnection,
    ids: &[String],
) -> StoreResult<HashMap<String, String>> {
    Ok(organisations::table
        .filter(organisations::id.eq_any(ids))
        .select((organisations::id, organisations::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// Names of teams, by id.
pub fn team_names(conn: &mut DbConnection, ids: &[String]) -> StoreResult<HashMap<String, String>> {
    Ok(teams::table
        .filter(teams::id.eq_any(ids))
        .select((teams::id, teams::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}
