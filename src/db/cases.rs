//! Cases: opening one, finding it, and claiming its version before a change.

use chrono::{Datelike, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{case_reference_counters, cases, users};
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::domain::reference::CaseReference;
use crate::domain::validation::{Errors, NewCaseInput};
use crate::domain::vocab::{CaseStage, CaseType, Role};

/// A stored case (the stage records live in their own tables).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = cases)]
pub struct Case {
    /// Id.
    pub id: String,
    /// Human-readable reference, e.g. `CW-2026-000123`.
    pub reference: String,
    /// Case type code.
    pub case_type: String,
    /// The client.
    pub client_id: String,
    /// The serving agency.
    pub organisation_id: String,
    /// The agency team.
    pub team_id: Option<String>,
    /// The assigned social worker.
    pub assigned_worker_id: Option<String>,
    /// Stage code.
    pub stage: String,
    /// Current risk level code, copied from the assessment.
    pub risk_level: Option<String>,
    /// Optimistic-concurrency version; every change bumps it.
    pub version: i64,
    /// Who opened the case.
    pub created_by: String,
    /// When it was opened.
    pub opened_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// When it was closed, while closed.
    pub closed_at: Option<NaiveDateTime>,
}

impl Case {
    /// The stage as the domain knows it.
    pub fn stage(&self) -> StoreResult<CaseStage> {
        self.stage.parse().map_err(|e| corrupt(&e))
    }

    /// The case type as the domain knows it.
    pub fn case_type(&self) -> StoreResult<CaseType> {
        self.case_type.parse().map_err(|e| corrupt(&e))
    }
}

/// A stored value the CHECK constraints should have made impossible.
fn corrupt(e: &dyn std::fmt::Display) -> StoreError {
    StoreError::Database(diesel::result::Error::DeserializationError(
        e.to_string().into(),
    ))
}

/// Hands out the next reference number for a year; call inside a write transaction.
fn next_reference(conn: &mut DbConnection, year: i32) -> StoreResult<CaseReference> {
    use case_reference_counters::dsl as c;
    for _ in 0..2 {
        let updated = diesel::update(c::case_reference_counters.filter(c::year.eq(year)))
            .set(c::last_number.eq(c::last_number + 1))
            .execute(conn)?;
        if updated == 1 {
            let number = c::case_reference_counters
                .find(year)
                .select(c::last_number)
                .first(conn)?;
            return Ok(CaseReference { year, number });
        }
        // First case of the year. A savepoint keeps the transaction usable if another
        // instance inserted the same year first; then the update above wins next time.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(c::case_reference_counters)
                .values((c::year.eq(year), c::last_number.eq(1_i64)))
                .execute(conn)
        });
        match inserted {
            Ok(_) => return Ok(CaseReference { year, number: 1 }),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Unavailable(
        "could not allocate a case reference".into(),
    ))
}

/// Opens a case at intake. Call inside a write transaction.
pub fn open_case(
    conn: &mut DbConnection,
    input: NewCaseInput,
    actor_id: &str,
) -> StoreResult<Case> {
    let mut errors = Errors::default();
    if super::clients::find_client(conn, &input.client_id).is_err() {
        errors.unknown("case.client_id");
    }
    if !super::organisations::organisation_exists(conn, &input.organisation_id)? {
        errors.unknown("case.organisation_id");
    }
    if let Some(team) = &input.team_id
        && !super::organisations::team_in_organisation(conn, team, &input.organisation_id)?
    {
        errors.unknown("case.team_id");
    }
    if let Some(worker) = &input.assigned_worker_id
        && !is_case_worker_of(conn, worker, &input.organisation_id)?
    {
        errors.unknown("case.assigned_worker_id");
    }
    errors.finish().map_err(StoreError::Invalid)?;

    let at = now();
    let reference = next_reference(conn, at.year())?;
    let case = Case {
        id: new_id(),
        reference: reference.to_string(),
        case_type: input.case_type.as_str().to_owned(),
        client_id: input.client_id,
        organisation_id: input.organisation_id,
        team_id: input.team_id,
        assigned_worker_id: input.assigned_worker_id,
        stage: CaseStage::Intake.as_str().to_owned(),
        risk_level: None,
        version: 1,
        created_by: actor_id.to_owned(),
        opened_at: at,
        updated_at: at,
        closed_at: None,
    };
    diesel::insert_into(cases::table)
        .values(&case)
        .execute(conn)?;
    Ok(case)
}

