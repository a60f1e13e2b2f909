//! What the evaluation report keeps as the work happens: a row for each stay in
//! a stage that ended and for each closing, written in the transaction of the
//! log entry that ended it.
//!
//! Why: recomputed from the cases and their records, the report over 100,000
//! cases joined every log entry to its case and every closed case to three
//! records by text id, seconds of work (docs/performance.md). These rows carry
//! what the report groups by (agency, team, type, client, worker of that
//! moment) and what it counts, so each figure is one scan of an index over the
//! period. A row's figures never change afterwards: a closing keeps the
//! closure record, WHO-5 and goals as they were when the case was closed, which
//! is also what an evaluation of that period should show if the case is
//! reopened later (the closing only gets the time it was superseded, when the
//! case is closed again).

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::super::cases::Case;
use super::super::schema::{
    assessment_records, closure_records, evaluation_closings, evaluation_stays, goals,
};
use super::super::transitions::TransitionLogEntry;
use super::super::{DbConnection, StoreError, StoreResult};

/// Whole hours from `from` to `to`, truncated (as the rebuild's SQL counts them).
fn whole_hours(from: chrono::NaiveDateTime, to: chrono::NaiveDateTime) -> i64 {
    (to - from).num_seconds() / 3600
}

/// Writes what `entry` ends: the stay in its `from_stage` when it moves the case
/// to another stage (a stay in *closed* is not a stay), and a closing when it
/// moves the case into *closed*. `case` is the case as it stood when the entry
/// was made; its records are read as they are at that moment.
pub fn record(conn: &mut DbConnection, case: &Case, entry: &TransitionLogEntry) -> StoreResult<()> {
    if entry.from_stage != entry.to_stage && entry.from_stage != "closed" {
        diesel::insert_into(evaluation_stays::table)
            .values((
                evaluation_stays::id.eq(&entry.id),
                evaluation_stays::case_id.eq(&case.id),
                evaluation_stays::organisation_id.eq(&case.organisation_id),
                evaluation_stays::team_id.eq(&case.team_id),
                evaluation_stays::case_type.eq(&case.case_type),
                evaluation_stays::client_id.eq(&case.client_id),
                evaluation_stays::stage.eq(&entry.from_stage),
                evaluation_stays::ended_at.eq(entry.occurred_at),
                evaluation_stays::hours.eq(whole_hours(entry.stage_entered_at, entry.occurred_at)),
            ))
            .execute(conn)?;
    }
    if entry.to_stage == "closed" && entry.from_stage != "closed" {
        let closure: Option<(Option<String>, Option<i32>, Option<i32>)> = closure_records::table
            .find(&case.id)
            .select((
                closure_records::reason,
                closure_records::satisfaction,
                closure_records::who5_closing,
            ))
            .first(conn)
            .optional()?;
        let (reason, satisfaction, who5_closing) = closure.unwrap_or_default();
        let who5_baseline: Option<i32> = assessment_records::table
            .find(&case.id)
            .select(assessment_records::who5_baseline)
            .first::<Option<i32>>(conn)
            .optional()?
            .flatten();
        let attainment: Vec<Option<i32>> = goals::table
            .filter(goals::case_id.eq(&case.id))
            .select(goals::attainment)
            .load(conn)?;
        let count = |a: Option<i32>| attainment.iter().filter(|x| **x == a).count() as i64;
        // A closing before a reopening no longer counts for periods this one ends.
        diesel::update(
            evaluation_closings::table
                .filter(evaluation_closings::case_id.eq(&case.id))
                .filter(evaluation_closings::superseded_at.is_null()),
        )
        .set(evaluation_closings::superseded_at.eq(entry.occurred_at))
        .execute(conn)?;
        diesel::insert_into(evaluation_closings::table)
            .values((
                evaluation_closings::id.eq(&entry.id),
                evaluation_closings::case_id.eq(&case.id),
                evaluation_closings::organisation_id.eq(&case.organisation_id),
                evaluation_closings::team_id.eq(&case.team_id),
                evaluation_closings::case_type.eq(&case.case_type),
                evaluation_closings::client_id.eq(&case.client_id),
                evaluation_closings::worker_id.eq(&case.assigned_worker_id),
                evaluation_closings::closed_at.eq(entry.occurred_at),
                evaluation_closings::reason.eq(reason),
                evaluation_closings::satisfaction.eq(satisfaction),
                evaluation_closings::who5_baseline.eq(who5_baseline),
                evaluation_closings::who5_closing.eq(who5_closing),
                evaluation_closings::goals_minus_2.eq(count(Some(-2))),
                evaluation_closings::goals_minus_1.eq(count(Some(-1))),
                evaluation_closings::goals_0.eq(count(Some(0))),
                evaluation_closings::goals_plus_1.eq(count(Some(1))),
                evaluation_closings::goals_plus_2.eq(count(Some(2))),
                evaluation_closings::goals_unrated.eq(count(None)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Keeps `cases.intake_channel` equal to the intake record's channel, in the
/// transaction that saves the record: the evaluation report counts intake by
/// channel from the agency's index on cases alone, without a lookup of each
/// case's intake record. (The column is not in the diesel schema, so that the
/// `Case` model stays as it is; only this function and the report use it.)
pub fn copy_intake_channel(
    conn: &mut DbConnection,
    case_id: &str,
    channel: Option<&str>,
) -> StoreResult<()> {
    let mut q = super::sql::Sql::new(super::sql::Dialect::of(conn));
    q.push("UPDATE cases SET intake_channel = ");
    match channel {
        Some(c) => q.text(c),
        None => q.push("NULL"),
    };
    q.push(" WHERE id = ").text(case_id);
    q.query().execute(conn)?;
    Ok(())
}

/// The marker in migration `2026-12-04-000022_evaluation_passes` after which its
/// statements fill both tables from the log and the records.
const REBUILD_MARKER: &str = "-- REBUILD:";

/// The rebuild statements of a backend: those of the migration that made the
/// tables, so that the migration and a rebuild cannot drift apart.
fn rebuild_sql(conn: &DbConnection) -> StoreResult<&'static str> {
    let migration = match conn {
        DbConnection::Sqlite(_) => {
            include_str!("../../../migrations/sqlite/2026-12-04-000022_evaluation_passes/up.sql")
        }
        DbConnection::Postgresql(_) => {
            include_str!("../../../migrations/postgres/2026-12-04-000022_evaluation_passes/up.sql")
        }
    };
    migration
        .split_once(REBUILD_MARKER)
        .map(|(_, statements)| statements)
        .ok_or_else(|| StoreError::Unavailable("the rebuild statements are missing".into()))
}

/// Replaces both tables with what the log and the records give now. For data
/// written around [`record`] (the demo generator's bulk load, test fixtures);
/// in the caller's transaction.
pub fn rebuild(conn: &mut DbConnection) -> StoreResult<()> {
    let sql = rebuild_sql(conn)?;
    diesel::delete(evaluation_stays::table).execute(conn)?;
    diesel::delete(evaluation_closings::table).execute(conn)?;
    // The marker line's own comment text is SQL comment too: skip to the next line.
    let statements = sql.split_once('\n').map_or("", |(_, rest)| rest);
    conn.batch_execute(statements)?;
    Ok(())
}
