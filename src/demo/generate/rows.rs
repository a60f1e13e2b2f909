//! Turns case plans into table rows, and writes them in batches.
//!
//! The rows are the ones the model functions would have left behind after the
//! same saves and transitions: each record as last saved, the case's version
//! counting every change, one log row per transition with the version it made.
//! Writing them directly, many rows per statement, is what lets 100,000 cases
//! load in well under a minute; `generate::tests` checks the result against the
//! workflow's own guards and log replay.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::plan::{Act, CasePlan, Roster};
use crate::db::cases::Case;
use crate::db::clients::Client;
use crate::db::details::{
    CounsellingDetails, LabourDisputeDetails, MediationDetails, SpecialGroupDetails,
};
use crate::db::records::{
    AssessmentRecord, ClosureRecord, ContractRecord, Goal, IntakeRecord, Session,
};
use crate::db::schema;
use crate::db::transitions::TransitionLogEntry;
use crate::db::{DbConnection, StoreResult};
use crate::domain::validation::{DetailsInput, clean};
use crate::domain::vocab::{CaseStage, join_codes};
use crate::domain::workflow::Transition;

/// Rows per INSERT statement. The widest table has 14 columns, so a statement
/// binds at most 14,000 values: under SQLite's limit of 32,766 and PostgreSQL's
/// of 65,535.
const ROWS_PER_STATEMENT: usize = 1000;

/// Inserts a vector of rows, [`ROWS_PER_STATEMENT`] per statement, and clears it.
/// Multi-row inserts need the concrete connection: `MultiConnection` has no
/// batch insert of its own.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {{
        for chunk in $rows.chunks(ROWS_PER_STATEMENT) {
            match $conn {
                DbConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConnection::Postgresql(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
            };
        }
        $rows.clear();
    }};
}

/// A time-ordered id (UUID version 7) carrying the case's opening time: cases are
/// generated oldest first, so each table's primary key and its `case_id` index
/// grow at their end instead of at a random place, which keeps the pages being
/// written in cache. (Ids made by the app are random version 4 UUIDs; both are
/// ordinary UUIDs to everything that reads them.) The random part comes from the
/// system, not from the seed, so a second load with the same seed cannot collide.
fn ordered_id(at: NaiveDateTime) -> String {
    use rand::Rng;
    let millis = u64::try_from(at.and_utc().timestamp_millis()).unwrap_or(0);
    let random: [u8; 10] = rand::rng().random();
    uuid::Builder::from_unix_timestamp_millis(millis, &random)
        .into_uuid()
        .to_string()
}

/// The rows of a batch of cases, by table.
#[derive(Default)]
pub(super) struct Batch {
    clients: Vec<Client>,
    cases: Vec<Case>,
    counselling: Vec<CounsellingDetails>,
    mediation: Vec<MediationDetails>,
    labour: Vec<LabourDisputeDetails>,
    special: Vec<SpecialGroupDetails>,
    intake: Vec<IntakeRecord>,
    assessment: Vec<AssessmentRecord>,
    contract: Vec<ContractRecord>,
    goals: Vec<Goal>,
    sessions: Vec<Session>,
    closure: Vec<ClosureRecord>,
    transitions: Vec<TransitionLogEntry>,
}

/// The last save of a record: complete or draft, by whom, when.
#[derive(Clone, Copy)]
struct Saved<'a> {
    complete: bool,
    by: &'a str,
    at: NaiveDateTime,
}

impl Batch {
    /// Rows held.
    pub fn len(&self) -> usize {
        self.clients.len()
            + self.cases.len()
            + self.counselling.len()
            + self.mediation.len()
            + self.labour.len()
            + self.special.len()
            + self.intake.len()
            + self.assessment.len()
            + self.contract.len()
            + self.goals.len()
            + self.sessions.len()
            + self.closure.len()
            + self.transitions.len()
    }

