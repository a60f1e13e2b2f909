//! The approval a case awaits (`approval_requests`), and each supervisor's queue.
//!
//! A transition whose rule says the case now awaits an approval (`Rule::awaits`)
//! writes the mark; every other transition clears it, in the same transaction
//! (see `db::transitions::apply`). Submitting the plan marks it; entering closure
//! marks the closure, whatever the policy, so that switching closure approval on
//! later puts the waiting closures in the queue in the order they arrived.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::case_queries::{CaseScope, in_scope};
use crate::db::schema::{
    approval_policies, approval_requests, case_assignments, case_transfers, cases, clients, users,
};
use crate::db::{DbConnection, StoreResult};
use crate::domain::supervision::ApprovalKind;
use crate::domain::transfer::TransferStatus;

/// Replaces a case's awaited approval with `awaits` (or none). Call in the
/// transition's write transaction.
pub fn mark_awaiting(
    conn: &mut DbConnection,
    case_id: &str,
    awaits: Option<ApprovalKind>,
    requested_by: &str,
    at: NaiveDateTime,
) -> StoreResult<()> {
    diesel::delete(approval_requests::table.find(case_id)).execute(conn)?;
    if let Some(kind) = awaits {
        diesel::insert_into(approval_requests::table)
            .values((
                approval_requests::case_id.eq(case_id),
                approval_requests::kind.eq(kind.as_str()),
                approval_requests::requested_by.eq(requested_by),
                approval_requests::requested_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// What a case awaits, if anything: (kind, who asked, since when).
pub fn awaiting(
    conn: &mut DbConnection,
    case_id: &str,
) -> StoreResult<Option<(ApprovalKind, String, NaiveDateTime)>> {
    let row: Option<(String, String, NaiveDateTime)> = approval_requests::table
        .find(case_id)
        .select((
            approval_requests::kind,
            approval_requests::requested_by,
            approval_requests::requested_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(kind, by, at)| kind.parse().ok().map(|k| (k, by, at))))
}

/// Whether `user_id` asked for the approval `case_id` awaits, or held the case
/// at some time since it was asked for (the worker when it was asked is the
/// `from` side of the first hand-over after it). Feeds
/// `Actor::took_part_in_request`; false when nothing is awaited.
pub fn took_part_in_request(
    conn: &mut DbConnection,
    case_id: &str,
    user_id: &str,
) -> StoreResult<bool> {
    let Some((_, requested_by, since)) = awaiting(conn, case_id)? else {
        return Ok(false);
    };
    if requested_by == user_id {
        return Ok(true);
    }
    let reassigned: i64 = case_assignments::table
        .filter(case_assignments::case_id.eq(case_id))
        .filter(case_assignments::assigned_at.ge(since))
        .filter(
            case_assignments::from_worker_id
                .eq(user_id)
                .or(case_assignments::to_worker_id.eq(user_id)),
        )
        .count()
        .get_result(conn)?;
    let transferred: i64 = case_transfers::table
        .filter(case_transfers::case_id.eq(case_id))
        .filter(case_transfers::status.eq(TransferStatus::Accepted.as_str()))
        .filter(case_transfers::decided_at.ge(since))
        .filter(
            case_transfers::from_worker_id
                .eq(user_id)
                .or(case_transfers::to_worker_id.eq(user_id)),
        )
        .count()
        .get_result(conn)?;
    Ok(reassigned + transferred > 0)
}

/// One case in a supervisor's approvals queue.
#[derive(Debug, Clone, Serialize)]
pub struct QueueItem {
    /// The case.
    pub case_id: String,
    /// Its reference.
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
    pub worker_id: Option<String>,
    /// Their name.
    pub worker_name: Option<String>,
    /// What is to be approved.
    pub kind: ApprovalKind,
    /// Who asked (submitted the plan, moved the case to closure).
    pub requested_by: String,
    /// Since when.
    pub requested_at: NaiveDateTime,
}

type QueueRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    NaiveDateTime,
);

/// The queue's query: awaited approvals of cases in scope that the viewer may
/// decide (not their own cases, not what they asked for, not cases they held
/// since it was asked for: the same facts as `took_part_in_request`), and
/// closures only where the case type's policy asks for sign-off (no policy row:
/// it does).
macro_rules! queue_query {
    ($scope:expr) => {{
        let scope: &CaseScope = $scope;
        let closure_required = approval_policies::closure_required.nullable();
        let query = approval_requests::table
            .inner_join(cases::table.inner_join(clients::table))
            .left_join(
                approval_policies::table.on(approval_policies::organisation_id
                    .eq(cases::organisation_id)
                    .and(approval_policies::case_type.eq(cases::case_type))),
            )
            .left_join(users::table.on(cases::assigned_worker_id.eq(users::id.nullable())))
            .filter(
                cases::assigned_worker_id
                    .is_null()
                    .or(cases::assigned_worker_id.ne(scope.viewer_id.clone())),
            )
            .filter(approval_requests::requested_by.ne(scope.viewer_id.clone()))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                case_assignments::table
                    .filter(case_assignments::case_id.eq(approval_requests::case_id))
                    .filter(case_assignments::assigned_at.ge(approval_requests::requested_at))
                    .filter(
                        case_assignments::from_worker_id
                            .eq(scope.viewer_id.clone())
                            .or(case_assignments::to_worker_id.eq(scope.viewer_id.clone())),
                    ),
            )))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                case_transfers::table
                    .filter(case_transfers::case_id.eq(approval_requests::case_id))
                    .filter(case_transfers::status.eq(TransferStatus::Accepted.as_str()))
                    .filter(
                        case_transfers::decided_at.ge(approval_requests::requested_at.nullable()),
                    )
                    .filter(
                        case_transfers::from_worker_id
                            .eq(scope.viewer_id.clone())
                            .or(case_transfers::to_worker_id.eq(scope.viewer_id.clone())),
                    ),
            )))
            .filter(
                approval_requests::kind
                    .eq(ApprovalKind::Plan.as_str())
                    .or(closure_required.is_null())
                    .or(closure_required.eq(true)),
            )
            .into_boxed();
        in_scope!(query, scope)
    }};
}

