//! Handing a case to another worker or agency, and a supervisor's direct
//! reassignment within their teams.
//!
//! A transfer is asked for (with a reason) by those who may change the case and
//! waits, at most one per case (the partial unique index
//! `case_transfers_one_pending`), until the receiving side accepts or declines
//! it, or the requesting side withdraws it. Accepting moves the case (agency,
//! team, worker) and bumps its version in one transaction; of two people
//! accepting at once exactly one wins, because the transfer is closed with an
//! update that only matches while it is pending. Direct reassignments are
//! stored in the same table (kind `reassignment`), so the history of who held a
//! case lives in one place and stays with the case wherever it goes.
//!
//! Unlike the record saves, these functions check access themselves (through
//! `crate::access`) and write their own audit rows and notifications, so that
//! every screen that offers them (the case page, `/transfers`, a supervisor's
//! team screen) gets the same rules by calling one function inside
//! `Db::write`. A refusal is returned as `NotFound` or `Forbidden`, for the
//! caller to audit after the rollback (`web::cases::audited_refusal`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::audit::{self, AuditAction, Outcome};
use super::cases::{Case, claim_version, find_case};
use super::notifications::{NotificationKind, notify};
use super::records::begin_edit;
use super::schema::{case_transfers, cases};
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::access::{
    Decision, Principal, TransferReceiver, may_decide_transfer, may_reassign, may_request_transfer,
};
use crate::domain::editing::Section;
use crate::domain::transfer::{
    ReassignInput, TransferAcceptInput, TransferKind, TransferNoteInput, TransferRequestInput,
    TransferStatus, team_on_accept, team_on_reassign,
};
use crate::domain::validation::{Errors, FieldError, Problem};

mod lists;
mod lookups;

pub use self::lists::{
    IncomingTransfer, OUTGOING_LIMIT, OutgoingTransfer, TransferEntry, history, incoming, outgoing,
};
pub use self::lookups::{
    StaffMember, agencies, agency_supervisors, case_workers, organisation_names, team_names,
    team_workers,
};
use self::lookups::{agency_teams, is_active_case_worker, is_agency, teams_in};

/// One stored transfer or reassignment.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = case_transfers)]
pub struct Transfer {
    /// Id.
    pub id: String,
    /// The case.
    pub case_id: String,
    /// The agency that held the case.
    pub from_organisation_id: String,
    /// The worker who held it.
    pub from_worker_id: Option<String>,
    /// The receiving agency (the same one for a transfer within it).
    pub to_organisation_id: String,
    /// The receiving worker; none when the agency's supervisors decide.
    pub to_worker_id: Option<String>,
    /// Why.
    pub reason: String,
    /// A `TransferStatus` code.
    pub status: String,
    /// Who asked.
    pub requested_by: String,
    /// When.
    pub requested_at: NaiveDateTime,
    /// Who accepted, declined or withdrew it.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<NaiveDateTime>,
    /// Their note.
    pub decision_note: Option<String>,
    /// A `TransferKind` code.
    pub kind: String,
}

impl Transfer {
    fn receiver(&self) -> TransferReceiver<'_> {
        TransferReceiver {
            organisation_id: &self.to_organisation_id,
            worker_id: self.to_worker_id.as_deref(),
        }
    }

    fn is_pending(&self) -> bool {
        self.status == TransferStatus::Pending.as_str()
    }
}
fn allow(decision: Decision) -> StoreResult<()> {
    match decision {
        Decision::Allow => Ok(()),
        Decision::Forbid => Err(StoreError::Forbidden),
        Decision::Hide => Err(StoreError::NotFound),
    }
}

fn field_error(field: &str, problem: Problem) -> StoreError {
    StoreError::Invalid(vec![FieldError {
        field: field.to_owned(),
        problem,
    }])
}

