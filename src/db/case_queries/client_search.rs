//! Finding clients before a new case, and the choices of the new-case form.
//!
//! Clients have no organisation of their own; a client is "known to" an agency
//! when one of its staff registered them or the agency has served them. Searches
//! and duplicate warnings stay within the agency, so that one agency's staff
//! cannot look through another's clients, and the open cases shown beside a
//! client are only those the searcher may read ([`CaseScope`]).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{CaseScope, like_pattern, lower};
use crate::db::clients::Client;
use crate::db::schema::{cases, clients, organisations, teams, users};
use crate::db::{DbConnection, StoreResult};
use crate::domain::vocab::{CaseStage, OrganisationKind, Role};

/// An open case of a client found by a search.
#[derive(Debug, Clone, Queryable)]
pub struct OpenCaseOfClient {
    /// The client.
    pub client_id: String,
    /// The case.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Case type code.
    pub case_type: String,
    /// Stage code.
    pub stage: String,
    /// Opened.
    pub opened_at: NaiveDateTime,
}

/// A client found by a search, with the open cases the searcher may read.
#[derive(Debug, Clone)]
pub struct ClientMatch {
    /// The client.
    pub client: Client,
    /// Their open cases in the searcher's scope.
    pub open_cases: Vec<OpenCaseOfClient>,
}

/// The clients known to an agency, as a boxed query.
macro_rules! known_to {
    ($organisation_id:expr) => {{
        let organisation_id: &str = $organisation_id;
        let staff = users::table
            .filter(users::organisation_id.eq(organisation_id.to_owned()))
            .select(users::id);
        let served = cases::table
            .filter(cases::organisation_id.eq(organisation_id.to_owned()))
            .select(cases::client_id);
        clients::table
            .select(Client::as_select())
            .filter(
                clients::created_by
                    .eq_any(staff)
                    .or(clients::id.eq_any(served)),
            )
            .into_boxed()
    }};
}

/// Clients known to the scope's agency whose name contains `name` or whose phone
/// contains `phone` (either may be blank, not both), most recent first, with
/// their open cases.
pub fn search_clients(
    conn: &mut DbConnection,
    scope: &CaseScope,
    name: &str,
    phone: &str,
    limit: i64,
) -> StoreResult<Vec<ClientMatch>> {
    let (name, phone) = (name.trim(), phone.trim());
    if name.is_empty() && phone.is_empty() {
        return Ok(Vec::new());
    }
    let name_pattern = like_pattern(&name.to_lowercase());
    let phone_pattern = like_pattern(phone);
    let query = known_to!(&scope.organisation_id);
    let found = match (name.is_empty(), phone.is_empty()) {
        (false, true) => query.filter(lower(clients::full_name).like(name_pattern).escape('\\')),
        (true, false) => query.filter(clients::phone.like(phone_pattern).escape('\\')),
        _ => query.filter(
            lower(clients::full_name)
                .like(name_pattern)
                .escape('\\')
                .or(clients::phone.like(phone_pattern).escape('\\')),
        ),
    }
    .order((clients::created_at.desc(), clients::id.desc()))
    .limit(limit)
    .load::<Client>(conn)?;
    with_open_cases(conn, scope, found)
}

/// Clients known to the scope's agency with exactly this name or this phone: the
/// duplicate warning before a new client is registered.
pub fn possible_duplicates_in_agency(
    conn: &mut DbConnection,
    scope: &CaseScope,
    name: &str,
    phone: Option<&str>,
) -> StoreResult<Vec<ClientMatch>> {
    let name = name.trim().to_owned();
    let query = known_to!(&scope.organisation_id);
    let found = match phone.map(str::trim).filter(|p| !p.is_empty()) {
        Some(phone) => query.filter(
            clients::full_name
                .eq(name)
                .or(clients::phone.eq(phone.to_owned())),
        ),
        None => query.filter(clients::full_name.eq(name)),
    }
    .order((clients::created_at.desc(), clients::id.desc()))
    .limit(20)
    .load::<Client>(conn)?;
    with_open_cases(conn, scope, found)
}

/// A client, if known to the scope's agency.
pub fn client_known_to_agency(
    conn: &mut DbConnection,
    scope: &CaseScope,
    client_id: &str,
) -> StoreResult<Option<ClientMatch>> {
    let found = known_to!(&scope.organisation_id)
        .filter(clients::id.eq(client_id.to_owned()))
        .load::<Client>(conn)?;
    Ok(with_open_cases(conn, scope, found)?.into_iter().next())
}

/// Adds each client's open cases in scope: one query for all of them.
fn with_open_cases(
    conn: &mut DbConnection,
    scope: &CaseScope,
    found: Vec<Client>,
) -> StoreResult<Vec<ClientMatch>> {
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = found.iter().map(|c| c.id.clone()).collect();
    let query = cases::table
        .filter(cases::client_id.eq_any(ids))
        .filter(cases::stage.ne(CaseStage::Closed.as_str()))
        .select((
            cases::client_id,
            cases::id,
            cases::reference,
            cases::case_type,
            cases::stage,
            cases::opened_at,
        ))
        .into_boxed();
    let open: Vec<OpenCaseOfClient> = in_scope!(query, scope)
        .order((cases::opened_at.desc(), cases::id.desc()))
        .limit(200)
        .load(conn)?;
    Ok(found
        .into_iter()
        .map(|client| ClientMatch {
            open_cases: open
                .iter()
                .filter(|c| c.client_id == client.id)
                .cloned()
                .collect(),
            client,
        })
        .collect())
}

/// The agency's social workers and supervisors (id, name), by name; disabled
/// accounts only when `include_disabled` (old cases may still be theirs).
pub fn agency_staff(
    conn: &mut DbConnection,
    organisation_id: &str,
    include_disabled: bool,
) -> StoreResult<Vec<(String, String)>> {
    let mut query = users::table
        .filter(users::organisation_id.eq(organisation_id.to_owned()))
        .filter(users::role.eq_any([Role::SocialWorker.as_str(), Role::Supervisor.as_str()]))
        .select((users::id, users::display_name))
        .into_boxed();
    if !include_disabled {
        query = query.filter(users::disabled_at.is_null());
    }
    Ok(query
        .order((users::display_name.asc(), users::id.asc()))
        .limit(500)
        .load(conn)?)
}

/// Union organisations (id, name), by name: the choices of a client's union.
pub fn union_organisations(conn: &mut DbConnection) -> StoreResult<Vec<(String, String)>> {
    Ok(organisations::table
        .filter(organisations::kind.ne(OrganisationKind::Agency.as_str()))
        .select((organisations::id, organisations::name))
        .order((organisations::name.asc(), organisations::id.asc()))
        .limit(500)
        .load(conn)?)
}

/// The named teams among `team_ids` that belong to the agency (id, name), by name.
pub fn agency_teams(
    conn: &mut DbConnection,
    organisation_id: &str,
    team_ids: &[String],
) -> StoreResult<Vec<(String, String)>> {
    Ok(teams::table
        .filter(teams::organisation_id.eq(organisation_id.to_owned()))
        .filter(teams::id.eq_any(team_ids))
        .select((teams::id, teams::name))
        .order((teams::name.asc(), teams::id.asc()))
        .load(conn)?)
}