/// The approvals waiting for a supervisor of `scope`, oldest first.
pub fn queue(
    conn: &mut DbConnection,
    scope: &CaseScope,
    limit: i64,
) -> StoreResult<Vec<QueueItem>> {
    let rows: Vec<QueueRow> = queue_query!(scope)
        .select((
            cases::id,
            cases::reference,
            cases::case_type,
            cases::stage,
            cases::risk_level,
            clients::full_name,
            cases::assigned_worker_id,
            users::display_name.nullable(),
            approval_requests::kind,
            approval_requests::requested_by,
            approval_requests::requested_at,
        ))
        .order((approval_requests::requested_at.asc(), cases::id.asc()))
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(QueueItem {
                kind: r.8.parse().ok()?,
                case_id: r.0,
                reference: r.1,
                case_type: r.2,
                stage: r.3,
                risk_level: r.4,
                client_name: r.5,
                worker_id: r.6,
                worker_name: r.7,
                requested_by: r.9,
                requested_at: r.10,
            })
        })
        .collect())
}

/// Most approvals the navigation counts; beyond, it says "99+".
pub const COUNT_CAP: i64 = 100;

/// How many approvals wait for a supervisor of `scope`, up to [`COUNT_CAP`] (the
/// navigation's count, on every page). Walks the queue's own order (the index on
/// the request time, one case lookup each) rather than counting over the join,
/// which a planner may turn into a scan of every case.
pub fn queue_len(conn: &mut DbConnection, scope: &CaseScope) -> StoreResult<i64> {
    let ids: Vec<String> = queue_query!(scope)
        .select(approval_requests::case_id)
        .order((approval_requests::requested_at.asc(), cases::id.asc()))
        .limit(COUNT_CAP)
        .load(conn)?;
    Ok(ids.len() as i64)
}