/// Whether a user can be assigned cases of this agency.
fn is_case_worker_of(
    conn: &mut DbConnection,
    user_id: &str,
    organisation_id: &str,
) -> StoreResult<bool> {
    let n: i64 = users::table
        .filter(users::id.eq(user_id))
        .filter(users::organisation_id.eq(organisation_id))
        .filter(users::role.eq_any([Role::SocialWorker.as_str(), Role::Supervisor.as_str()]))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Finds a case by id.
pub fn find_case(conn: &mut DbConnection, id: &str) -> StoreResult<Case> {
    cases::table
        .find(id)
        .select(Case::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Claims the next version of a case before changing it.
///
/// The update only matches the version the caller read, so of two concurrent
/// edits exactly one succeeds; the other gets [`StoreError::Conflict`] with the
/// current version and nothing is written. On PostgreSQL the update also locks the
/// row until the transaction ends. Returns the case as of the new version.
pub fn claim_version(conn: &mut DbConnection, case_id: &str, expected: i64) -> StoreResult<Case> {
    let updated = diesel::update(
        cases::table
            .filter(cases::id.eq(case_id))
            .filter(cases::version.eq(expected)),
    )
    .set((
        cases::version.eq(cases::version + 1),
        cases::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if updated == 0 {
        let current = find_case(conn, case_id)?;
        return Err(StoreError::Conflict {
            current: current.version,
        });
    }
    find_case(conn, case_id)
}

/// One row of a case list.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct CaseListRow {
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Case type code.
    pub case_type: String,
    /// Stage code.
    pub stage: String,
    /// Risk level code.
    pub risk_level: Option<String>,
    /// The client's name.
    pub client_name: String,
    /// The assigned worker.
    pub assigned_worker_id: Option<String>,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

/// Filters of a case list; all optional.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    /// Only this stage.
    pub stage: Option<CaseStage>,
    /// Only this type.
    pub case_type: Option<CaseType>,
    /// Only cases assigned to this worker.
    pub assigned_worker_id: Option<String>,
    /// Scope: cases of these teams ...
    pub team_ids: Vec<String>,
    /// ... and the agency's cases without a team (supervisors) ...
    pub include_unteamed: bool,
    /// ... and cases assigned to this user.
    pub viewer_id: String,
}

/// Most rows one list request returns.
pub const MAX_LIST: i64 = 100;

/// The most recently changed cases of an agency matching the filter.
pub fn list_cases(
    conn: &mut DbConnection,
    organisation_id: &str,
    filter: &CaseFilter,
    limit: i64,
) -> StoreResult<Vec<CaseListRow>> {
    use super::schema::clients;
    let mut query = cases::table
        .inner_join(clients::table)
        .filter(cases::organisation_id.eq(organisation_id.to_owned()))
        .into_boxed();
    let in_teams = cases::team_id
        .eq_any(filter.team_ids.clone())
        .or(cases::assigned_worker_id.eq(filter.viewer_id.clone()));
    query = if filter.include_unteamed {
        query.filter(in_teams.or(cases::team_id.is_null()))
    } else {
        query.filter(in_teams)
    };
    if let Some(stage) = filter.stage {
        query = query.filter(cases::stage.eq(stage.as_str()));
    }
    if let Some(case_type) = filter.case_type {
        query = query.filter(cases::case_type.eq(case_type.as_str()));
    }
    if let Some(worker) = &filter.assigned_worker_id {
        query = query.filter(cases::assigned_worker_id.eq(worker.clone()));
    }
    Ok(query
        .select((
            cases::id,
            cases::reference,
            cases::case_type,
            cases::stage,
            cases::risk_level,
            clients::full_name,
            cases::assigned_worker_id,
            cases::updated_at,
            cases::version,
        ))
        .order((cases::updated_at.desc(), cases::id.desc()))
        .limit(limit.clamp(1, MAX_LIST))
        .load(conn)?)
}
