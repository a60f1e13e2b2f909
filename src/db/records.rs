//! The stage records of a case: intake, assessment, contract with goals,
//! intervention sessions, closure, and the type-specific details.
//!
//! Every save claims the case's next version first (see
//! [`super::cases::claim_version`]), checks that the stage allows the edit, and
//! writes in the caller's transaction. Drafts are allowed: fields may stay empty
//! until the workflow's guards need them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::cases::{Case, claim_version};
use super::schema::*;
use super::{DbConnection, StoreError, StoreResult, new_id, now};
use crate::domain::editing::{Section, may_edit};
use crate::domain::validation::*;

/// Inserts the record, or replaces it where the case already has one.
macro_rules! upsert {
    ($conn:expr, $table:ident, $case_id:expr, $record:expr) => {{
        let exists: i64 = $table::table
            .filter($table::case_id.eq($case_id))
            .count()
            .get_result($conn)?;
        if exists > 0 {
            diesel::update($table::table.filter($table::case_id.eq($case_id)))
                .set($record)
                .execute($conn)?;
        } else {
            diesel::insert_into($table::table)
                .values($record)
                .execute($conn)?;
        }
    }};
}
pub(super) use upsert;

/// Claims the next version and checks that `section` may change in the case's stage.
pub(super) fn begin_edit(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    section: Section,
) -> StoreResult<Case> {
    let case = claim_version(conn, case_id, version)?;
    may_edit(case.stage()?, section).map_err(StoreError::EditRefused)?;
    Ok(case)
}

