//! Reassigning a case to another social worker, and the log of who held it.
//!
//! A reassignment is a change to the case: it claims the case's version (a stale
//! form is refused with 409), is refused on a closed case (through
//! `domain::editing`, as any edit), and is logged in `case_assignments`
//! (append-only) in the same transaction as the change. The case keeps all its
//! records and history; only the assigned worker changes.
//!
//! It follows the same rules as the transfers' direct reassignment
//! (`db::transfers::reassign`): refused while a transfer waits for an answer
//! (`transfer_pending`), and the new worker is told (`CaseAssigned`) unless they
//! made the change themselves.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::cases::{Case, claim_version};
use crate::db::notifications::{NotificationKind, notify};
use crate::db::schema::{case_assignments, cases, team_members, users};
use crate::db::{DbConnection, StoreError, StoreResult, new_id};
use crate::domain::editing::{Section, may_edit};
use crate::domain::validation::{Errors, SHORT_TEXT, clean};
use crate::domain::vocab::Role;

/// One reassignment.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = case_assignments)]
pub struct Assignment {
    /// Id.
    pub id: String,
    /// The case.
    pub case_id: String,
    /// Who held it before (none: nobody had taken it).
    pub from_worker_id: Option<String>,
    /// Who holds it now.
    pub to_worker_id: String,
    /// The supervisor who reassigned it.
    pub assigned_by: String,
    /// Why, in their words.
    pub reason: Option<String>,
    /// When (UTC).
    pub assigned_at: NaiveDateTime,
}

/// A reassignment as sent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reassign {
    /// The social worker to take the case.
    pub worker_id: String,
    /// Why (optional: on leave, caseload, expertise ...).
    pub reason: Option<String>,
}

/// The social workers who may take a case of `team_id` (of the agency, when the
/// case has no team): active accounts, by name.
pub fn eligible_workers(
    conn: &mut DbConnection,
    organisation_id: &str,
    team_id: Option<&str>,
) -> StoreResult<Vec<(String, String)>> {
    let mut query = users::table
        .filter(users::organisation_id.eq(organisation_id.to_owned()))
        .filter(users::role.eq(Role::SocialWorker.as_str()))
        .filter(users::disabled_at.is_null())
        .select((users::id, users::display_name))
        .into_boxed();
    if let Some(team) = team_id {
        let members = team_members::table
            .filter(team_members::team_id.eq(team.to_owned()))
            .select(team_members::user_id);
        query = query.filter(users::id.eq_any(members));
    }
    Ok(query
        .order((users::display_name.asc(), users::id.asc()))
        .limit(500)
        .load(conn)?)
}

/// Gives the case to another social worker of its team. Call inside a write
/// transaction, after access was checked (`CaseAction::Reassign`).
pub fn reassign(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    input: Reassign,
    by: &str,
    at: NaiveDateTime,
) -> StoreResult<(Case, Assignment)> {
    let reason = clean(input.reason);
    let mut errors = Errors::default();
    errors.text("assignment.reason", &reason, SHORT_TEXT * 10);
    let case = claim_version(conn, case_id, version)?;
    may_edit(case.stage()?, Section::Assignment).map_err(StoreError::EditRefused)?;
    let eligible = eligible_workers(conn, &case.organisation_id, case.team_id.as_deref())?;
    let to = input.worker_id.trim().to_owned();
    if !eligible.iter().any(|(id, _)| *id == to)
        || case.assigned_worker_id.as_deref() == Some(to.as_str())
    {
        errors.unknown("assignment.worker_id");
    }
    errors.finish().map_err(StoreError::Invalid)?;
    if crate::db::transfers::pending_for_case(conn, case_id)?.is_some() {
        return Err(StoreError::StateConflict("transfer_pending"));
    }
    diesel::update(cases::table.find(case_id))
        .set((cases::assigned_worker_id.eq(&to), cases::updated_at.eq(at)))
        .execute(conn)?;
    let entry = Assignment {
        id: new_id(),
        case_id: case_id.to_owned(),
        from_worker_id: case.assigned_worker_id.clone(),
        to_worker_id: to.clone(),
        assigned_by: by.to_owned(),
        reason,
        assigned_at: at,
    };
    diesel::insert_into(case_assignments::table)
        .values(&entry)
        .execute(conn)?;
    if to != by {
        notify(
            conn,
            std::slice::from_ref(&to),
            NotificationKind::CaseAssigned,
            &case.reference,
            &format!("/cases/{case_id}"),
        )?;
    }
    let mut case = case;
    case.assigned_worker_id = Some(to);
    case.updated_at = at;
    Ok((case, entry))
}

/// A case's reassignments, oldest first.
pub fn assignments_of(conn: &mut DbConnection, case_id: &str) -> StoreResult<Vec<Assignment>> {
    Ok(case_assignments::table
        .filter(case_assignments::case_id.eq(case_id))
        .order((
            case_assignments::assigned_at.asc(),
            case_assignments::id.asc(),
        ))
        .select(Assignment::as_select())
        .load(conn)?)
}
