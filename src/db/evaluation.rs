//! The evaluation report's queries: every figure aggregated in SQL (GROUP BY,
//! COUNT, SUM), so that the report over 100,000 cases reads counts, never cases.
//!
//! Each query is restricted by the same scope condition on the `cases c` alias
//! ([`scope_condition`]); figures that share their rows share a query (the
//! closed cases' reasons, satisfaction and WHO-5 come from one). Durations of
//! stages come from the transition log: a stay in a stage begins with the entry
//! that moved the case into it (or the opening of the case) and ends with the
//! next entry that moves it to a different stage; entries that keep the stage
//! (`submit_plan`, `return_plan`) are not moves. Each entry records when its
//! stay began (`stage_entered_at`, written with it), so the stays are one scan of
//! the period's entries; the database returns them as a histogram of whole
//! hours per stage, and `domain::evaluation::stats` takes the percentiles.

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

/// Appends the condition that keeps the cases of the request's scope (alias `c`).
///
/// A union's cases are those whose client is a member of the union or a union
/// below it, and those that came from a referral by one of them.
fn scope_condition(sql: &mut Sql, req: &ReportRequest) {
    match &req.scope {
        Scope::Agency {
            organisation_id,
            team_id,
        } => {
            sql.push("c.organisation_id = ").text(organisation_id);
            if let Some(team) = team_id {
                sql.push(" AND c.team_id = ").text(team);
            }
        }
        Scope::Unions { tree, .. } => {
            sql.push("(c.client_id IN (SELECT cl.id FROM clients cl WHERE cl.union_id IN ")
                .list(tree)
                .push(") OR c.id IN (SELECT r.case_id FROM referrals r WHERE r.case_id IS NOT NULL AND r.union_id IN ")
                .list(tree)
                .push("))");
        }
    }
    if let Some(t) = req.case_type {
        sql.push(" AND c.case_type = ").text(t.as_str());
    }
}

