//! The evaluation report's queries: every figure aggregated in SQL (GROUP BY,
//! COUNT, SUM), so that the report over 100,000 cases reads counts, never cases.
//!
//! Each query is restricted by the same scope condition ([`scope_condition_on`]).
//! Intake and the stages at the period's end read `cases c`; the stays in each
//! stage and the outcomes of the cases closed in the period read the rows that
//! [`snapshots`] writes as the work happens (`evaluation_stays`,
//! `evaluation_closings`), which carry the case's agency, team, type, client
//! and worker of their moment, so that those figures are one scan of an index
//! over the period and no join. A stay in a stage begins with the entry that
//! moved the case into it (or the opening of the case) and ends with the next
//! entry that moves it to a different stage; entries that keep the stage
//! (`submit_plan`, `return_plan`) are not moves. The database returns stays as
//! a histogram of whole hours per stage, and `domain::evaluation::stats` takes
//! the percentiles.

pub mod snapshots;
pub mod sql;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use super::schema::{case_transitions, organisations, resources};
use super::{DbConnection, StoreResult};
use crate::domain::evaluation::data::ReferralsIn;
use crate::domain::evaluation::{Disclosure, EvaluationData, ReportRequest, Scope};
use crate::local_time::{end_of_local_day, start_of_local_day};
use sql::{Dialect, Sql};

/// The UTC bounds of a request's period: [start, end).
fn bounds(req: &ReportRequest) -> (NaiveDateTime, NaiveDateTime) {
    let start = start_of_local_day(req.period.from);
    let end = end_of_local_day(req.period.to).unwrap_or(NaiveDateTime::MAX);
    (start, end)
}

/// The columns a scope condition tests: those of `cases c`, or of a stay or
/// closing row `s` (which carries the case's agency, team, type and client of
/// its moment).
struct ScopeColumns {
    case_id: &'static str,
    organisation_id: &'static str,
    team_id: &'static str,
    client_id: &'static str,
    case_type: &'static str,
}

/// `cases c`.
const CASES: ScopeColumns = ScopeColumns {
    case_id: "c.id",
    organisation_id: "c.organisation_id",
    team_id: "c.team_id",
    client_id: "c.client_id",
    case_type: "c.case_type",
};

/// `evaluation_stays s` or `evaluation_closings s`.
const SNAPSHOT: ScopeColumns = ScopeColumns {
    case_id: "s.case_id",
    organisation_id: "s.organisation_id",
    team_id: "s.team_id",
    client_id: "s.client_id",
    case_type: "s.case_type",
};

/// Appends the condition that keeps the cases of the request's scope (alias `c`).
fn scope_condition(sql: &mut Sql, req: &ReportRequest) {
    scope_condition_on(sql, req, &CASES);
}

/// Appends the scope condition on the given columns.
///
/// A union's cases are those whose client is a member of the union or a union
/// below it, and those that came from a referral by one of them.
fn scope_condition_on(sql: &mut Sql, req: &ReportRequest, cols: &ScopeColumns) {
    match &req.scope {
        Scope::Agency {
            organisation_id,
            team_id,
        } => {
            sql.push(cols.organisation_id)
                .push(" = ")
                .text(organisation_id);
            if let Some(team) = team_id {
                sql.push(" AND ").push(cols.team_id).push(" = ").text(team);
            }
        }
        Scope::Unions { tree, .. } => {
            sql.push("(")
                .push(cols.client_id)
                .push(" IN (SELECT cl.id FROM clients cl WHERE cl.union_id IN ")
                .list(tree)
                .push(") OR ")
                .push(cols.case_id)
                .push(" IN (SELECT r.case_id FROM referrals r WHERE r.case_id IS NOT NULL AND r.union_id IN ")
                .list(tree)
                .push("))");
        }
    }
    if let Some(t) = req.case_type {
        sql.push(" AND ")
            .push(cols.case_type)
            .push(" = ")
            .text(t.as_str());
    }
}

