//! The oversight screen's figures: each worker's open cases by stage and by risk,
//! and the cases that call for a supervisor's attention.
//!
//! The counts are one grouped query over the open cases in scope (served by the
//! `cases (team_id, assigned_worker_id, stage, risk_level)` index). Each alert kind
//! is one query whose conditions are all in SQL (`NOT EXISTS` sub-queries on
//! indexed columns), limited to [`ALERT_LIMIT`] cases; the dates shown with them
//! come from one grouped query per table for the cases found. What each alert
//! means is written in `docs/supervision.md`.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::dsl::{self, exists, not};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::case_queries::{CaseScope, in_scope};
use crate::db::schema::{
    assessment_records, case_transitions, cases, clients, closure_records, contract_records, goals,
    intake_records, sessions, team_members, users,
};
use crate::db::{DbConnection, StoreResult};
use crate::domain::supervision::{AlertKind, AlertThresholds};
use crate::domain::vocab::{CaseStage, RiskLevel, Role};

/// Most cases listed per alert kind.
pub const ALERT_LIMIT: i64 = 200;

/// The open stages, in order: the columns of the per-stage counts.
pub const OPEN_STAGES: [CaseStage; 5] = [
    CaseStage::Intake,
    CaseStage::Assessment,
    CaseStage::Contract,
    CaseStage::Intervention,
    CaseStage::Closure,
];

/// Risk levels from the most urgent, then "not assessed": the columns of the
/// per-risk counts.
pub const RISK_COLUMNS: [Option<RiskLevel>; 5] = [
    Some(RiskLevel::Critical),
    Some(RiskLevel::High),
    Some(RiskLevel::Medium),
    Some(RiskLevel::Low),
    None,
];

/// One worker's open cases.
#[derive(Debug, Clone, Serialize)]
pub struct WorkerLoad {
    /// The worker (`None`: cases nobody has taken yet).
    pub worker_id: Option<String>,
    /// Their name.
    pub name: Option<String>,
    /// Open cases in each of [`OPEN_STAGES`].
    pub by_stage: [i64; 5],
    /// Open cases at each of [`RISK_COLUMNS`].
    pub by_risk: [i64; 5],
    /// All their open cases.
    pub total: i64,
}

/// A case that calls for attention.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    /// Why.
    pub kind: AlertKind,
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
    /// The case's team (whose workers may take it over).
    pub team_id: Option<String>,
    /// The case's version, for a reassignment form.
    pub version: i64,
    /// When the clock started: entered intake, the last contact, the last session
    /// or risk assessment, or the passed target date.
    pub since: NaiveDate,
    /// Whole days since then.
    pub days: i64,
    /// The last session held, where it matters (risk alerts).
    pub last_session: Option<NaiveDate>,
}

/// Everything the oversight screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct Oversight {
    /// Per worker of the teams (and anyone else holding their cases), by name;
    /// unassigned cases last.
    pub workers: Vec<WorkerLoad>,
    /// Alerts, by kind, the longest waiting first.
    pub alerts: Vec<Alert>,
    /// Some kind had more than [`ALERT_LIMIT`] cases.
    pub alerts_truncated: bool,
    /// The thresholds used.
    #[serde(skip)]
    pub thresholds: AlertThresholds,
}

fn stage_column(stage: &str) -> Option<usize> {
    OPEN_STAGES.iter().position(|s| s.as_str() == stage)
}

fn risk_column(risk: Option<&str>) -> usize {
    RISK_COLUMNS
        .iter()
        .position(|r| r.map(|r| r.as_str()) == risk)
        .unwrap_or(RISK_COLUMNS.len() - 1)
}

/// The social workers of the scope's teams (active accounts): (id, name).
fn team_workers(conn: &mut DbConnection, scope: &CaseScope) -> StoreResult<Vec<(String, String)>> {
    Ok(team_members::table
        .inner_join(users::table)
        .filter(team_members::team_id.eq_any(scope.team_ids.clone()))
        .filter(users::organisation_id.eq(scope.organisation_id.clone()))
        .filter(users::role.eq(Role::SocialWorker.as_str()))
        .filter(users::disabled_at.is_null())
        .select((users::id, users::display_name))
        .distinct()
        .load(conn)?)
}

type CountRow = (Option<String>, String, Option<String>, i64);

/// Open cases counted per worker, stage and risk.
macro_rules! grouped {
    ($query:expr) => {
        $query
            .filter(cases::stage.ne(CaseStage::Closed.as_str()))
            .group_by((cases::assigned_worker_id, cases::stage, cases::risk_level))
            .select((
                cases::assigned_worker_id,
                cases::stage,
                cases::risk_level,
                dsl::count_star(),
            ))
    };
}