    /// Adds the rows of one planned case with its reference.
    pub fn add(&mut self, roster: &Roster, plan: &CasePlan, reference: String) {
        let case_id = ordered_id(plan.opened_at);
        let new_id = || ordered_id(plan.opened_at);
        let worker = plan.worker.as_deref().unwrap_or(&plan.opened_by);
        let mut version = 1_i64;
        let mut details: Option<Saved> = None;
        let mut intake: Option<Saved> = None;
        let mut assessment: Option<Saved> = None;
        let mut contract: Option<Saved> = None;
        let mut goals_created: Option<NaiveDateTime> = None;
        let mut closure: Option<Saved> = None;
        let mut early: Option<(crate::domain::vocab::ClosureReason, NaiveDateTime)> = None;
        let mut closed_at = None;
        // When the case entered its current stage (what each log entry records).
        let mut stage_entered_at = plan.opened_at;
        for (at, act) in &plan.acts {
            let at = *at;
            version += 1;
            let saved = |complete| {
                Some(Saved {
                    complete,
                    by: worker,
                    at,
                })
            };
            match act {
                Act::Details => details = saved(true),
                Act::Intake { complete } => intake = saved(*complete),
                Act::Assessment { complete } => assessment = saved(*complete),
                Act::Contract { complete } => {
                    contract = saved(*complete);
                    goals_created.get_or_insert(at);
                }
                Act::Closure { complete } => closure = saved(*complete),
                Act::Session(i) => {
                    let s = &plan.sessions[*i];
                    self.sessions.push(Session {
                        id: new_id(),
                        case_id: case_id.clone(),
                        held_on: s.held_on,
                        duration_minutes: s.duration_minutes,
                        mode: s.mode.as_str().to_owned(),
                        participants: clean(s.participants.clone()),
                        notes: clean(s.notes.clone()),
                        services_delivered: clean(s.services_delivered.clone()),
                        recorded_by: worker.to_owned(),
                        recorded_at: at,
                    });
                }
                Act::Move(m) => {
                    if m.transition == Transition::CloseEarly {
                        early = m.closure_reason.map(|r| (r, at));
                    }
                    closed_at = (m.to == CaseStage::Closed).then_some(at);
                    self.transitions.push(TransitionLogEntry {
                        id: new_id(),
                        case_id: case_id.clone(),
                        version_after: version,
                        transition: m.transition.as_str().to_owned(),
                        from_stage: m.from.as_str().to_owned(),
                        to_stage: m.to.as_str().to_owned(),
                        actor_id: if m.by_supervisor {
                            &plan.supervisor
                        } else {
                            worker
                        }
                        .to_owned(),
                        reason: m.reason.clone(),
                        closure_reason: m.closure_reason.map(|r| r.as_str().to_owned()),
                        occurred_at: at,
                        stage_entered_at,
                    });
                    if m.from != m.to {
                        stage_entered_at = at;
                    }
                }
            }
        }

        let client_id = new_id();
        let c = &plan.client;
        self.clients.push(Client {
            id: client_id.clone(),
            full_name: c.full_name.trim().to_owned(),
            gender: c.gender.map(|g| g.as_str().to_owned()),
            birth_year: c.birth_year,
            phone: clean(c.phone.clone()),
            employer: clean(c.employer.clone()),
            union_member: c.union_member,
            union_id: c.union_id.clone(),
            district: clean(c.district.clone()),
            special_groups: join_codes(&c.special_groups),
            created_by: plan.opened_by.clone(),
            created_at: plan.opened_at,
            updated_at: plan.opened_at,
        });
        let risk_level = assessment
            .filter(|s| s.complete)
            .and(plan.assessment.risk_level)
            .map(|r| r.as_str().to_owned());
        self.cases.push(Case {
            id: case_id.clone(),
            reference,
            case_type: plan.case_type.as_str().to_owned(),
            client_id,
            organisation_id: roster.agency.clone(),
            team_id: Some(roster.teams[plan.team].id.clone()),
            assigned_worker_id: plan.worker.clone(),
            stage: plan.stage().as_str().to_owned(),
            risk_level: risk_level.clone(),
            version,
            created_by: plan.opened_by.clone(),
            opened_at: plan.opened_at,
            updated_at: plan.updated_at(),
            closed_at,
        });
        if let Some(s) = details {
            self.add_details(&case_id, plan, s);
        }
        if let Some(s) = intake {
            let i = &plan.intake;
            let consents = s.complete && (i.consent_service || i.consent_sensitive);
            self.intake.push(IntakeRecord {
                case_id: case_id.clone(),
                channel: i.channel.map(|c| c.as_str().to_owned()),
                presenting_problem: clean(i.presenting_problem.clone()),
                urgency: i
                    .urgency
                    .filter(|_| s.complete)
                    .map(|u| u.as_str().to_owned()),
                consent_service: s.complete && i.consent_service,
                consent_sensitive: s.complete && i.consent_sensitive,
                guardian_consent: s.complete && i.guardian_consent,
                consent_recorded_by: consents.then(|| s.by.to_owned()),
                consent_recorded_at: consents.then_some(s.at),
                updated_by: s.by.to_owned(),
                updated_at: s.at,
            });
        }
        if let Some(s) = assessment {
            let a = &plan.assessment;
            let full = |t: &Option<String>| if s.complete { clean(t.clone()) } else { None };
            self.assessment.push(AssessmentRecord {
                case_id: case_id.clone(),
                physiological: clean(a.physiological.clone()),
                psychological: clean(a.psychological.clone()),
                social: full(&a.social),
                risk_level,
                risk_screening: full(&a.risk_screening),
                needs: full(&a.needs),
                strengths: full(&a.strengths),
                who5_baseline: a.who5_baseline.filter(|_| s.complete),
                updated_by: s.by.to_owned(),
                updated_at: s.at,
            });
        }
        if let Some(s) = contract {
            let p = &plan.contract;
            let rated = closure.is_some_and(|c| c.complete);
            for (position, goal) in p.goals.iter().enumerate() {
                self.goals.push(Goal {
                    id: new_id(),
                    case_id: case_id.clone(),
                    position: position as i32,
                    description: goal.description.trim().to_owned(),
                    // A draft plan names its goals before saying how to measure them.
                    indicator: clean(goal.indicator.clone()).filter(|_| s.complete),
                    target_date: goal.target_date.filter(|_| s.complete),
                    attainment: plan.attainment.get(position).copied().filter(|_| rated),
                    created_at: goals_created.unwrap_or(s.at),
                });
            }
            self.contract.push(ContractRecord {
                case_id: case_id.clone(),
                services: clean(p.services.clone()),
                frequency: clean(p.frequency.clone()).filter(|_| s.complete),
                client_agreed: s.complete && p.client_agreed,
                agreed_on: p.agreed_on.filter(|_| s.complete),
                updated_by: s.by.to_owned(),
                updated_at: s.at,
            });
        }
        let closure_row = match (closure, early) {
            (Some(s), _) => {
                let c = &plan.closure;
                let full = |t: &Option<String>| if s.complete { clean(t.clone()) } else { None };
                Some(ClosureRecord {
                    case_id: case_id.clone(),
                    reason: c.reason.map(|r| r.as_str().to_owned()),
                    who5_closing: c.who5_closing.filter(|_| s.complete),
                    satisfaction: c.satisfaction.filter(|_| s.complete),
                    summary: clean(c.summary.clone()),
                    follow_up_plan: full(&c.follow_up_plan),
                    updated_by: s.by.to_owned(),
                    updated_at: s.at,
                })
            }
            // What `transitions::apply` records for an early closure.
            (None, Some((reason, at))) => Some(ClosureRecord {
                case_id: case_id.clone(),
                reason: Some(reason.as_str().to_owned()),
                who5_closing: None,
                satisfaction: None,
                summary: None,
                follow_up_plan: None,
                updated_by: worker.to_owned(),
                updated_at: at,
            }),
            (None, None) => None,
        };
        self.closure.extend(closure_row);
    }