/// Appends the condition "closed in the period" (alias `c`): the log has an entry
/// into `closed` in the period.
fn closed_in_period(sql: &mut Sql, start: NaiveDateTime, end: NaiveDateTime) {
    sql.push(" AND c.id IN (SELECT t.case_id FROM case_transitions t WHERE t.to_stage = 'closed' AND t.occurred_at >= ")
        .time(start)
        .push(" AND t.occurred_at < ")
        .time(end)
        .push(")");
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
struct ScoreCount {
    #[diesel(sql_type = Nullable<Integer>)]
    score: Option<i32>,
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
    q.push("SELECT i.channel AS channel, c.case_type AS case_type, c.assigned_worker_id AS worker, COUNT(*) AS n FROM cases c LEFT JOIN intake_records i ON i.case_id = c.id WHERE ");
    scope_condition(&mut q, req);
    q.push(" AND c.opened_at >= ")
        .time(start)
        .push(" AND c.opened_at < ")
        .time(end);
    q.push(" GROUP BY i.channel, c.case_type, c.assigned_worker_id");
    data.intake = q
        .query()
        .load::<IntakeRow>(conn)?
        .into_iter()
        .map(|r| (r.channel, r.case_type, r.worker, r.n))
        .collect();

    data.intake_by_month = intake_by_month(conn, req, dialect)?;
    data.stage_at_end = stage_at_end(conn, req, dialect, start, end)?;

    // Stays that ended in the period, as a histogram of whole hours per stage.
    // Entries that leave the stage as it is (submitting a plan for approval,
    // returning it) neither end a stay nor begin one; each entry carries when
    // its stay began (`stage_entered_at`), so no entry looks up another.
    let mut q = new();
    q.push("SELECT x.stage AS stage, x.hours AS hours, COUNT(*) AS n FROM (SELECT t.from_stage AS stage, ")
        .push(&dialect.hours_between("t.occurred_at", "t.stage_entered_at"))
        .push(" AS hours FROM case_transitions t JOIN cases c ON c.id = t.case_id WHERE ");
    scope_condition(&mut q, req);
    q.push(" AND t.from_stage <> t.to_stage AND t.occurred_at >= ")
        .time(start)
        .push(" AND t.occurred_at < ")
        .time(end);
    q.push(") x GROUP BY x.stage, x.hours");
    data.stage_hours = q
        .query()
        .load::<StageHours>(conn)?
        .into_iter()
        .map(|r| (r.stage, r.hours, r.n))
        .collect();
    // The distinct cases behind the stays matter only to a protected roll-up
    // (its threshold counts people, not stays); an agency's own report shows
    // exact figures and skips this second pass over the period's entries.
    if req.scope.disclosure() == Disclosure::Protected {
        let mut q = new();
        q.push("SELECT t.from_stage AS code, COUNT(DISTINCT t.case_id) AS n FROM case_transitions t JOIN cases c ON c.id = t.case_id WHERE ");
        scope_condition(&mut q, req);
        q.push(" AND t.from_stage <> t.to_stage AND t.occurred_at >= ")
            .time(start)
            .push(" AND t.occurred_at < ")
            .time(end);
        q.push(" GROUP BY t.from_stage");
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
    q.push(" AND o.referred_at >= ")
        .time(start)
        .push(" AND o.referred_at < ")
        .time(end);
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

/// The figures of the cases closed in the period, in two passes over them
/// instead of one per figure: reasons per worker, satisfaction, WHO-5 sums and
/// whether any goal was rated come from one query grouped by (reason, worker,
/// satisfaction) and are summed here; the goals' attainment needs a pass of
/// its own (one row per goal).
fn closed_cases(
    conn: &mut DbConnection,
    req: &ReportRequest,
    dialect: Dialect,
    start: NaiveDateTime,
    end: NaiveDateTime,
    data: &mut EvaluationData,
) -> StoreResult<()> {
    let mut q = Sql::new(dialect);
    q.push("SELECT cr.reason AS code, c.assigned_worker_id AS worker, cr.satisfaction AS score, COUNT(*) AS n, \
         COALESCE(SUM(CASE WHEN a.who5_baseline IS NOT NULL AND cr.who5_closing IS NOT NULL THEN 1 ELSE 0 END), 0) AS who5_n, \
         COALESCE(SUM(CASE WHEN cr.who5_closing IS NOT NULL THEN a.who5_baseline END), 0) AS baseline, \
         COALESCE(SUM(CASE WHEN a.who5_baseline IS NOT NULL THEN cr.who5_closing END), 0) AS closing, \
         COALESCE(SUM(CASE WHEN cr.who5_closing - a.who5_baseline >= 10 THEN 1 ELSE 0 END), 0) AS improved, \
         COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM goals g WHERE g.case_id = c.id AND g.attainment IS NOT NULL) THEN 1 ELSE 0 END), 0) AS rated \
         FROM cases c LEFT JOIN closure_records cr ON cr.case_id = c.id LEFT JOIN assessment_records a ON a.case_id = c.id WHERE ");
    scope_condition(&mut q, req);
    closed_in_period(&mut q, start, end);
    q.push(" GROUP BY cr.reason, c.assigned_worker_id, cr.satisfaction");
    let mut closed: BTreeMap<(Option<String>, Option<String>), i64> = BTreeMap::new();
    let mut satisfaction: BTreeMap<Option<i32>, i64> = BTreeMap::new();
    for r in q.query().load::<ClosedRow>(conn)? {
        *closed.entry((r.code, r.worker)).or_default() += r.n;
        *satisfaction.entry(r.score).or_default() += r.n;
        data.who5.n += r.who5_n;
        data.who5.baseline += r.baseline;
        data.who5.closing += r.closing;
        data.who5.improved += r.improved;
        data.attainment_cases += r.rated;
    }
    data.closed = closed.into_iter().map(|((c, w), n)| (c, w, n)).collect();
    data.satisfaction = satisfaction.into_iter().collect();

    let mut q = Sql::new(dialect);
    q.push("SELECT g.attainment AS score, COUNT(*) AS n FROM cases c JOIN goals g ON g.case_id = c.id WHERE ");
    scope_condition(&mut q, req);
    closed_in_period(&mut q, start, end);
    q.push(" GROUP BY g.attainment");
    data.attainment = q
        .query()
        .load::<ScoreCount>(conn)?
        .into_iter()
        .map(|r| (r.score, r.n))
        .collect();
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
    q.push(" AND c.opened_at >= ")
        .time(start)
        .push(" AND c.opened_at < ")
        .time(end);
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