/// The scope's open cases per worker, stage and risk, counted in SQL in three
/// disjoint parts (the same cases as `in_scope!`), so that each part walks one
/// index: the teams' cases and the agency's cases without a team read only the
/// index on (organisation, team, worker, stage, risk); the viewer's own cases of
/// other teams come through the index on the assigned worker.
fn counts(conn: &mut DbConnection, scope: &CaseScope) -> StoreResult<Vec<CountRow>> {
    let org = scope.organisation_id.clone();
    let mut rows: Vec<CountRow> = grouped!(
        cases::table
            .filter(cases::organisation_id.eq(org.clone()))
            .filter(cases::team_id.eq_any(scope.team_ids.clone()))
    )
    .load(conn)?;
    if scope.include_unteamed {
        rows.extend(
            grouped!(
                cases::table
                    .filter(cases::organisation_id.eq(org.clone()))
                    .filter(cases::team_id.is_null())
            )
            .load::<CountRow>(conn)?,
        );
    }
    // The viewer's own cases not counted above.
    let own = cases::table
        .filter(cases::organisation_id.eq(org))
        .filter(cases::assigned_worker_id.eq(scope.viewer_id.clone()));
    let not_in_teams = cases::team_id.ne_all(scope.team_ids.clone());
    rows.extend(if scope.include_unteamed {
        grouped!(own.filter(not_in_teams)).load::<CountRow>(conn)?
    } else {
        grouped!(own.filter(cases::team_id.is_null().or(not_in_teams))).load::<CountRow>(conn)?
    });
    Ok(rows)
}

/// Open cases in scope per worker, stage and risk, with every social worker of
/// the teams (those without open cases too).
pub fn workloads(conn: &mut DbConnection, scope: &CaseScope) -> StoreResult<Vec<WorkerLoad>> {
    let rows = counts(conn, scope)?;
    let mut loads: HashMap<Option<String>, WorkerLoad> = HashMap::new();
    let empty = |worker_id: Option<String>, name: Option<String>| WorkerLoad {
        worker_id,
        name,
        by_stage: [0; 5],
        by_risk: [0; 5],
        total: 0,
    };
    for (id, name) in team_workers(conn, scope)? {
        loads.insert(Some(id.clone()), empty(Some(id), Some(name)));
    }
    for (worker, stage, risk, n) in rows {
        let load = loads
            .entry(worker.clone())
            .or_insert_with(|| empty(worker, None));
        if let Some(col) = stage_column(&stage) {
            load.by_stage[col] += n;
        }
        load.by_risk[risk_column(risk.as_deref())] += n;
        load.total += n;
    }
    let unnamed: Vec<String> = loads
        .values()
        .filter(|l| l.name.is_none())
        .filter_map(|l| l.worker_id.clone())
        .collect();
    let names = crate::db::organisations::display_names(conn, &unnamed)?;
    let mut loads: Vec<WorkerLoad> = loads
        .into_values()
        .map(|mut l| {
            if l.name.is_none() {
                l.name = l.worker_id.as_ref().and_then(|id| names.get(id).cloned());
            }
            l
        })
        .collect();
    loads.sort_by(|a, b| {
        (a.worker_id.is_none(), &a.name, &a.worker_id).cmp(&(
            b.worker_id.is_none(),
            &b.name,
            &b.worker_id,
        ))
    });
    Ok(loads)
}

type AlertRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
    NaiveDateTime,
);

/// Open cases in scope with client and worker, as a boxed query.
macro_rules! alert_cases {
    ($scope:expr) => {{
        let query = cases::table
            .inner_join(clients::table)
            .left_join(users::table.on(cases::assigned_worker_id.eq(users::id.nullable())))
            .select((
                cases::id,
                cases::reference,
                cases::case_type,
                cases::stage,
                cases::risk_level,
                clients::full_name,
                cases::assigned_worker_id,
                users::display_name.nullable(),
                cases::team_id,
                cases::version,
                cases::opened_at,
            ))
            .into_boxed();
        in_scope!(query, $scope)
    }};
}

/// Nothing recorded with the client since `cutoff` (sessions held, stage records saved).
macro_rules! no_record_since {
    ($query:expr, $cutoff:expr, $cutoff_date:expr) => {{
        let (cutoff, day) = ($cutoff, $cutoff_date);
        $query
            .filter(not(exists(
                sessions::table
                    .filter(sessions::case_id.eq(cases::id))
                    .filter(sessions::held_on.ge(day)),
            )))
            .filter(not(exists(
                intake_records::table
                    .filter(intake_records::case_id.eq(cases::id))
                    .filter(intake_records::updated_at.ge(cutoff)),
            )))
            .filter(not(exists(
                assessment_records::table
                    .filter(assessment_records::case_id.eq(cases::id))
                    .filter(assessment_records::updated_at.ge(cutoff)),
            )))
            .filter(not(exists(
                contract_records::table
                    .filter(contract_records::case_id.eq(cases::id))
                    .filter(contract_records::updated_at.ge(cutoff)),
            )))
            .filter(not(exists(
                closure_records::table
                    .filter(closure_records::case_id.eq(cases::id))
                    .filter(closure_records::updated_at.ge(cutoff)),
            )))
    }};
}

