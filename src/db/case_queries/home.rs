//! The home page's lists: a caseload, the intake queue, closures awaiting a
//! supervisor's sign-off, and goals that are due; and what "overdue" means.
//!
//! What counts as overdue, from the data the system has:
//! - an intake not advanced within [`INTAKE_OVERDUE_DAYS`] days of entering the
//!   stage (opening, or a step back into intake);
//! - any other open case with no change for [`NO_ACTIVITY_OVERDUE_DAYS`] days.
//!   Every recorded session or record change updates the case's last change, and
//!   sessions cannot be dated in the future, so this is "no session and no change";
//! - in contract or intervention, a goal whose target date has passed and whose
//!   attainment is not rated yet (rating happens at closure).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::dsl;
use diesel::prelude::*;

use super::CaseScope;
use crate::db::schema::{approval_policies, case_transitions, cases, clients, goals, users};
use crate::db::{DbConnection, StoreResult};
use crate::domain::vocab::CaseStage;

/// An intake is overdue when not advanced within this many days.
pub const INTAKE_OVERDUE_DAYS: i64 = 3;
/// An open case is overdue after this many days without any change or session.
pub const NO_ACTIVITY_OVERDUE_DAYS: i64 = 14;
/// Goals with a target date within this many days are "due".
pub const DUE_WINDOW_DAYS: i64 = 14;

/// Why a case is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overdue {
    /// At intake for this many days.
    IntakeWaiting {
        /// Whole days since the case entered intake.
        days: i64,
    },
    /// No change and no session for this many days.
    NoActivity {
        /// Whole days since the last change.
        days: i64,
    },
    /// A goal's target date passed.
    GoalPassed {
        /// The earliest passed target date of a goal not yet rated.
        target: NaiveDate,
    },
}

/// An open case as the home page shows it.
#[derive(Debug, Clone)]
pub struct CaseCard {
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Case type code.
    pub case_type: String,
    /// Stage code.
    pub stage: String,
    /// Risk level code, once assessed.
    pub risk_level: Option<String>,
    /// The client's name.
    pub client_name: String,
    /// The assigned worker.
    pub worker_id: Option<String>,
    /// Their name.
    pub worker_name: Option<String>,
    /// Opened.
    pub opened_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// When the case entered its current stage (last transition, or opening).
    pub stage_since: NaiveDateTime,
    /// Why it is overdue, if it is.
    pub overdue: Vec<Overdue>,
}

impl CaseCard {
    /// High or critical risk, or overdue: shown first.
    pub fn needs_attention(&self) -> bool {
        super::is_high_risk(self.risk_level.as_deref()) || !self.overdue.is_empty()
    }
}

/// Why a case is overdue at `now` (see the module documentation).
pub fn overdue_reasons(
    stage: CaseStage,
    stage_since: NaiveDateTime,
    updated_at: NaiveDateTime,
    earliest_passed_goal: Option<NaiveDate>,
    now: NaiveDateTime,
) -> Vec<Overdue> {
    let mut reasons = Vec::new();
    match stage {
        CaseStage::Closed => return reasons,
        CaseStage::Intake => {
            let days = (now - stage_since).num_days();
            if days >= INTAKE_OVERDUE_DAYS {
                reasons.push(Overdue::IntakeWaiting { days });
            }
        }
        _ => {
            let days = (now - updated_at).num_days();
            if days >= NO_ACTIVITY_OVERDUE_DAYS {
                reasons.push(Overdue::NoActivity { days });
            }
        }
    }
    if matches!(stage, CaseStage::Contract | CaseStage::Intervention)
        && let Some(target) =
            earliest_passed_goal.filter(|t| *t < crate::local_time::local_day(now))
    {
        reasons.push(Overdue::GoalPassed { target });
    }
    reasons
}

type CardRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    NaiveDateTime,
    NaiveDateTime,
);

/// Open cases in scope, joined to client and worker, as a boxed query.
macro_rules! open_cards {
    ($scope:expr) => {{
        let query = cases::table
            .inner_join(clients::table)
            .left_join(users::table.on(cases::assigned_worker_id.eq(users::id.nullable())))
            .filter(cases::stage.ne(CaseStage::Closed.as_str()))
            .select((
                cases::id,
                cases::reference,
                cases::case_type,
                cases::stage,
                cases::risk_level,
                clients::full_name,
                cases::assigned_worker_id,
                users::display_name.nullable(),
                cases::opened_at,
                cases::updated_at,
            ))
            .into_boxed();
        in_scope!(query, $scope)
    }};
}