    fn add_details(&mut self, case_id: &str, plan: &CasePlan, s: Saved) {
        let (case_id, updated_by, updated_at) = (case_id.to_owned(), s.by.to_owned(), s.at);
        match &plan.details {
            DetailsInput::Counselling {
                concern,
                self_harm_screening,
                preferred_mode,
            } => self.counselling.push(CounsellingDetails {
                case_id,
                concern: concern.map(|c| c.as_str().to_owned()),
                self_harm_screening: clean(self_harm_screening.clone()),
                preferred_mode: preferred_mode.map(|m| m.as_str().to_owned()),
                updated_by,
                updated_at,
            }),
            DetailsInput::FamilyMediation {
                parties,
                conflict,
                agreement_reached,
            } => self.mediation.push(MediationDetails {
                case_id,
                parties: clean(parties.clone()),
                conflict: clean(conflict.clone()),
                agreement_reached: *agreement_reached,
                updated_by,
                updated_at,
            }),
            DetailsInput::LabourDispute {
                employer,
                category,
                workers_affected,
                amount_in_dispute,
                route,
                outcome,
                amount_recovered,
            } => self.labour.push(LabourDisputeDetails {
                case_id,
                employer: clean(employer.clone()),
                category: category.map(|c| c.as_str().to_owned()),
                workers_affected: *workers_affected,
                amount_in_dispute: *amount_in_dispute,
                route: route.map(|r| r.as_str().to_owned()),
                outcome: clean(outcome.clone()),
                amount_recovered: *amount_recovered,
                updated_by,
                updated_at,
            }),
            DetailsInput::SpecialGroup {
                groups,
                needs,
                resources_linked,
            } => self.special.push(SpecialGroupDetails {
                case_id,
                groups: join_codes(groups),
                needs: join_codes(needs),
                resources_linked: clean(resources_linked.clone()),
                updated_by,
                updated_at,
            }),
        }
    }

    /// Writes every row, parents before children (foreign keys are checked per
    /// statement), and empties the batch.
    pub fn write(&mut self, conn: &mut DbConnection) -> StoreResult<()> {
        insert_all!(conn, schema::clients::table, self.clients);
        insert_all!(conn, schema::cases::table, self.cases);
        insert_all!(conn, schema::counselling_details::table, self.counselling);
        insert_all!(conn, schema::mediation_details::table, self.mediation);
        insert_all!(conn, schema::labour_dispute_details::table, self.labour);
        insert_all!(conn, schema::special_group_details::table, self.special);
        insert_all!(conn, schema::intake_records::table, self.intake);
        insert_all!(conn, schema::assessment_records::table, self.assessment);
        insert_all!(conn, schema::contract_records::table, self.contract);
        insert_all!(conn, schema::goals::table, self.goals);
        insert_all!(conn, schema::sessions::table, self.sessions);
        insert_all!(conn, schema::closure_records::table, self.closure);
        insert_all!(conn, schema::case_transitions::table, self.transitions);
        Ok(())
    }
}