const CONTACT_STAGES: [&str; 3] = ["assessment", "contract", "intervention"];
const HIGH_RISK: [&str; 2] = ["critical", "high"];

/// The cases of each alert kind, at most [`ALERT_LIMIT`] each, undecorated.
fn alert_rows(
    conn: &mut DbConnection,
    scope: &CaseScope,
    t: AlertThresholds,
    now: NaiveDateTime,
) -> StoreResult<Vec<(AlertKind, Vec<AlertRow>)>> {
    let today = now.date();
    let order = (cases::opened_at.asc(), cases::id.asc());

    let cutoff = now - TimeDelta::days(t.intake_days);
    let intake: Vec<AlertRow> = alert_cases!(scope)
        .filter(cases::stage.eq(CaseStage::Intake.as_str()))
        .filter(cases::opened_at.le(cutoff))
        .filter(not(exists(
            case_transitions::table
                .filter(case_transitions::case_id.eq(cases::id))
                .filter(case_transitions::occurred_at.gt(cutoff)),
        )))
        .order(order)
        .limit(ALERT_LIMIT + 1)
        .load(conn)?;

    let cutoff = now - TimeDelta::days(t.no_contact_days);
    let day = today - TimeDelta::days(t.no_contact_days);
    let no_contact: Vec<AlertRow> = no_record_since!(
        alert_cases!(scope)
            .filter(cases::stage.eq_any(CONTACT_STAGES))
            .filter(cases::opened_at.le(cutoff)),
        cutoff,
        day
    )
    .order(order)
    .limit(ALERT_LIMIT + 1)
    .load(conn)?;

    let cutoff = now - TimeDelta::days(t.risk_session_days);
    let day = today - TimeDelta::days(t.risk_session_days);
    let risk: Vec<AlertRow> = alert_cases!(scope)
        .filter(cases::stage.eq_any(CONTACT_STAGES))
        .filter(cases::risk_level.eq_any(HIGH_RISK))
        .filter(not(exists(
            sessions::table
                .filter(sessions::case_id.eq(cases::id))
                .filter(sessions::held_on.ge(day)),
        )))
        .filter(not(exists(
            assessment_records::table
                .filter(assessment_records::case_id.eq(cases::id))
                .filter(assessment_records::updated_at.ge(cutoff)),
        )))
        .order(order)
        .limit(ALERT_LIMIT + 1)
        .load(conn)?;

    let past_target: Vec<AlertRow> = alert_cases!(scope)
        .filter(cases::stage.eq(CaseStage::Intervention.as_str()))
        .filter(exists(
            goals::table
                .filter(goals::case_id.eq(cases::id))
                .filter(goals::attainment.is_null())
                .filter(goals::target_date.lt(today)),
        ))
        .order(order)
        .limit(ALERT_LIMIT + 1)
        .load(conn)?;

    Ok(vec![
        (AlertKind::IntakeNotAssessed, intake),
        (AlertKind::NoContact, no_contact),
        (AlertKind::RiskWithoutSession, risk),
        (AlertKind::PlanPastTarget, past_target),
    ])
}

/// The dates behind the alerts of the cases found: one grouped query per table.
#[derive(Default)]
struct Dates {
    last_session: HashMap<String, NaiveDate>,
    last_transition: HashMap<String, NaiveDateTime>,
    last_record: HashMap<String, NaiveDateTime>,
    assessed: HashMap<String, NaiveDateTime>,
    passed_target: HashMap<String, NaiveDate>,
}

