//! Applying a workflow transition, and the append-only log it writes.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::cases::{Case, claim_version};
use super::schema::{case_transitions, cases};
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::domain::validation::{SHORT_TEXT, clean};
use crate::domain::vocab::CaseStage;
use crate::domain::workflow::{Actor, Transition, TransitionRequest, decide};

/// One accepted transition.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = case_transitions)]
pub struct TransitionLogEntry {
    /// Id.
    pub id: String,
    /// The case.
    pub case_id: String,
    /// The case's version after the transition; orders a case's entries.
    pub version_after: i64,
    /// Transition code.
    pub transition: String,
    /// Stage before.
    pub from_stage: String,
    /// Stage after.
    pub to_stage: String,
    /// Who performed it.
    pub actor_id: String,
    /// Why, in the actor's words.
    pub reason: Option<String>,
    /// Closure reason code, for early closures.
    pub closure_reason: Option<String>,
    /// When (UTC).
    pub occurred_at: NaiveDateTime,
    /// When the case entered `from_stage` (UTC): the previous entry that moved it
    /// to another stage, or its opening. Kept so that the evaluation report reads
    /// the length of each stay from the entry alone.
    pub stage_entered_at: NaiveDateTime,
}

/// Applies a transition in the caller's write transaction.
///
/// Order matters: the version is claimed first (refusing a stale request and, on
/// PostgreSQL, locking the row), then the facts are read under that lock, the
/// domain decides, and the stage change and its log row are written together. A
/// refusal returns an error, so the caller's transaction rolls back and nothing,
/// not even the version bump, is kept.
pub fn apply(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    actor_id: &str,
    actor_role: crate::domain::Role,
    request: TransitionRequest,
) -> StoreResult<(Case, TransitionLogEntry)> {
    let mut request = request;
    request.reason = clean(request.reason);
    if request
        .reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > SHORT_TEXT * 10)
    {
        let mut e = crate::domain::validation::Errors::default();
        e.text("transition.reason", &request.reason, SHORT_TEXT * 10);
        e.finish().map_err(StoreError::Invalid)?;
    }
    let mut case = claim_version(conn, case_id, version)?;
    let stage = case.stage()?;
    let facts = super::facts::gather(conn, &case)?;
    let actor = Actor {
        role: actor_role,
        is_assigned_worker: case.assigned_worker_id.as_deref() == Some(actor_id),
        took_part_in_request: super::supervision::approvals::took_part_in_request(
            conn, case_id, actor_id,
        )?,
    };
    let rule = decide(stage, actor, &request, &facts)
        .map_err(|refusal| StoreError::Refused(Box::new(refusal)))?;

    let at = now();
    let closed_at = (rule.to == CaseStage::Closed).then_some(at);
    diesel::update(cases::table.find(case_id))
        .set((
            cases::stage.eq(rule.to.as_str()),
            cases::closed_at.eq(closed_at),
            cases::updated_at.eq(at),
        ))
        .execute(conn)?;
    // What the case awaits now: set by this rule, or cleared by any other move.
    super::supervision::approvals::mark_awaiting(conn, case_id, rule.awaits, actor_id, at)?;
    if rule.transition == Transition::CloseEarly
        && let Some(reason) = request.closure_reason
    {
        super::records::record_early_closure(conn, case_id, reason, actor_id)?;
    }
    let stage_entered_at = stage_entered_at(conn, &case)?;
    let entry = TransitionLogEntry {
        id: new_id(),
        case_id: case_id.to_owned(),
        version_after: case.version,
        transition: rule.transition.as_str().to_owned(),
        from_stage: stage.as_str().to_owned(),
        to_stage: rule.to.as_str().to_owned(),
        actor_id: actor_id.to_owned(),
        reason: request.reason,
        closure_reason: request
            .closure_reason
            .filter(|_| rule.transition == Transition::CloseEarly)
            .map(|r| r.as_str().to_owned()),
        occurred_at: at,
        stage_entered_at,
    };
    diesel::insert_into(case_transitions::table)
        .values(&entry)
        .execute(conn)?;
    super::evaluation::snapshots::record(conn, &case, &entry)?;
    case.stage = rule.to.as_str().to_owned();
    case.closed_at = closed_at;
    case.updated_at = at;
    Ok((case, entry))
}

/// When the case entered the stage it is in: its last entry that moved it to
/// another stage (entries that keep the stage, such as submitting a plan, are
/// not moves), or its opening.
fn stage_entered_at(conn: &mut DbConnection, case: &Case) -> StoreResult<NaiveDateTime> {
    let last_move: Option<NaiveDateTime> = case_transitions::table
        .filter(case_transitions::case_id.eq(&case.id))
        .filter(case_transitions::from_stage.ne(case_transitions::to_stage))
        .order(case_transitions::version_after.desc())
        .select(case_transitions::occurred_at)
        .first(conn)
        .optional()?;
    Ok(last_move.unwrap_or(case.opened_at))
}

/// A case's transition log, oldest first.
pub fn log(conn: &mut DbConnection, case_id: &str) -> StoreResult<Vec<TransitionLogEntry>> {
    Ok(case_transitions::table
        .filter(case_transitions::case_id.eq(case_id))
        .order(case_transitions::version_after.asc())
        .select(TransitionLogEntry::as_select())
        .load(conn)?)
}

/// The stage a case reaches by replaying its log from intake.
///
/// Used by tests and by integrity checks: it must always equal the stored stage.
pub fn replay(entries: &[TransitionLogEntry]) -> Result<CaseStage, String> {
    let mut stage = CaseStage::Intake;
    for e in entries {
        if e.from_stage != stage.as_str() {
            return Err(format!(
                "log entry {} starts from {} but the case was in {stage}",
                e.version_after, e.from_stage
            ));
        }
        stage = e.to_stage.parse().map_err(|e| format!("{e}"))?;
    }
    Ok(stage)
}