/// 接案.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = intake_records, treat_none_as_null = true)]
#[expect(missing_docs, reason = "fields mirror IntakeInput, documented there")]
pub struct IntakeRecord {
    pub case_id: String,
    pub channel: Option<String>,
    pub presenting_problem: Option<String>,
    pub urgency: Option<String>,
    pub consent_service: bool,
    pub consent_sensitive: bool,
    pub guardian_consent: bool,
    /// Who recorded the consents as they now stand.
    pub consent_recorded_by: Option<String>,
    /// When.
    pub consent_recorded_at: Option<NaiveDateTime>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// Saves the intake record.
pub fn save_intake(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    input: IntakeInput,
    actor_id: &str,
) -> StoreResult<Case> {
    input.validate().map_err(StoreError::Invalid)?;
    let case = begin_edit(conn, case_id, version, Section::Intake)?;
    let previous: Option<IntakeRecord> = intake_records::table
        .find(case_id)
        .select(IntakeRecord::as_select())
        .first(conn)
        .optional()?;
    let consents = (
        input.consent_service,
        input.consent_sensitive,
        input.guardian_consent,
    );
    let at = now();
    // Who recorded consent, and when, is kept until the consents themselves change.
    let (consent_by, consent_at) = match &previous {
        Some(p) if (p.consent_service, p.consent_sensitive, p.guardian_consent) == consents => {
            (p.consent_recorded_by.clone(), p.consent_recorded_at)
        }
        _ if consents == (false, false, false) => (None, None),
        _ => (Some(actor_id.to_owned()), Some(at)),
    };
    let record = IntakeRecord {
        case_id: case_id.to_owned(),
        channel: input.channel.map(|c| c.as_str().to_owned()),
        presenting_problem: clean(input.presenting_problem),
        urgency: input.urgency.map(|u| u.as_str().to_owned()),
        consent_service: input.consent_service,
        consent_sensitive: input.consent_sensitive,
        guardian_consent: input.guardian_consent,
        consent_recorded_by: consent_by,
        consent_recorded_at: consent_at,
        updated_by: actor_id.to_owned(),
        updated_at: at,
    };
    upsert!(conn, intake_records, case_id, &record);
    super::evaluation::snapshots::copy_intake_channel(conn, case_id, record.channel.as_deref())?;
    Ok(case)
}

/// 预估.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = assessment_records, treat_none_as_null = true)]
#[expect(
    missing_docs,
    reason = "fields mirror AssessmentInput, documented there"
)]
pub struct AssessmentRecord {
    pub case_id: String,
    pub physiological: Option<String>,
    pub psychological: Option<String>,
    pub social: Option<String>,
    pub risk_level: Option<String>,
    pub risk_screening: Option<String>,
    pub needs: Option<String>,
    pub strengths: Option<String>,
    pub who5_baseline: Option<i32>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// Saves the assessment; the case's risk level follows it.
pub fn save_assessment(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    input: AssessmentInput,
    actor_id: &str,
) -> StoreResult<Case> {
    input.validate().map_err(StoreError::Invalid)?;
    let mut case = begin_edit(conn, case_id, version, Section::Assessment)?;
    let risk = input.risk_level.map(|r| r.as_str().to_owned());
    let record = AssessmentRecord {
        case_id: case_id.to_owned(),
        physiological: clean(input.physiological),
        psychological: clean(input.psychological),
        social: clean(input.social),
        risk_level: risk.clone(),
        risk_screening: clean(input.risk_screening),
        needs: clean(input.needs),
        strengths: clean(input.strengths),
        who5_baseline: input.who5_baseline,
        updated_by: actor_id.to_owned(),
        updated_at: now(),
    };
    upsert!(conn, assessment_records, case_id, &record);
    diesel::update(cases::table.find(case_id))
        .set(cases::risk_level.eq(&risk))
        .execute(conn)?;
    case.risk_level = risk;
    Ok(case)
}

/// The stored baseline WHO-5 score, for a form saved without answering the
/// questions again: the score is kept from the database, never taken from the
/// browser.
pub fn stored_who5_baseline(conn: &mut DbConnection, case_id: &str) -> StoreResult<Option<i32>> {
    Ok(assessment_records::table
        .find(case_id)
        .select(assessment_records::who5_baseline)
        .first::<Option<i32>>(conn)
        .optional()?
        .flatten())
}

/// The stored closing WHO-5 score (see [`stored_who5_baseline`]).
pub fn stored_who5_closing(conn: &mut DbConnection, case_id: &str) -> StoreResult<Option<i32>> {
    Ok(closure_records::table
        .find(case_id)
        .select(closure_records::who5_closing)
        .first::<Option<i32>>(conn)
        .optional()?
        .flatten())
}

/// 计划及合约.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = contract_records, treat_none_as_null = true)]
#[expect(missing_docs, reason = "fields mirror ContractInput, documented there")]
pub struct ContractRecord {
    pub case_id: String,
    pub services: Option<String>,
    pub frequency: Option<String>,
    pub client_agreed: bool,
    pub agreed_on: Option<chrono::NaiveDate>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// A goal of the plan, with its attainment once rated.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = goals)]
#[expect(missing_docs, reason = "fields mirror GoalInput, documented there")]
pub struct Goal {
    pub id: String,
    pub case_id: String,
    pub position: i32,
    pub description: String,
    pub indicator: Option<String>,
    pub target_date: Option<chrono::NaiveDate>,
    /// Goal attainment scale, −2..+2, rated at closure.
    pub attainment: Option<i32>,
    pub created_at: NaiveDateTime,
}

/// The goals of a case, in plan order.
pub fn load_goals(conn: &mut DbConnection, case_id: &str) -> StoreResult<Vec<Goal>> {
    Ok(goals::table
        .filter(goals::case_id.eq(case_id))
        .order(goals::position.asc())
        .select(Goal::as_select())
        .load(conn)?)
}

/// Saves the plan: the contract record, and the goal list, which replaces the old one
/// (goals sent with their id are kept and updated, others are added or removed).
pub fn save_contract(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    input: ContractInput,
    actor_id: &str,
) -> StoreResult<Case> {
    input
        .validate(crate::local_time::local_day(now()))
        .map_err(StoreError::Invalid)?;
    let case = begin_edit(conn, case_id, version, Section::Contract)?;
    let existing: Vec<String> = load_goals(conn, case_id)?
        .into_iter()
        .map(|g| g.id)
        .collect();
    let mut errors = Errors::default();
    for (i, goal) in input.goals.iter().enumerate() {
        if let Some(id) = &goal.id
            && !existing.contains(id)
        {
            errors.unknown(format!("contract.goals.{i}.id"));
        }
    }
    errors.finish().map_err(StoreError::Invalid)?;

    let at = now();
    let kept: Vec<&String> = input.goals.iter().filter_map(|g| g.id.as_ref()).collect();
    diesel::delete(
        goals::table
            .filter(goals::case_id.eq(case_id))
            .filter(goals::id.ne_all(kept)),
    )
    .execute(conn)?;
    for (position, goal) in input.goals.into_iter().enumerate() {
        let position = position as i32;
        let description = goal.description.trim().to_owned();
        let indicator = clean(goal.indicator);
        match goal.id {
            Some(id) => {
                diesel::update(goals::table.find(id))
                    .set((
                        goals::position.eq(position),
                        goals::description.eq(description),
                        goals::indicator.eq(indicator),
                        goals::target_date.eq(goal.target_date),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(goals::table)
                    .values(&Goal {
                        id: new_id(),
                        case_id: case_id.to_owned(),
                        position,
                        description,
                        indicator,
                        target_date: goal.target_date,
                        attainment: None,
                        created_at: at,
                    })
                    .execute(conn)?;
            }
        }
    }
    let record = ContractRecord {
        case_id: case_id.to_owned(),
        services: clean(input.services),
        frequency: clean(input.frequency),
        client_agreed: input.client_agreed,
        agreed_on: input.agreed_on,
        updated_by: actor_id.to_owned(),
        updated_at: at,
    };
    upsert!(conn, contract_records, case_id, &record);
    Ok(case)
}

/// 介入: one session of the intervention.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = sessions)]
#[expect(missing_docs, reason = "fields mirror SessionInput, documented there")]
pub struct Session {
    pub id: String,
    pub case_id: String,
    pub held_on: chrono::NaiveDate,
    pub duration_minutes: i32,
    pub mode: String,
    pub participants: Option<String>,
    pub notes: Option<String>,
    pub services_delivered: Option<String>,
    pub recorded_by: String,
    pub recorded_at: NaiveDateTime,
}

/// Logs a session. The version check makes a double submission a conflict, not a duplicate.
pub fn add_session(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    input: SessionInput,
    actor_id: &str,
) -> StoreResult<(Case, Session)> {
    let at = now();
    input
        .validate(crate::local_time::local_day(at))
        .map_err(StoreError::Invalid)?;
    let case = begin_edit(conn, case_id, version, Section::Sessions)?;
    let goals = load_goals(conn, case_id)?;
    let mut errors = Errors::default();
    for (i, p) in input.goal_progress.iter().enumerate() {
        if !goals.iter().any(|g| g.id == p.goal_id) {
            errors.unknown(format!("session.goal_progress.{i}"));
        }
    }
    errors.finish().map_err(StoreError::Invalid)?;
    let session = Session {
        id: new_id(),
        case_id: case_id.to_owned(),
        held_on: input.held_on,
        duration_minutes: input.duration_minutes,
        mode: input.mode.as_str().to_owned(),
        participants: clean(input.participants),
        notes: clean(input.notes),
        services_delivered: clean(input.services_delivered),
        recorded_by: actor_id.to_owned(),
        recorded_at: at,
    };
    diesel::insert_into(sessions::table)
        .values(&session)
        .execute(conn)?;
    let progress: Vec<SessionGoalProgress> = input
        .goal_progress
        .into_iter()
        .filter_map(|p| {
            let goal = goals.iter().find(|g| g.id == p.goal_id)?;
            Some(SessionGoalProgress {
                id: new_id(),
                session_id: session.id.clone(),
                goal_id: Some(goal.id.clone()),
                goal_description: goal.description.clone(),
                progress: p.progress.as_str().to_owned(),
                note: clean(p.note),
            })
        })
        .collect();
    // One row at a time: MultiConnection has no batch insert for SQLite.
    for row in &progress {
        diesel::insert_into(session_goal_progress::table)
            .values(row)
            .execute(conn)?;
    }
    Ok((case, session))
}

/// The sessions of a case, oldest first.
pub fn load_sessions(conn: &mut DbConnection, case_id: &str) -> StoreResult<Vec<Session>> {
    Ok(sessions::table
        .filter(sessions::case_id.eq(case_id))
        .order((sessions::held_on.asc(), sessions::recorded_at.asc()))
        .select(Session::as_select())
        .load(conn)?)
}

/// Progress on one goal recorded at one session. The goal's wording is kept as it
/// was, so that a later revision of the plan does not rewrite the session log.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = session_goal_progress)]
pub struct SessionGoalProgress {
    /// Row id.
    pub id: String,
    /// The session.
    pub session_id: String,
    /// The goal, while the plan still holds it.
    pub goal_id: Option<String>,
    /// The goal as it was worded at the session.
    pub goal_description: String,
    /// A `GoalProgress` code.
    pub progress: String,
    /// A short note (confidential, as the session notes).
    pub note: Option<String>,
}

/// The goal progress recorded at the sessions of a case, in plan order per session.
pub fn load_goal_progress(
    conn: &mut DbConnection,
    case_id: &str,
) -> StoreResult<Vec<SessionGoalProgress>> {
    Ok(session_goal_progress::table
        .inner_join(sessions::table)
        .left_join(goals::table.on(goals::id.nullable().eq(session_goal_progress::goal_id)))
        .filter(sessions::case_id.eq(case_id))
        .order((
            session_goal_progress::session_id.asc(),
            goals::position.asc(),
            session_goal_progress::goal_description.asc(),
        ))
        .select(SessionGoalProgress::as_select())
        .load(conn)?)
}

/// 结案与评估.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize)]
#[diesel(table_name = closure_records, treat_none_as_null = true)]
#[expect(missing_docs, reason = "fields mirror ClosureInput, documented there")]
pub struct ClosureRecord {
    pub case_id: String,
    pub reason: Option<String>,
    pub who5_closing: Option<i32>,
    pub satisfaction: Option<i32>,
    pub summary: Option<String>,
    pub follow_up_plan: Option<String>,
    pub updated_by: String,
    pub updated_at: NaiveDateTime,
}

/// Saves the closure and rates the goals.
pub fn save_closure(
    conn: &mut DbConnection,
    case_id: &str,
    version: i64,
    input: ClosureInput,
    actor_id: &str,
) -> StoreResult<Case> {
    input.validate().map_err(StoreError::Invalid)?;
    let case = begin_edit(conn, case_id, version, Section::Closure)?;
    let goal_ids: Vec<String> = load_goals(conn, case_id)?
        .into_iter()
        .map(|g| g.id)
        .collect();
    let mut errors = Errors::default();
    for (i, rating) in input.goal_attainment.iter().enumerate() {
        if !goal_ids.contains(&rating.goal_id) {
            errors.unknown(format!("closure.goal_attainment.{i}"));
        }
    }
    errors.finish().map_err(StoreError::Invalid)?;
    for rating in &input.goal_attainment {
        diesel::update(goals::table.find(&rating.goal_id))
            .set(goals::attainment.eq(rating.attainment))
            .execute(conn)?;
    }
    let record = ClosureRecord {
        case_id: case_id.to_owned(),
        reason: input.reason.map(|r| r.as_str().to_owned()),
        who5_closing: input.who5_closing,
        satisfaction: input.satisfaction,
        summary: clean(input.summary),
        follow_up_plan: clean(input.follow_up_plan),
        updated_by: actor_id.to_owned(),
        updated_at: now(),
    };
    upsert!(conn, closure_records, case_id, &record);
    Ok(case)
}

/// Records why a case closed early, creating the closure record if needed.
pub(super) fn record_early_closure(
    conn: &mut DbConnection,
    case_id: &str,
    reason: crate::domain::vocab::ClosureReason,
    actor_id: &str,
) -> StoreResult<()> {
    let at = now();
    let existing: Option<ClosureRecord> = closure_records::table
        .find(case_id)
        .select(ClosureRecord::as_select())
        .first(conn)
        .optional()?;
    let mut record = existing.unwrap_or(ClosureRecord {
        case_id: case_id.to_owned(),
        reason: None,
        who5_closing: None,
        satisfaction: None,
        summary: None,
        follow_up_plan: None,
        updated_by: actor_id.to_owned(),
        updated_at: at,
    });
    record.reason = Some(reason.as_str().to_owned());
    record.updated_by = actor_id.to_owned();
    record.updated_at = at;
    upsert!(conn, closure_records, case_id, &record);
    Ok(())
}

/// Loads one optional record of a case.
macro_rules! load_record {
    ($conn:expr, $table:ident, $ty:ty, $case_id:expr) => {
        $table::table
            .find($case_id)
            .select(<$ty>::as_select())
            .first($conn)
            .optional()?
    };
}
pub(crate) use load_record;

/// All stage records of one case, for the case view.
#[derive(Debug, Clone, Serialize)]
pub struct StageRecords {
    /// 接案.
    pub intake: Option<IntakeRecord>,
    /// 预估.
    pub assessment: Option<AssessmentRecord>,
    /// 计划及合约.
    pub contract: Option<ContractRecord>,
    /// The plan's goals.
    pub goals: Vec<Goal>,
    /// 介入.
    pub sessions: Vec<Session>,
    /// Progress on the goals, recorded at the sessions.
    pub goal_progress: Vec<SessionGoalProgress>,
    /// 结案与评估.
    pub closure: Option<ClosureRecord>,
}

/// Loads every stage record of a case.
pub fn load_stage_records(conn: &mut DbConnection, case_id: &str) -> StoreResult<StageRecords> {
    Ok(StageRecords {
        intake: load_record!(conn, intake_records, IntakeRecord, case_id),
        assessment: load_record!(conn, assessment_records, AssessmentRecord, case_id),
        contract: load_record!(conn, contract_records, ContractRecord, case_id),
        goals: load_goals(conn, case_id)?,
        sessions: load_sessions(conn, case_id)?,
        goal_progress: load_goal_progress(conn, case_id)?,
        closure: load_record!(conn, closure_records, ClosureRecord, case_id),
    })
}