#[derive(QueryableByName)]
struct IntakeRow {
    #[diesel(sql_type = Nullable<Text>)]
    channel: Option<String>,
    #[diesel(sql_type = Text)]
    case_type: String,
    #[diesel(sql_type = Nullable<Text>)]
    worker: Option<String>,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct KeyCount {
    #[diesel(sql_type = BigInt)]
    k: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct StageWorker {
    #[diesel(sql_type = Text)]
    stage: String,
    #[diesel(sql_type = Nullable<Text>)]
    worker: Option<String>,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct StageHours {
    #[diesel(sql_type = Text)]
    stage: String,
    #[diesel(sql_type = BigInt)]
    hours: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct CodeCount {
    #[diesel(sql_type = Nullable<Text>)]
    code: Option<String>,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct ClosedRow {
    #[diesel(sql_type = Nullable<Text>)]
    code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    worker: Option<String>,
    #[diesel(sql_type = Nullable<Integer>)]
    score: Option<i32>,
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = BigInt)]
    who5_n: i64,
    #[diesel(sql_type = BigInt)]
    baseline: i64,
    #[diesel(sql_type = BigInt)]
    closing: i64,
    #[diesel(sql_type = BigInt)]
    improved: i64,
    #[diesel(sql_type = BigInt)]
    rated: i64,
    #[diesel(sql_type = BigInt)]
    minus_2: i64,
    #[diesel(sql_type = BigInt)]
    minus_1: i64,
    #[diesel(sql_type = BigInt)]
    zero: i64,
    #[diesel(sql_type = BigInt)]
    plus_1: i64,
    #[diesel(sql_type = BigInt)]
    plus_2: i64,
    #[diesel(sql_type = BigInt)]
    unrated: i64,
}

#[derive(QueryableByName)]
struct ReferralInRow {
    #[diesel(sql_type = Text)]
    source: String,
    #[diesel(sql_type = Nullable<Text>)]
    union_id: Option<String>,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct ReferralOutRow {
    #[diesel(sql_type = Text)]
    category: String,
    #[diesel(sql_type = Text)]
    resource_id: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Every aggregate of one report.
pub fn load(conn: &mut DbConnection, req: &ReportRequest) -> StoreResult<EvaluationData> {
    let dialect = Dialect::of(conn);
    let (start, end) = bounds(req);
    let new = || Sql::new(dialect);
    let mut data = EvaluationData::default();

    // Intake: cases opened in the period.
    let mut q = new();
    // The channel is copied onto the case with each save of its intake record.
    q.push("SELECT c.intake_channel AS channel, c.case_type AS case_type, c.assigned_worker_id AS worker, COUNT(*) AS n FROM cases c WHERE ");
    scope_condition(&mut q, req);
    q.within("c.opened_at", start, end);
    q.push(" GROUP BY c.intake_channel, c.case_type, c.assigned_worker_id");
    data.intake = q
        .query()
        .load::<IntakeRow>(conn)?
        .into_iter()
        .map(|r| (r.channel, r.case_type, r.worker, r.n))
        .collect();

    data.intake_by_month = intake_by_month(conn, req, dialect)?;
    data.stage_at_end = stage_at_end(conn, req, dialect, start, end)?;

    // Stays that ended in the period, as a histogram of whole hours per stage:
    // one row per stay in `evaluation_stays`, written when the stay ended.
    let mut q = new();
    q.push(
        "SELECT s.stage AS stage, s.hours AS hours, COUNT(*) AS n FROM evaluation_stays s WHERE ",
    );
    scope_condition_on(&mut q, req, &SNAPSHOT);
    q.within("s.ended_at", start, end);
    q.push(" GROUP BY s.stage, s.hours");
    data.stage_hours = q
        .query()
        .load::<StageHours>(conn)?
        .into_iter()
        .map(|r| (r.stage, r.hours, r.n))
        .collect();
    // The distinct cases behind the stays matter only to a protected roll-up
    // (its threshold counts people, not stays); an agency's own report shows
    // exact figures and skips this second pass.
    if req.scope.disclosure() == Disclosure::Protected {
        let mut q = new();
        q.push(
            "SELECT s.stage AS code, COUNT(DISTINCT s.case_id) AS n FROM evaluation_stays s WHERE ",
        );
        scope_condition_on(&mut q, req, &SNAPSHOT);
        q.within("s.ended_at", start, end);
        q.push(" GROUP BY s.stage");
        data.stage_cases = q
            .query()
            .load::<CodeCount>(conn)?
            .into_iter()
            .map(|r| (r.code.unwrap_or_default(), r.n))
            .collect();
    }

    closed_cases(conn, req, dialect, start, end, &mut data)?;

    data.referrals_in = referrals_in(conn, req, dialect, start, end)?;

    let mut q = new();
    q.push("SELECT res.category AS category, res.id AS resource_id, COUNT(*) AS n FROM outbound_referrals o JOIN resources res ON res.id = o.resource_id JOIN cases c ON c.id = o.case_id WHERE ");
    scope_condition(&mut q, req);
    q.within("o.referred_at", start, end);
    q.push(" GROUP BY res.category, res.id");
    data.referrals_out = q
        .query()
        .load::<ReferralOutRow>(conn)?
        .into_iter()
        .map(|r| (r.category, r.resource_id, r.n))
        .collect();

    if let Scope::Unions { tree, .. } = &req.scope {
        data.opened_by_union = opened_by_union(conn, req, dialect, tree, start, end)?;
    }
    data.names = names(conn, &data)?;
    Ok(data)
}

/// The figures of the cases closed in the period, in one pass over their
/// closings (`evaluation_closings`, each written when the case was closed):
/// reasons per worker, satisfaction, WHO-5 sums, goals by attainment and
/// whether any goal was rated come from one query grouped by (reason, worker,
/// satisfaction) and are summed here. A case closed twice in the period (closed,
/// reopened, closed again) counts once, with its last closing.
fn closed_cases(
    conn: &mut DbConnection,
    req: &ReportRequest,
    dialect: Dialect,
    start: NaiveDateTime,
    end: NaiveDateTime,
    data: &mut EvaluationData,
) -> StoreResult<()> {
    let sum =
        |expr: &str, alias: &str| format!("CAST(COALESCE(SUM({expr}), 0) AS BIGINT) AS {alias}");
    let goals = "s.goals_minus_2 + s.goals_minus_1 + s.goals_0 + s.goals_plus_1 + s.goals_plus_2";
    let columns = [
        sum(
            "CASE WHEN s.who5_baseline IS NOT NULL AND s.who5_closing IS NOT NULL THEN 1 ELSE 0 END",
            "who5_n",
        ),
        sum(
            "CASE WHEN s.who5_closing IS NOT NULL THEN s.who5_baseline END",
            "baseline",
        ),
        sum(
            "CASE WHEN s.who5_baseline IS NOT NULL THEN s.who5_closing END",
            "closing",
        ),
        sum(
            "CASE WHEN s.who5_closing - s.who5_baseline >= 10 THEN 1 ELSE 0 END",
            "improved",
        ),
        sum(&format!("CASE WHEN {goals} > 0 THEN 1 ELSE 0 END"), "rated"),
        sum("s.goals_minus_2", "minus_2"),
        sum("s.goals_minus_1", "minus_1"),
        sum("s.goals_0", "zero"),
        sum("s.goals_plus_1", "plus_1"),
        sum("s.goals_plus_2", "plus_2"),
        sum("s.goals_unrated", "unrated"),
    ];
    let mut q = Sql::new(dialect);
    q.push(
        "SELECT s.reason AS code, s.worker_id AS worker, s.satisfaction AS score, COUNT(*) AS n, ",
    )
    .push(&columns.join(", "))
    .push(" FROM evaluation_closings s WHERE ");
    scope_condition_on(&mut q, req, &SNAPSHOT);
    q.within("s.closed_at", start, end)
        .push(" AND (s.superseded_at IS NULL OR s.superseded_at >= ")
        .time(end)
        .push(") GROUP BY s.reason, s.worker_id, s.satisfaction");
    let mut closed: BTreeMap<(Option<String>, Option<String>), i64> = BTreeMap::new();
    let mut satisfaction: BTreeMap<Option<i32>, i64> = BTreeMap::new();
    let mut attainment: BTreeMap<Option<i32>, i64> = BTreeMap::new();
    for r in q.query().load::<ClosedRow>(conn)? {
        *closed.entry((r.code, r.worker)).or_default() += r.n;
        *satisfaction.entry(r.score).or_default() += r.n;
        data.who5.n += r.who5_n;
        data.who5.baseline += r.baseline;
        data.who5.closing += r.closing;
        data.who5.improved += r.improved;
        data.attainment_cases += r.rated;
        for (score, n) in [
            (Some(-2), r.minus_2),
            (Some(-1), r.minus_1),
            (Some(0), r.zero),
            (Some(1), r.plus_1),
            (Some(2), r.plus_2),
            (None, r.unrated),
        ] {
            *attainment.entry(score).or_default() += n;
        }
    }
    data.closed = closed.into_iter().map(|((c, w), n)| (c, w, n)).collect();
    data.satisfaction = satisfaction.into_iter().collect();
    data.attainment = attainment.into_iter().filter(|(_, n)| *n > 0).collect();
    Ok(())
}

/// Cases opened in each month of the period (local months), in one query: the
/// month bounds are bound values, so months follow the installation's time zone.
fn intake_by_month(
    conn: &mut DbConnection,
    req: &ReportRequest,
    dialect: Dialect,
) -> StoreResult<Vec<i64>> {
    let months = req.period.months();
    let mut q = Sql::new(dialect);
    q.push("SELECT m.k AS k, COUNT(c.id) AS n FROM (");
    for (i, (first, last)) in months.iter().enumerate() {
        if i > 0 {
            q.push(" UNION ALL ");
        }
        let hi = end_of_local_day(*last).unwrap_or(NaiveDateTime::MAX);
        q.push(&format!("SELECT CAST({i} AS BIGINT) AS k, "))
            .time(start_of_local_day(*first))
            .push(" AS lo, ")
            .time(hi)
            .push(" AS hi");
    }
    q.push(") m JOIN cases c ON c.opened_at >= m.lo AND c.opened_at < m.hi WHERE ");
    scope_condition(&mut q, req);
    q.push(" GROUP BY m.k");
    let mut counts = vec![0; months.len()];
    for row in q.query().load::<KeyCount>(conn)? {
        if let Some(slot) = usize::try_from(row.k).ok().and_then(|k| counts.get_mut(k)) {
            *slot = row.n;
        }
    }
    Ok(counts)
}

/// Each case's stage at the end of the period, counted per stage and worker.
///
/// When nothing has moved since the period ended (a period that ends today), the
/// stored stage is the stage at the end and one pass over the cases suffices.
/// Otherwise each case's last log entry before the end gives it (an index lookup
/// per case). Cases closed before the period began are not counted.
fn stage_at_end(
    conn: &mut DbConnection,
    req: &ReportRequest,
    dialect: Dialect,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> StoreResult<Vec<(String, Option<String>, i64)>> {
    let last_move: Option<NaiveDateTime> = case_transitions::table
        .select(diesel::dsl::max(case_transitions::occurred_at))
        .first(conn)?;
    let mut q = Sql::new(dialect);
    if last_move.is_none_or(|at| at < end) {
        q.push("SELECT c.stage AS stage, c.assigned_worker_id AS worker, COUNT(*) AS n FROM cases c WHERE ");
        scope_condition(&mut q, req);
        q.push(" AND c.opened_at < ")
            .time(end)
            .push(" AND NOT (c.stage = 'closed' AND c.closed_at < ")
            .time(start)
            .push(") GROUP BY c.stage, c.assigned_worker_id");
    } else {
        let last = |q: &mut Sql, column: &str| {
            q.push(&format!("(SELECT t.{column} FROM case_transitions t WHERE t.case_id = c.id AND t.occurred_at < "))
                .time(end)
                .push(" ORDER BY t.version_after DESC LIMIT 1)");
        };
        q.push("SELECT COALESCE(x.stage, 'intake') AS stage, x.worker AS worker, COUNT(*) AS n FROM (SELECT c.assigned_worker_id AS worker, ");
        last(&mut q, "to_stage");
        q.push(" AS stage, ");
        last(&mut q, "occurred_at");
        q.push(" AS moved_at FROM cases c WHERE ");
        scope_condition(&mut q, req);
        q.push(" AND c.opened_at < ")
            .time(end)
            .push(") x WHERE NOT (COALESCE(x.stage, 'intake') = 'closed' AND x.moved_at < ")
            .time(start)
            .push(") GROUP BY COALESCE(x.stage, 'intake'), x.worker");
    }
    Ok(q.query()
        .load::<StageWorker>(conn)?
        .into_iter()
        .map(|r| (r.stage, r.worker, r.n))
        .collect())
}

/// Referrals received in the period. An agency counts every referral made to
/// it; narrowed to a team or a case type, only those that became such cases. A
/// union counts the referrals its tree made, to any agency.
fn referrals_in(
    conn: &mut DbConnection,
    req: &ReportRequest,
    dialect: Dialect,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> StoreResult<Vec<ReferralsIn>> {
    let mut q = Sql::new(dialect);
    q.push("SELECT r.source AS source, r.union_id AS union_id, r.status AS status, COUNT(*) AS n FROM referrals r WHERE r.created_at >= ")
        .time(start)
        .push(" AND r.created_at < ")
        .time(end);
    let narrowed = match &req.scope {
        Scope::Agency {
            organisation_id,
            team_id,
        } => {
            q.push(" AND r.agency_id = ").text(organisation_id);
            team_id.is_some() || req.case_type.is_some()
        }
        Scope::Unions { tree, .. } => {
            q.push(" AND r.union_id IN ").list(tree);
            req.case_type.is_some()
        }
    };
    if narrowed {
        q.push(" AND r.case_id IN (SELECT c.id FROM cases c WHERE ");
        scope_condition(&mut q, req);
        q.push(")");
    }
    q.push(" GROUP BY r.source, r.union_id, r.status");
    Ok(q.query()
        .load::<ReferralInRow>(conn)?
        .into_iter()
        .map(|r| (r.source, r.union_id, r.status, r.n))
        .collect())
}

/// Cases opened in the period per union of the tree (every union listed, in
/// tree order). A case counts for the union that referred it, or else for the
/// client's union.
fn opened_by_union(
    conn: &mut DbConnection,
    req: &ReportRequest,
    dialect: Dialect,
    tree: &[String],
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> StoreResult<Vec<(String, i64)>> {
    let mut q = Sql::new(dialect);
    q.push("SELECT COALESCE(r.union_id, cl.union_id) AS code, COUNT(*) AS n FROM cases c JOIN clients cl ON cl.id = c.client_id LEFT JOIN referrals r ON r.case_id = c.id AND r.union_id IN ")
        .list(tree)
        .push(" WHERE ");
    scope_condition(&mut q, req);
    q.within("c.opened_at", start, end);
    q.push(" GROUP BY COALESCE(r.union_id, cl.union_id)");
    let counts: HashMap<String, i64> = q
        .query()
        .load::<CodeCount>(conn)?
        .into_iter()
        .filter_map(|r| r.code.map(|c| (c, r.n)))
        .collect();
    Ok(tree
        .iter()
        .map(|u| (u.clone(), counts.get(u).copied().unwrap_or(0)))
        .collect())
}

/// Names of the workers, unions and resources the figures mention.
fn names(conn: &mut DbConnection, data: &EvaluationData) -> StoreResult<HashMap<String, String>> {
    let mut workers: Vec<String> = data
        .intake
        .iter()
        .filter_map(|r| r.2.clone())
        .chain(data.stage_at_end.iter().filter_map(|r| r.1.clone()))
        .chain(data.closed.iter().filter_map(|r| r.1.clone()))
        .collect();
    workers.sort();
    workers.dedup();
    let mut names = super::organisations::display_names(conn, &workers)?;
    let unions: Vec<String> = data
        .referrals_in
        .iter()
        .filter_map(|r| r.1.clone())
        .chain(data.opened_by_union.iter().map(|r| r.0.clone()))
        .collect();
    names.extend(
        organisations::table
            .filter(organisations::id.eq_any(&unions))
            .select((organisations::id, organisations::name))
            .load::<(String, String)>(conn)?,
    );
    let resource_ids: Vec<String> = data.referrals_out.iter().map(|r| r.1.clone()).collect();
    names.extend(
        resources::table
            .filter(resources::id.eq_any(&resource_ids))
            .select((resources::id, resources::name))
            .load::<(String, String)>(conn)?,
    );
    Ok(names)
}