fn dates(conn: &mut DbConnection, ids: &[String], today: NaiveDate) -> StoreResult<Dates> {
    let mut d = Dates::default();
    if ids.is_empty() {
        return Ok(d);
    }
    d.last_session = sessions::table
        .filter(sessions::case_id.eq_any(ids))
        .group_by(sessions::case_id)
        .select((sessions::case_id, dsl::max(sessions::held_on)))
        .load::<(String, Option<NaiveDate>)>(conn)?
        .into_iter()
        .filter_map(|(id, at)| Some((id, at?)))
        .collect();
    d.last_transition = case_transitions::table
        .filter(case_transitions::case_id.eq_any(ids))
        .group_by(case_transitions::case_id)
        .select((
            case_transitions::case_id,
            dsl::max(case_transitions::occurred_at),
        ))
        .load::<(String, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(id, at)| Some((id, at?)))
        .collect();
    macro_rules! saves {
        ($table:ident) => {
            $table::table
                .filter($table::case_id.eq_any(ids))
                .select(($table::case_id, $table::updated_at))
                .load::<(String, NaiveDateTime)>(conn)?
        };
    }
    let assessed = saves!(assessment_records);
    for (id, at) in saves!(intake_records)
        .into_iter()
        .chain(assessed.iter().cloned())
        .chain(saves!(contract_records))
        .chain(saves!(closure_records))
    {
        let e = d.last_record.entry(id).or_insert(at);
        *e = (*e).max(at);
    }
    d.assessed = assessed.into_iter().collect();
    d.passed_target = goals::table
        .filter(goals::case_id.eq_any(ids))
        .filter(goals::attainment.is_null())
        .filter(goals::target_date.lt(today))
        .group_by(goals::case_id)
        .select((goals::case_id, dsl::min(goals::target_date)))
        .load::<(String, Option<NaiveDate>)>(conn)?
        .into_iter()
        .filter_map(|(id, at)| Some((id, at?)))
        .collect();
    Ok(d)
}

/// The alerts of the cases in scope at `now`; see the module documentation.
pub fn alerts(
    conn: &mut DbConnection,
    scope: &CaseScope,
    thresholds: AlertThresholds,
    now: NaiveDateTime,
) -> StoreResult<(Vec<Alert>, bool)> {
    let found = alert_rows(conn, scope, thresholds, now)?;
    let truncated = found
        .iter()
        .any(|(_, rows)| rows.len() as i64 > ALERT_LIMIT);
    let mut ids: Vec<String> = found
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|r| r.0.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    let today = now.date();
    let d = dates(conn, &ids, today)?;
    let mut alerts = Vec::new();
    for (kind, rows) in found {
        for row in rows.into_iter().take(ALERT_LIMIT as usize) {
            let id = &row.0;
            let opened = row.10;
            let last_session = d.last_session.get(id).copied();
            let since: NaiveDate = match kind {
                AlertKind::IntakeNotAssessed => d
                    .last_transition
                    .get(id)
                    .map_or(opened, |t| (*t).max(opened))
                    .date(),
                AlertKind::NoContact => {
                    let record = d.last_record.get(id).map_or(opened, |r| (*r).max(opened));
                    last_session.map_or(record.date(), |s| s.max(record.date()))
                }
                AlertKind::RiskWithoutSession => {
                    let assessed = d.assessed.get(id).map_or(opened, |a| *a).date();
                    last_session.map_or(assessed, |s| s.max(assessed))
                }
                AlertKind::PlanPastTarget => d.passed_target.get(id).copied().unwrap_or(today),
            };
            alerts.push(Alert {
                kind,
                case_id: row.0,
                reference: row.1,
                case_type: row.2,
                stage: row.3,
                risk_level: row.4,
                client_name: row.5,
                worker_id: row.6,
                worker_name: row.7,
                team_id: row.8,
                version: row.9,
                since,
                days: (today - since).num_days(),
                last_session: (kind == AlertKind::RiskWithoutSession)
                    .then_some(last_session)
                    .flatten(),
            });
        }
    }
    alerts.sort_by(|a, b| (a.kind, -a.days, &a.reference).cmp(&(b.kind, -b.days, &b.reference)));
    Ok((alerts, truncated))
}

/// The whole oversight picture of `scope` at `now`.
pub fn oversight(
    conn: &mut DbConnection,
    scope: &CaseScope,
    thresholds: AlertThresholds,
    now: NaiveDateTime,
) -> StoreResult<Oversight> {
    let workers = workloads(conn, scope)?;
    let (alerts, alerts_truncated) = alerts(conn, scope, thresholds, now)?;
    Ok(Oversight {
        workers,
        alerts,
        alerts_truncated,
        thresholds,
    })
}

/// Per team (`None`: the agency's cases without a team), the social workers
/// (id, name) who may take its cases over.
pub type ReassignmentChoices = HashMap<Option<String>, Vec<(String, String)>>;

/// The social workers who may take over the cases of each team of `scope`, and
/// (under `None`) of the agency's cases without a team.
pub fn reassignment_choices(
    conn: &mut DbConnection,
    scope: &CaseScope,
) -> StoreResult<ReassignmentChoices> {
    let mut choices = HashMap::new();
    for team in &scope.team_ids {
        let workers =
            super::assignments::eligible_workers(conn, &scope.organisation_id, Some(team))?;
        choices.insert(Some(team.clone()), workers);
    }
    if scope.include_unteamed {
        choices.insert(
            None,
            super::assignments::eligible_workers(conn, &scope.organisation_id, None)?,
        );
    }
    Ok(choices)
}
