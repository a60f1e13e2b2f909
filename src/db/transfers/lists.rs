//! Transfers as lists: a case's history, what waits for a receiver, what a
//! requester asked for.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::lookups::organisation_names;
use super::{Transfer, TransferKind, TransferStatus};
use crate::access::{Decision, Principal, may_decide_transfer};
use crate::db::schema::{case_transfers, cases, clients};
use crate::db::{DbConnection, StoreResult};

/// A transfer with the names of its agencies, for the case's history.
#[derive(Debug, Clone, Serialize)]
pub struct TransferEntry {
    /// The transfer.
    #[serde(flatten)]
    pub transfer: Transfer,
    /// The agency that held the case.
    pub from_organisation_name: String,
    /// The receiving agency.
    pub to_organisation_name: String,
}

/// Every transfer and reassignment of a case, oldest first.
pub fn history(conn: &mut DbConnection, case_id: &str) -> StoreResult<Vec<TransferEntry>> {
    let rows: Vec<Transfer> = case_transfers::table
        .filter(case_transfers::case_id.eq(case_id))
        .order((case_transfers::requested_at, case_transfers::id))
        .select(Transfer::as_select())
        .load(conn)?;
    let mut ids: Vec<String> = rows
        .iter()
        .flat_map(|t| [t.from_organisation_id.clone(), t.to_organisation_id.clone()])
        .collect();
    ids.sort();
    ids.dedup();
    let names = organisation_names(conn, &ids)?;
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|t| TransferEntry {
            from_organisation_name: name(&t.from_organisation_id),
            to_organisation_name: name(&t.to_organisation_id),
            transfer: t,
        })
        .collect())
}

/// What the receiving side sees of a transfer before accepting it: the case's
/// reference, type and stage, the client's name, the reason and who asked.
/// Never the case's records.
#[derive(Debug, Clone, Serialize)]
pub struct IncomingTransfer {
    /// Transfer id.
    pub id: String,
    /// The case (opened only after accepting).
    pub case_id: String,
    /// Its reference.
    pub case_reference: String,
    /// Its type code.
    pub case_type: String,
    /// Its stage code.
    pub case_stage: String,
    /// The client's name.
    pub client_name: String,
    /// Why it is handed on.
    pub reason: String,
    /// The agency that holds it.
    pub from_organisation_name: String,
    /// Who asked.
    pub requested_by_name: String,
    /// When.
    pub requested_at: NaiveDateTime,
    /// Whether it names this reader (else it is for the agency's supervisors).
    pub to_me: bool,
}

/// Open transfers `who` may decide, oldest first.
pub fn incoming(conn: &mut DbConnection, who: &Principal) -> StoreResult<Vec<IncomingTransfer>> {
    let rows: Vec<(Transfer, String, String, String, String)> = case_transfers::table
        .inner_join(cases::table.inner_join(clients::table))
        .filter(case_transfers::status.eq(TransferStatus::Pending.as_str()))
        .filter(case_transfers::to_organisation_id.eq(&who.organisation_id))
        .order((case_transfers::requested_at, case_transfers::id))
        .select((
            Transfer::as_select(),
            cases::reference,
            cases::case_type,
            cases::stage,
            clients::full_name,
        ))
        .load(conn)?;
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|(t, ..)| may_decide_transfer(who, t.receiver()) == Decision::Allow)
        .collect();
    let orgs: Vec<String> = rows
        .iter()
        .map(|(t, ..)| t.from_organisation_id.clone())
        .collect();
    let org_names = organisation_names(conn, &orgs)?;
    let users: Vec<String> = rows.iter().map(|(t, ..)| t.requested_by.clone()).collect();
    let user_names = crate::db::organisations::display_names(conn, &users)?;
    Ok(rows
        .into_iter()
        .map(
            |(t, reference, case_type, stage, client)| IncomingTransfer {
                to_me: t.to_worker_id.as_deref() == Some(who.user_id.as_str()),
                from_organisation_name: org_names
                    .get(&t.from_organisation_id)
                    .cloned()
                    .unwrap_or_default(),
                requested_by_name: user_names.get(&t.requested_by).cloned().unwrap_or_default(),
                id: t.id,
                case_id: t.case_id,
                case_reference: reference,
                case_type,
                case_stage: stage,
                client_name: client,
                reason: t.reason,
                requested_at: t.requested_at,
            },
        )
        .collect())
}

/// A transfer `who` asked for, or of a case they held, as they see it later
/// (even once the case is no longer theirs to open).
#[derive(Debug, Clone, Serialize)]
pub struct OutgoingTransfer {
    /// The transfer.
    #[serde(flatten)]
    pub transfer: Transfer,
    /// The case's reference.
    pub case_reference: String,
    /// The receiving agency.
    pub to_organisation_name: String,
    /// The receiving worker's name, if one was named.
    pub to_worker_name: Option<String>,
}

/// Most transfers listed as sent.
pub const OUTGOING_LIMIT: i64 = 50;

/// The newest transfers `who` asked for or that took a case from them.
pub fn outgoing(conn: &mut DbConnection, who: &Principal) -> StoreResult<Vec<OutgoingTransfer>> {
    let rows: Vec<(Transfer, String)> = case_transfers::table
        .inner_join(cases::table)
        .filter(case_transfers::kind.eq(TransferKind::Transfer.as_str()))
        .filter(
            case_transfers::requested_by
                .eq(&who.user_id)
                .or(case_transfers::from_worker_id.eq(&who.user_id)),
        )
        .order((
            case_transfers::requested_at.desc(),
            case_transfers::id.desc(),
        ))
        .limit(OUTGOING_LIMIT)
        .select((Transfer::as_select(), cases::reference))
        .load(conn)?;
    let orgs: Vec<String> = rows
        .iter()
        .map(|(t, _)| t.to_organisation_id.clone())
        .collect();
    let org_names = organisation_names(conn, &orgs)?;
    let users: Vec<String> = rows
        .iter()
        .filter_map(|(t, _)| t.to_worker_id.clone())
        .collect();
    let user_names = crate::db::organisations::display_names(conn, &users)?;
    Ok(rows
        .into_iter()
        .map(|(t, reference)| OutgoingTransfer {
            case_reference: reference,
            to_organisation_name: org_names
                .get(&t.to_organisation_id)
                .cloned()
                .unwrap_or_default(),
            to_worker_name: t
                .to_worker_id
                .as_ref()
                .and_then(|w| user_names.get(w).cloned()),
            transfer: t,
        })
        .collect())
}