fn card(row: CardRow) -> CaseCard {
    let (id, reference, case_type, stage, risk_level, client_name, worker_id, worker_name, o, u) =
        row;
    CaseCard {
        id,
        reference,
        case_type,
        stage,
        risk_level,
        client_name,
        worker_id,
        worker_name,
        opened_at: o,
        updated_at: u,
        stage_since: o,
        overdue: Vec::new(),
    }
}

const HIGH_RISK: [&str; 2] = ["critical", "high"];

/// The open cases of a caseload, at most `limit`: high and critical risk first,
/// then the longest untouched. `mine_only` keeps the cases assigned to the
/// viewer (a social worker's caseload); otherwise the whole scope (a supervisor's
/// teams). Decorated with stage dates and overdue reasons.
pub fn caseload(
    conn: &mut DbConnection,
    scope: &CaseScope,
    mine_only: bool,
    now: NaiveDateTime,
    limit: i64,
) -> StoreResult<Vec<CaseCard>> {
    let mut high = open_cards!(scope).filter(cases::risk_level.eq_any(HIGH_RISK));
    if mine_only {
        high = high.filter(cases::assigned_worker_id.eq(scope.viewer_id.clone()));
    }
    let mut rows: Vec<CardRow> = high
        .order((cases::updated_at.asc(), cases::id.asc()))
        .limit(limit)
        .load(conn)?;
    let mut rest = open_cards!(scope).filter(
        cases::risk_level
            .is_null()
            .or(cases::risk_level.ne_all(HIGH_RISK)),
    );
    if mine_only {
        rest = rest.filter(cases::assigned_worker_id.eq(scope.viewer_id.clone()));
    }
    let remaining = limit - rows.len() as i64;
    if remaining > 0 {
        rows.extend(
            rest.order((cases::updated_at.asc(), cases::id.asc()))
                .limit(remaining)
                .load::<CardRow>(conn)?,
        );
    }
    decorate(conn, rows.into_iter().map(card).collect(), now)
}

/// Intake cases in scope that nobody has taken yet, or that wait on the viewer;
/// oldest first.
pub fn intake_queue(
    conn: &mut DbConnection,
    scope: &CaseScope,
    now: NaiveDateTime,
    limit: i64,
) -> StoreResult<Vec<CaseCard>> {
    let rows: Vec<CardRow> = open_cards!(scope)
        .filter(cases::stage.eq(CaseStage::Intake.as_str()))
        .filter(
            cases::assigned_worker_id
                .is_null()
                .or(cases::assigned_worker_id.eq(scope.viewer_id.clone())),
        )
        .order((cases::opened_at.asc(), cases::id.asc()))
        .limit(limit)
        .load(conn)?;
    decorate(conn, rows.into_iter().map(card).collect(), now)
}

/// Cases in scope at closure, waiting for a supervisor to sign off; oldest first.
/// The viewer's own cases are left out: another supervisor signs those off; so
/// are case types whose closures the agency does not ask supervisors to sign off
/// (`approval_policies`, see docs/supervision.md).
pub fn awaiting_sign_off(
    conn: &mut DbConnection,
    scope: &CaseScope,
    now: NaiveDateTime,
    limit: i64,
) -> StoreResult<Vec<CaseCard>> {
    let rows: Vec<CardRow> = open_cards!(scope)
        .filter(cases::stage.eq(CaseStage::Closure.as_str()))
        .filter(
            cases::assigned_worker_id
                .is_null()
                .or(cases::assigned_worker_id.ne(scope.viewer_id.clone())),
        )
        .filter(diesel::dsl::not(diesel::dsl::exists(
            approval_policies::table
                .filter(approval_policies::organisation_id.eq(cases::organisation_id))
                .filter(approval_policies::case_type.eq(cases::case_type))
                .filter(approval_policies::closure_required.eq(false)),
        )))
        .order((cases::updated_at.asc(), cases::id.asc()))
        .limit(limit)
        .load(conn)?;
    decorate(conn, rows.into_iter().map(card).collect(), now)
}