fn audit_transfer(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    detail: String,
) -> StoreResult<()> {
    audit::record(
        conn,
        audit::Entry {
            actor_id: Some(&who.user_id),
            action: AuditAction::CaseTransfer,
            outcome: Outcome::Allowed,
            record_type: Some("case"),
            record_id: Some(case_id),
            case_id: Some(case_id),
            client_address: &who.client_address,
            detail: Some(detail),
        },
        who.at,
    )
}
/// Finds a transfer by id (no access check: callers decide what to show).
pub fn find(conn: &mut DbConnection, id: &str) -> StoreResult<Transfer> {
    case_transfers::table
        .find(id)
        .select(Transfer::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// The transfer of a case that waits for an answer, if any.
pub fn pending_for_case(conn: &mut DbConnection, case_id: &str) -> StoreResult<Option<Transfer>> {
    Ok(case_transfers::table
        .filter(case_transfers::case_id.eq(case_id))
        .filter(case_transfers::status.eq(TransferStatus::Pending.as_str()))
        .select(Transfer::as_select())
        .first(conn)
        .optional()?)
}

/// Inserts a transfer; the one-pending-per-case index speaks as a 409.
fn insert(conn: &mut DbConnection, transfer: &Transfer) -> StoreResult<()> {
    match diesel::insert_into(case_transfers::table)
        .values(transfer)
        .execute(conn)
    {
        Ok(_) => Ok(()),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Err(StoreError::StateConflict("transfer_pending")),
        Err(e) => Err(e.into()),
    }
}

/// Closes a pending transfer with a decision. Zero rows means someone else
/// decided it first (on PostgreSQL the second writer waits for the first's
/// commit and then finds it no longer pending).
fn close(
    conn: &mut DbConnection,
    transfer_id: &str,
    status: TransferStatus,
    who: &Principal,
    note: Option<String>,
) -> StoreResult<()> {
    let updated = diesel::update(
        case_transfers::table
            .filter(case_transfers::id.eq(transfer_id))
            .filter(case_transfers::status.eq(TransferStatus::Pending.as_str())),
    )
    .set((
        case_transfers::status.eq(status.as_str()),
        case_transfers::decided_by.eq(Some(&who.user_id)),
        case_transfers::decided_at.eq(Some(now())),
        case_transfers::decision_note.eq(note),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Err(StoreError::StateConflict("transfer_decided"));
    }
    Ok(())
}

/// Asks for `case_id` to be transferred: to a worker of its own agency, or to
/// another agency (optionally to a named worker there). Claims the case's
/// version; refuses a second open transfer with `transfer_pending`.
pub fn request(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    version: i64,
    mut input: TransferRequestInput,
) -> StoreResult<(Case, Transfer)> {
    let case = find_case(conn, case_id)?;
    allow(may_request_transfer(who, &case))?;
    input.validate().map_err(StoreError::Invalid)?;
    let to_org = input
        .to_organisation_id
        .clone()
        .unwrap_or_else(|| case.organisation_id.clone());
    let same_agency = to_org == case.organisation_id;
    let mut e = Errors::default();
    let agency_ok = same_agency || is_agency(conn, &to_org)?;
    if !agency_ok {
        e.unknown("transfer.to_organisation_id");
    }
    match &input.to_worker_id {
        Some(worker) => {
            let holds_it = case.assigned_worker_id.as_deref() == Some(worker.as_str());
            if holds_it || !is_active_case_worker(conn, worker, &to_org)? {
                e.unknown("transfer.to_worker_id");
            }
        }
        None if same_agency => e.problem("transfer.to_worker_id", Problem::Required),
        // Nobody could accept it.
        None if agency_ok && agency_supervisors(conn, &to_org)?.is_empty() => {
            e.unknown("transfer.to_organisation_id")
        }
        None => {}
    }
    e.finish().map_err(StoreError::Invalid)?;
    let case = begin_edit(conn, case_id, version, Section::Assignment)?;
    if pending_for_case(conn, case_id)?.is_some() {
        return Err(StoreError::StateConflict("transfer_pending"));
    }
    let transfer = Transfer {
        id: new_id(),
        case_id: case_id.to_owned(),
        from_organisation_id: case.organisation_id.clone(),
        from_worker_id: case.assigned_worker_id.clone(),
        to_organisation_id: to_org,
        to_worker_id: input.to_worker_id,
        reason: input.reason,
        status: TransferStatus::Pending.as_str().to_owned(),
        requested_by: who.user_id.clone(),
        requested_at: now(),
        decided_by: None,
        decided_at: None,
        decision_note: None,
        kind: TransferKind::Transfer.as_str().to_owned(),
    };
    insert(conn, &transfer)?;
    let receivers = match &transfer.to_worker_id {
        Some(worker) => vec![worker.clone()],
        None => agency_supervisors(conn, &transfer.to_organisation_id)?,
    };
    notify(
        conn,
        &receivers,
        NotificationKind::TransferRequested,
        &case.reference,
        "/transfers",
    )?;
    audit_transfer(conn, who, case_id, format!("request {}", transfer.id))?;
    Ok((case, transfer))
}

/// Withdraws the open transfer of a case (those who may ask may withdraw).
/// Claims the case's version; `transfer_not_pending` when there is none.
pub fn cancel(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    version: i64,
    mut input: TransferNoteInput,
) -> StoreResult<(Case, Transfer)> {
    let case = find_case(conn, case_id)?;
    allow(may_request_transfer(who, &case))?;
    input.validate(false).map_err(StoreError::Invalid)?;
    // Not `begin_edit`: a transfer left open when the case closed can still be withdrawn.
    let case = claim_version(conn, case_id, version)?;
    let pending = pending_for_case(conn, case_id)?
        .ok_or(StoreError::StateConflict("transfer_not_pending"))?;
    close(
        conn,
        &pending.id,
        TransferStatus::Cancelled,
        who,
        input.note,
    )?;
    audit_transfer(conn, who, case_id, format!("cancel {}", pending.id))?;
    Ok((case, find(conn, &pending.id)?))
}

/// Accepts a transfer: the case moves to the receiving agency, team and worker,
/// its version is bumped, the transfer is closed, the requesting side is told.
/// For a transfer that names no worker, the accepting supervisor may name one of
/// their agency's workers (default: themselves).
pub fn accept(
    conn: &mut DbConnection,
    who: &Principal,
    transfer_id: &str,
    mut input: TransferAcceptInput,
) -> StoreResult<(Case, Transfer)> {
    let transfer = find(conn, transfer_id)?;
    allow(may_decide_transfer(who, transfer.receiver()))?;
    if !transfer.is_pending() {
        return Err(StoreError::StateConflict("transfer_decided"));
    }
    input.validate().map_err(StoreError::Invalid)?;
    let case = find_case(conn, &transfer.case_id)?;
    crate::domain::editing::may_edit(case.stage()?, Section::Assignment)
        .map_err(StoreError::EditRefused)?;
    let to_org = transfer.to_organisation_id.clone();
    let owner = match (&transfer.to_worker_id, input.worker_id.take()) {
        (Some(named), None) => named.clone(),
        (Some(named), Some(given)) if *named == given => given,
        (Some(_), Some(_)) => return Err(field_error("transfer.worker_id", Problem::Unknown)),
        (None, Some(given)) => {
            if !is_active_case_worker(conn, &given, &to_org)? {
                return Err(field_error("transfer.worker_id", Problem::Unknown));
            }
            given
        }
        (None, None) => who.user_id.clone(),
    };
    let same_agency = to_org == case.organisation_id;
    let team = team_on_accept(
        input.team_id.as_deref(),
        case.team_id.as_deref(),
        same_agency,
        &teams_in(conn, &owner, &to_org)?,
        &agency_teams(conn, &to_org)?,
    )
    .map_err(|e| StoreError::Invalid(vec![e]))?;
    close(conn, transfer_id, TransferStatus::Accepted, who, input.note)?;
    diesel::update(cases::table.find(&case.id))
        .set((
            cases::organisation_id.eq(&to_org),
            cases::team_id.eq(&team),
            cases::assigned_worker_id.eq(Some(&owner)),
            cases::version.eq(cases::version + 1),
            cases::updated_at.eq(now()),
        ))
        .execute(conn)?;
    let moved = find_case(conn, &case.id)?;
    let link = if same_agency {
        format!("/cases/{}", case.id)
    } else {
        "/transfers".to_owned()
    };
    let told: Vec<String> = [
        Some(transfer.requested_by.clone()),
        transfer.from_worker_id.clone(),
    ]
    .into_iter()
    .flatten()
    .filter(|u| *u != who.user_id)
    .collect();
    notify(
        conn,
        &told,
        NotificationKind::TransferAccepted,
        &case.reference,
        &link,
    )?;
    if owner != who.user_id {
        notify(
            conn,
            std::slice::from_ref(&owner),
            NotificationKind::CaseAssigned,
            &case.reference,
            &format!("/cases/{}", case.id),
        )?;
    }
    audit_transfer(conn, who, &case.id, format!("accept {transfer_id}"))?;
    Ok((moved, find(conn, transfer_id)?))
}

/// Declines a transfer with a note; the case stays where it is.
pub fn decline(
    conn: &mut DbConnection,
    who: &Principal,
    transfer_id: &str,
    mut input: TransferNoteInput,
) -> StoreResult<Transfer> {
    let transfer = find(conn, transfer_id)?;
    allow(may_decide_transfer(who, transfer.receiver()))?;
    if !transfer.is_pending() {
        return Err(StoreError::StateConflict("transfer_decided"));
    }
    input.validate(true).map_err(StoreError::Invalid)?;
    close(conn, transfer_id, TransferStatus::Declined, who, input.note)?;
    let reference: String = cases::table
        .find(&transfer.case_id)
        .select(cases::reference)
        .first(conn)?;
    notify(
        conn,
        std::slice::from_ref(&transfer.requested_by),
        NotificationKind::TransferDeclined,
        &reference,
        &format!("/cases/{}", transfer.case_id),
    )?;
    audit_transfer(
        conn,
        who,
        &transfer.case_id,
        format!("decline {transfer_id}"),
    )?;
    find(conn, transfer_id)
}

/// A supervisor's direct reassignment of a case to another worker within their
/// teams, effective at once: claims the case's version, moves the case to the
/// worker (and to the team `team_on_reassign` picks), records the hand-over as
/// an accepted transfer of kind `reassignment`, tells the new worker
/// (`CaseAssigned`) and writes the audit row. Refused while a transfer is open
/// (`transfer_pending`): withdraw it first.
///
/// Call inside `Db::write`; access is checked here (`access::may_reassign`:
/// `NotFound` outside the supervisor's scope, `Forbidden` for the case's
/// worker and teammates).
pub fn reassign(
    conn: &mut DbConnection,
    who: &Principal,
    case_id: &str,
    version: i64,
    mut input: ReassignInput,
) -> StoreResult<(Case, Transfer)> {
    let case = find_case(conn, case_id)?;
    allow(may_reassign(who, &case))?;
    input.validate().map_err(StoreError::Invalid)?;
    let worker = input.worker_id.clone();
    let holds_it = case.assigned_worker_id.as_deref() == Some(worker.as_str());
    if holds_it || !is_active_case_worker(conn, &worker, &case.organisation_id)? {
        return Err(field_error("transfer.worker_id", Problem::Unknown));
    }
    let team = team_on_reassign(
        input.team_id.as_deref(),
        case.team_id.as_deref(),
        &who.team_ids,
        &teams_in(conn, &worker, &case.organisation_id)?,
    )
    .map_err(|e| StoreError::Invalid(vec![e]))?;
    let case = begin_edit(conn, case_id, version, Section::Assignment)?;
    if pending_for_case(conn, case_id)?.is_some() {
        return Err(StoreError::StateConflict("transfer_pending"));
    }
    diesel::update(cases::table.find(case_id))
        .set((
            cases::team_id.eq(Some(&team)),
            cases::assigned_worker_id.eq(Some(&worker)),
        ))
        .execute(conn)?;
    let at = now();
    let transfer = Transfer {
        id: new_id(),
        case_id: case_id.to_owned(),
        from_organisation_id: case.organisation_id.clone(),
        from_worker_id: case.assigned_worker_id.clone(),
        to_organisation_id: case.organisation_id.clone(),
        to_worker_id: Some(worker.clone()),
        reason: input.reason,
        status: TransferStatus::Accepted.as_str().to_owned(),
        requested_by: who.user_id.clone(),
        requested_at: at,
        decided_by: Some(who.user_id.clone()),
        decided_at: Some(at),
        decision_note: None,
        kind: TransferKind::Reassignment.as_str().to_owned(),
    };
    insert(conn, &transfer)?;
    if worker != who.user_id {
        notify(
            conn,
            &[worker],
            NotificationKind::CaseAssigned,
            &case.reference,
            &format!("/cases/{case_id}"),
        )?;
    }
    audit_transfer(conn, who, case_id, format!("reassign {}", transfer.id))?;
    Ok((find_case(conn, case_id)?, transfer))
}