/// Adds when each case entered its stage and why it is overdue: two grouped
/// queries for all the cards at once.
fn decorate(
    conn: &mut DbConnection,
    mut cards: Vec<CaseCard>,
    now: NaiveDateTime,
) -> StoreResult<Vec<CaseCard>> {
    if cards.is_empty() {
        return Ok(cards);
    }
    let ids: Vec<String> = cards.iter().map(|c| c.id.clone()).collect();
    let entered: HashMap<String, Option<NaiveDateTime>> = case_transitions::table
        .filter(case_transitions::case_id.eq_any(&ids))
        .group_by(case_transitions::case_id)
        .select((
            case_transitions::case_id,
            dsl::max(case_transitions::occurred_at),
        ))
        .load::<(String, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .collect();
    let passed_goals: HashMap<String, Option<NaiveDate>> = goals::table
        .filter(goals::case_id.eq_any(&ids))
        .filter(goals::attainment.is_null())
        .filter(goals::target_date.lt(crate::local_time::local_day(now)))
        .group_by(goals::case_id)
        .select((goals::case_id, dsl::min(goals::target_date)))
        .load::<(String, Option<NaiveDate>)>(conn)?
        .into_iter()
        .collect();
    for c in &mut cards {
        if let Some(Some(at)) = entered.get(&c.id) {
            c.stage_since = *at;
        }
        if let Ok(stage) = c.stage.parse::<CaseStage>() {
            let goal = passed_goals.get(&c.id).copied().flatten();
            c.overdue = overdue_reasons(stage, c.stage_since, c.updated_at, goal, now);
        }
    }
    Ok(cards)
}

/// A goal with a target date that has passed or falls within [`DUE_WINDOW_DAYS`].
#[derive(Debug, Clone, Queryable)]
pub struct DueGoal {
    /// The case.
    pub case_id: String,
    /// Its reference.
    pub reference: String,
    /// The client's name.
    pub client_name: String,
    /// What the goal is.
    pub description: String,
    /// When it should be reached.
    pub target_date: NaiveDate,
}

/// Goals not yet rated of open cases before closure, due by `today` plus
/// [`DUE_WINDOW_DAYS`] (passed ones first); `mine_only` as in [`caseload`].
pub fn due_goals(
    conn: &mut DbConnection,
    scope: &CaseScope,
    mine_only: bool,
    today: NaiveDate,
    limit: i64,
) -> StoreResult<Vec<DueGoal>> {
    let until = today + TimeDelta::days(DUE_WINDOW_DAYS);
    let query = goals::table
        .inner_join(cases::table.inner_join(clients::table))
        .filter(cases::stage.ne_all([CaseStage::Closure.as_str(), CaseStage::Closed.as_str()]))
        .filter(goals::attainment.is_null())
        .filter(goals::target_date.le(until))
        .select((
            cases::id,
            cases::reference,
            clients::full_name,
            goals::description,
            goals::target_date.assume_not_null(),
        ))
        .into_boxed();
    let mut query = in_scope!(query, scope);
    if mine_only {
        query = query.filter(cases::assigned_worker_id.eq(scope.viewer_id.clone()));
    }
    Ok(query
        .order((
            goals::target_date.asc(),
            cases::reference.asc(),
            goals::position.asc(),
        ))
        .limit(limit)
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    #[test]
    fn overdue_rules() {
        let now = at(30);
        let date = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(
            overdue_reasons(CaseStage::Intake, at(26), at(29), None, now),
            vec![Overdue::IntakeWaiting { days: 4 }]
        );
        assert!(overdue_reasons(CaseStage::Intake, at(28), at(28), None, now).is_empty());
        assert_eq!(
            overdue_reasons(CaseStage::Assessment, at(1), at(15), None, now),
            vec![Overdue::NoActivity { days: 15 }]
        );
        assert!(overdue_reasons(CaseStage::Assessment, at(1), at(20), None, now).is_empty());
        assert_eq!(
            overdue_reasons(CaseStage::Intervention, at(1), at(29), Some(date(20)), now),
            vec![Overdue::GoalPassed { target: date(20) }]
        );
        assert!(
            overdue_reasons(CaseStage::Closure, at(1), at(29), Some(date(20)), now).is_empty(),
            "goals are rated at closure, not chased"
        );
        assert!(overdue_reasons(CaseStage::Closed, at(1), at(1), None, now).is_empty());
    }
}
