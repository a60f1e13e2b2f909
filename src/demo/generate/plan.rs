//! Plans one generated case: who, what, and the dated list of everything done on
//! it, from opening to where it stands today. Pure: no I/O, only the random
//! generator and the ids of the organisations and staff it may use.
//!
//! A case walks the workflow as a worker would: each stage's record is saved
//! (sometimes first as a draft), then the case moves on. Some cases step back to
//! be re-assessed, have their closure sent back, close early or are reopened.
//! The stage a case is in is wherever that walk stands on the day of the load;
//! the records and the transition log are what the walk did up to then, so they
//! always agree with each other and with the workflow's guards.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use rand::Rng;
use rand::seq::IndexedRandom;

use super::text::{self, Phrases, pick};
use crate::domain::validation::{
    AssessmentInput, ClientInput, ClosureInput, ContractInput, DetailsInput, GoalInput,
    IntakeInput, SessionInput,
};
use crate::domain::vocab::{
    AssistanceNeed, CaseStage, CaseType, ClosureReason, CounsellingConcern, DisputeCategory,
    DisputeRoute, Gender, IntakeChannel, RiskLevel, SessionMode, SpecialGroup, Urgency,
};
use crate::domain::workflow::Transition;

/// The organisations and staff a plan may name.
#[derive(Debug, Clone)]
pub struct Roster {
    /// The agency.
    pub agency: String,
    /// Unions clients may belong to.
    pub unions: Vec<String>,
    /// The agency's teams.
    pub teams: Vec<TeamRoster>,
}

/// One team: what it takes, who works in it, who signs off.
#[derive(Debug, Clone)]
pub struct TeamRoster {
    /// Team id.
    pub id: String,
    /// The case types it takes.
    pub takes: Vec<CaseType>,
    /// Its social workers' ids.
    pub workers: Vec<String>,
    /// The supervisor who approves its closures (never a case's own worker).
    pub supervisor: String,
}

/// One thing done on a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Act {
    /// The type-specific details saved.
    Details,
    /// The intake record saved, complete or as a draft.
    Intake { complete: bool },
    /// The assessment saved.
    Assessment { complete: bool },
    /// The plan saved (goals included).
    Contract { complete: bool },
    /// A session logged; indexes [`CasePlan::sessions`].
    Session(usize),
    /// The closure record saved (with goal ratings when complete).
    Closure { complete: bool },
    /// A transition.
    Move(Move),
}

/// A transition as the log stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// Which.
    pub transition: Transition,
    /// From.
    pub from: CaseStage,
    /// To.
    pub to: CaseStage,
    /// Why, where the workflow asks for a reason.
    pub reason: Option<String>,
    /// For early closures.
    pub closure_reason: Option<ClosureReason>,
    /// Done by the team's supervisor rather than the assigned worker.
    pub by_supervisor: bool,
}

/// A case to store.
#[derive(Debug, Clone)]
pub struct CasePlan {
    /// Its type.
    pub case_type: CaseType,
    /// Index into [`Roster::teams`].
    pub team: usize,
    /// The assigned worker (an intake not yet taken has none).
    pub worker: Option<String>,
    /// Who opened the case and saved its first records.
    pub opened_by: String,
    /// The team's supervisor.
    pub supervisor: String,
    /// The client, registered when the case was opened.
    pub client: ClientInput,
    /// When the case was opened (UTC).
    pub opened_at: NaiveDateTime,
    /// Everything done on it, oldest first, all before the load.
    pub acts: Vec<(NaiveDateTime, Act)>,
    /// Details.
    pub details: DetailsInput,
    /// The complete intake (a draft holds part of it).
    pub intake: IntakeInput,
    /// The complete assessment.
    pub assessment: AssessmentInput,
    /// The complete plan.
    pub contract: ContractInput,
    /// The sessions, in the order logged.
    pub sessions: Vec<SessionInput>,
    /// The complete closure; goal ratings by goal position.
    pub closure: ClosureInput,
    /// Goal ratings at closure, by goal position.
    pub attainment: Vec<i32>,
}

impl CasePlan {
    /// The stage the case is in after its last transition.
    pub fn stage(&self) -> CaseStage {
        self.acts
            .iter()
            .rev()
            .find_map(|(_, act)| match act {
                Act::Move(m) => Some(m.to),
                _ => None,
            })
            .unwrap_or(CaseStage::Intake)
    }

    /// When the last change happened.
    pub fn updated_at(&self) -> NaiveDateTime {
        self.acts.last().map_or(self.opened_at, |(at, _)| *at)
    }
}

/// How far back the data set reaches.
pub const SPAN_DAYS: i64 = 3 * 365;

/// When cases were opened, oldest first: `n` days within the last three years,
/// more of them recently (a service that grows), each at a working hour.
pub fn opening_times<R: Rng>(rng: &mut R, n: usize, now: NaiveDateTime) -> Vec<NaiveDateTime> {
    let mut times: Vec<NaiveDateTime> = (0..n)
        .map(|_| {
            // Density of age falls linearly to zero at three years.
            let u: f64 = rng.random();
            let age_days = (SPAN_DAYS as f64 * (1.0 - u.sqrt())) as i64 + 1;
            working_time(rng, now.date() - TimeDelta::days(age_days))
        })
        .collect();
    times.sort_unstable();
    times
}

/// A time between 09:00 and 17:30 China time, stored as UTC.
fn working_time<R: Rng>(rng: &mut R, day: NaiveDate) -> NaiveDateTime {
    let minutes = rng.random_range(60..60 * 9 + 30);
    day.and_time(NaiveTime::MIN) + TimeDelta::minutes(minutes)
}

/// A case forced to a given type and stage, so that a small data set still shows
/// every type in every stage.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// Type.
    pub case_type: CaseType,
    /// Where the walk stops.
    pub stage: CaseStage,
}

/// One step of the walk before it is dated: what happens, and how many days after
/// the step before.
struct Step {
    gap_days: i64,
    act: Act,
}

/// Plans one case opened at `opened_at`; `now` is the time of the load.
pub fn plan_case<R: Rng>(
    rng: &mut R,
    roster: &Roster,
    opened_at: NaiveDateTime,
    now: NaiveDateTime,
    target: Option<Target>,
) -> CasePlan {
    let case_type = target.map_or_else(|| weighted_type(rng), |t| t.case_type);
    let teams: Vec<usize> = (0..roster.teams.len())
        .filter(|&t| roster.teams[t].takes.contains(&case_type))
        .collect();
    let team = teams
        .choose(rng)
        .copied()
        .unwrap_or_else(|| rng.random_range(0..roster.teams.len()));
    let team_roster = &roster.teams[team];
    let worker = team_roster
        .workers
        .choose(rng)
        .cloned()
        .unwrap_or_else(|| team_roster.supervisor.clone());
    // Clients who speak English are served in English (about one in ten).
    let english = rng.random_bool(0.1);
    let female = rng.random_bool(0.55);
    let phrases = text::phrases(case_type, english);
    let client = client(rng, roster, case_type, female, english, now.date());
    let mut details = details(rng, case_type);
    let intake = intake(rng, phrases, case_type);
    let assessment = assessment(rng, phrases);
    let goal_count = rng.random_range(1..=3);
    let mut contract = contract(rng, phrases, goal_count);
    let attainment: Vec<i32> = (0..goal_count)
        .map(|_| *[-1, 0, 0, 1, 1, 1, 2].choose(rng).unwrap_or(&0))
        .collect();
    let closure = closure(rng, phrases, &assessment);

    let steps = walk(rng, phrases, target.map(|t| t.stage));
    let sessions_logged = steps
        .iter()
        .filter(|s| matches!(s.act, Act::Session(_)))
        .count();
    // Lay the steps out in time. A case that must reach a stage is squeezed into
    // the days since it opened; any other simply stops where today falls.
    let available = (now - opened_at).num_days() - 1;
    let total: i64 = steps.iter().map(|s| s.gap_days).sum();
    let squeeze = target.is_some() && total > available;
    let mut acts = Vec::new();
    let mut day = 0_i64;
    let mut last = opened_at;
    for step in steps {
        day += if squeeze {
            step.gap_days * available.max(0) / total.max(1)
        } else {
            step.gap_days
        };
        let date = opened_at.date() + TimeDelta::days(day);
        let mut at = working_time(rng, date);
        if at <= last {
            at = last + TimeDelta::minutes(rng.random_range(5..90));
        }
        if at >= now {
            break;
        }
        acts.push((at, step.act));
        last = at;
    }
    let mut sessions: Vec<SessionInput> = Vec::with_capacity(sessions_logged);
    for (at, act) in &mut acts {
        if let Act::Session(index) = act {
            *index = sessions.len();
            sessions.push(session(rng, phrases, at.date()));
        }
    }
    finish_records(rng, &acts, &mut contract, &mut details);
    let mut plan = CasePlan {
        case_type,
        team,
        worker: Some(worker.clone()),
        opened_by: worker,
        supervisor: team_roster.supervisor.clone(),
        client,
        opened_at,
        acts,
        details,
        intake,
        assessment,
        contract,
        sessions,
        closure,
        attainment,
    };
    // Some intakes wait in the team's queue for a worker to take them; the
    // supervisor who answered the call opened them.
    let untouched = !plan.acts.iter().any(|(_, a)| matches!(a, Act::Move(_)));
    if untouched && rng.random_bool(0.3) {
        plan.worker = None;
        plan.opened_by = plan.supervisor.clone();
    }
    plan
}

/// Fills in what depends on when things happened: the plan's agreement date and
/// goal target dates, and the outcome of a dispute or mediation that was closed.
fn finish_records<R: Rng>(
    rng: &mut R,
    acts: &[(NaiveDateTime, Act)],
    contract: &mut ContractInput,
    details: &mut DetailsInput,
) {
    let agreed = acts
        .iter()
        .find_map(|(at, act)| matches!(act, Act::Contract { complete: true }).then_some(at.date()));
    if let Some(agreed) = agreed {
        contract.agreed_on = Some(agreed);
        for goal in &mut contract.goals {
            goal.target_date = Some(agreed + TimeDelta::days(rng.random_range(30..=120)));
        }
    }
    let approved = acts
        .iter()
        .any(|(_, act)| matches!(act, Act::Move(m) if m.transition == Transition::ApproveClosure));
    if !approved {
        return;
    }
    match details {
        DetailsInput::LabourDispute {
            amount_in_dispute,
            outcome,
            amount_recovered,
            ..
        } => {
            let share = rng.random_range(40..=100);
            *amount_recovered = amount_in_dispute.map(|a| a / 100 * share);
            *outcome = Some(
                if share == 100 {
                    "全额追回，已按协议到账。"
                } else {
                    "部分追回，余款经调解放弃或分期支付。"
                }
                .to_owned(),
            );
        }
        DetailsInput::FamilyMediation {
            agreement_reached, ..
        } => *agreement_reached = Some(rng.random_bool(0.75)),
        _ => {}
    }
}

fn weighted_type<R: Rng>(rng: &mut R) -> CaseType {
    match rng.random_range(0..100) {
        0..35 => CaseType::Counselling,
        35..50 => CaseType::FamilyMediation,
        50..80 => CaseType::LabourDispute,
        _ => CaseType::SpecialGroup,
    }
}

/// The steps from opening on, up to closure (or to `target` when given).
fn walk<R: Rng>(rng: &mut R, phrases: &Phrases, target: Option<CaseStage>) -> Vec<Step> {
    use CaseStage::*;
    let mut w = Walker {
        steps: Vec::new(),
        stage: Intake,
        target,
        passing: false,
    };
    // Early closures: a few clients decline, move away or cannot be reached.
    let close_early_from = match target {
        Some(Closed) if rng.random_bool(0.25) => Some(
            *[Intake, Assessment, Contract, Intervention]
                .choose(rng)
                .unwrap_or(&Intake),
        ),
        None if rng.random_bool(0.12) => Some(
            *[Intake, Assessment, Assessment, Contract, Intervention]
                .choose(rng)
                .unwrap_or(&Intake),
        ),
        _ => None,
    };
    let step_back = rng.random_bool(0.06);
    let send_back = rng.random_bool(0.05);
    let reopen = match target {
        Some(Assessment) => rng.random_bool(0.1),
        None => rng.random_bool(0.02),
        _ => false,
    };
    // A case forced into assessment by a reopening passes assessment once on the way.
    w.passing = reopen && target == Some(Assessment);

    w.step(0, Act::Details);
    let gap = rng.random_range(0..=1);
    w.record(rng, gap, |complete| Act::Intake { complete });
    for round in 0..2 {
        if round == 1 && !reopen {
            break;
        }
        if round == 0 {
            if w.stop_here() || w.close_early(rng, close_early_from, Intake) {
                return w.steps;
            }
            w.advance(rng.random_range(1..=10), Assessment);
        }
        let gap = rng.random_range(2..=14);
        w.record(rng, gap, |complete| Act::Assessment { complete });
        if w.stop_here() || w.close_early(rng, close_early_from, Assessment) {
            return w.steps;
        }
        w.advance(rng.random_range(0..=3), Contract);
        let gap = rng.random_range(3..=14);
        w.record(rng, gap, |complete| Act::Contract { complete });
        if step_back && round == 0 {
            w.step(
                rng.random_range(1..=7),
                Act::Move(Move {
                    transition: Transition::StepBack,
                    from: Contract,
                    to: Assessment,
                    reason: Some(pick(rng, phrases.step_back).to_owned()),
                    closure_reason: None,
                    by_supervisor: false,
                }),
            );
            w.stage = Assessment;
            w.step(rng.random_range(1..=10), Act::Assessment { complete: true });
            if w.stop_here() {
                return w.steps;
            }
            w.advance(rng.random_range(0..=3), Contract);
            w.step(rng.random_range(1..=5), Act::Contract { complete: true });
        }
        if w.stop_here() || w.close_early(rng, close_early_from, Contract) {
            return w.steps;
        }
        w.advance(rng.random_range(0..=3), Intervention);
        let sessions = rng.random_range(1..=8);
        for _ in 0..sessions {
            w.step(rng.random_range(4..=14), Act::Session(0));
            if w.target == Some(Intervention) && rng.random_bool(0.3) {
                break;
            }
        }
        if w.stop_here() || w.close_early(rng, close_early_from, Intervention) {
            return w.steps;
        }
        w.advance(rng.random_range(1..=10), Closure);
        let gap = rng.random_range(1..=10);
        w.record(rng, gap, |complete| Act::Closure { complete });
        if send_back && round == 0 {
            w.supervisor_move(
                rng.random_range(1..=5),
                Transition::SendBack,
                Intervention,
                pick(rng, phrases.send_back),
            );
            w.step(rng.random_range(3..=10), Act::Session(0));
            if w.stop_here() {
                return w.steps;
            }
            w.advance(rng.random_range(0..=3), Closure);
            w.step(rng.random_range(0..=3), Act::Closure { complete: true });
        }
        if w.stop_here() {
            return w.steps;
        }
        // The outcome of a dispute or mediation goes into the details at closure.
        w.step(0, Act::Details);
        w.supervisor_move(
            rng.random_range(1..=7),
            Transition::ApproveClosure,
            Closed,
            // Sign-off carries the supervisor's comment.
            "同意结案。",
        );
        if reopen && round == 0 {
            if w.target == Some(Closed) {
                return w.steps;
            }
            w.supervisor_move(
                rng.random_range(30..=200),
                Transition::Reopen,
                Assessment,
                pick(rng, phrases.reopen),
            );
            w.passing = false;
        }
    }
    w.steps
}

struct Walker {
    steps: Vec<Step>,
    stage: CaseStage,
    target: Option<CaseStage>,
    /// Not stopping at the target yet (it is reached again later).
    passing: bool,
}

impl Walker {
    fn step(&mut self, gap_days: i64, act: Act) {
        self.steps.push(Step { gap_days, act });
    }

    /// Saves the current stage's record: sometimes a draft first, then complete.
    fn record<R: Rng>(&mut self, rng: &mut R, gap_days: i64, act: impl Fn(bool) -> Act) {
        if rng.random_bool(0.4) {
            let first = rng.random_range(0..=gap_days);
            self.step(first, act(false));
            self.step(gap_days - first, act(true));
        } else {
            self.step(gap_days, act(true));
        }
    }

    /// Whether a case forced to a stage has reached it.
    fn stop_here(&self) -> bool {
        !self.passing && self.target == Some(self.stage)
    }

    fn advance(&mut self, gap_days: i64, to: CaseStage) {
        let transition = Transition::Advance;
        let from = self.stage;
        self.step(
            gap_days,
            Act::Move(Move {
                transition,
                from,
                to,
                reason: None,
                closure_reason: None,
                by_supervisor: false,
            }),
        );
        self.stage = to;
    }

    fn supervisor_move(
        &mut self,
        gap_days: i64,
        transition: Transition,
        to: CaseStage,
        reason: &str,
    ) {
        let from = self.stage;
        self.step(
            gap_days,
            Act::Move(Move {
                transition,
                from,
                to,
                reason: (!reason.is_empty()).then(|| reason.to_owned()),
                closure_reason: None,
                by_supervisor: true,
            }),
        );
        self.stage = to;
    }

    /// Closes the case early from `stage` when that was planned; true when it did.
    fn close_early<R: Rng>(
        &mut self,
        rng: &mut R,
        planned: Option<CaseStage>,
        stage: CaseStage,
    ) -> bool {
        if planned != Some(stage) || self.stage != stage {
            return false;
        }
        let reason = *[
            ClosureReason::ServiceDeclined,
            ClosureReason::ReferredOut,
            ClosureReason::ClientUnreachable,
            ClosureReason::MovedAway,
            ClosureReason::Other,
        ]
        .choose(rng)
        .unwrap_or(&ClosureReason::Other);
        self.step(
            rng.random_range(1..=20),
            Act::Move(Move {
                transition: Transition::CloseEarly,
                from: stage,
                to: CaseStage::Closed,
                reason: None,
                closure_reason: Some(reason),
                by_supervisor: false,
            }),
        );
        self.stage = CaseStage::Closed;
        true
    }
}

fn client<R: Rng>(
    rng: &mut R,
    roster: &Roster,
    case_type: CaseType,
    female: bool,
    english: bool,
    today: NaiveDate,
) -> ClientInput {
    use chrono::Datelike;
    let member = rng.random_bool(0.7);
    let mut groups = Vec::new();
    if case_type == CaseType::SpecialGroup {
        groups.push(
            *[
                SpecialGroup::MigrantWorker,
                SpecialGroup::EconomicHardship,
                SpecialGroup::Disability,
                SpecialGroup::LowSkills,
                SpecialGroup::Unemployed,
            ]
            .choose(rng)
            .unwrap_or(&SpecialGroup::EconomicHardship),
        );
        if female && rng.random_bool(0.3) {
            groups.push(SpecialGroup::WomenFourPeriods);
        }
    } else if rng.random_bool(0.25) {
        groups.push(SpecialGroup::MigrantWorker);
    }
    ClientInput {
        full_name: text::person_name(rng, female, english),
        gender: Some(match rng.random_range(0..100) {
            0..2 => Gender::Undisclosed,
            _ if female => Gender::Female,
            _ => Gender::Male,
        }),
        birth_year: Some(today.year() - rng.random_range(19..=62)),
        phone: rng.random_bool(0.95).then(|| text::phone(rng)),
        employer: Some(pick(rng, text::EMPLOYERS).to_owned()),
        union_member: member,
        union_id: if member {
            roster.unions.choose(rng).cloned()
        } else {
            None
        },
        district: Some(pick(rng, text::DISTRICTS).to_owned()),
        special_groups: groups,
    }
}

fn details<R: Rng>(rng: &mut R, case_type: CaseType) -> DetailsInput {
    match case_type {
        CaseType::Counselling => DetailsInput::Counselling {
            concern: CounsellingConcern::ALL.choose(rng).copied(),
            self_harm_screening: Some(
                pick(rng, text::phrases(case_type, false).screening).to_owned(),
            ),
            preferred_mode: SessionMode::ALL.choose(rng).copied(),
        },
        CaseType::FamilyMediation => DetailsInput::FamilyMediation {
            parties: Some(
                pick(
                    rng,
                    &[
                        "案主及其配偶",
                        "案主、配偶及婆婆",
                        "案主与成年子女",
                        "夫妻双方及双方父母",
                    ],
                )
                .to_owned(),
            ),
            conflict: Some(pick(rng, text::phrases(case_type, false).problems).to_owned()),
            agreement_reached: None,
        },
        CaseType::LabourDispute => {
            let category = *DisputeCategory::ALL
                .choose(rng)
                .unwrap_or(&DisputeCategory::WageArrears);
            let workers = if category == DisputeCategory::Collective {
                rng.random_range(10..=300)
            } else if rng.random_bool(0.8) {
                1
            } else {
                rng.random_range(2..=30)
            };
            DetailsInput::LabourDispute {
                employer: Some(pick(rng, text::EMPLOYERS).to_owned()),
                category: Some(category),
                workers_affected: Some(workers),
                // Fen: 1,000 to 200,000 yuan per worker.
                amount_in_dispute: Some(
                    i64::from(workers) * rng.random_range(1_000_i64..=200_000) * 100,
                ),
                route: DisputeRoute::ALL.choose(rng).copied(),
                outcome: None,
                amount_recovered: None,
            }
        }
        CaseType::SpecialGroup => {
            let count = rng.random_range(1..=3);
            let mut needs: Vec<AssistanceNeed> = AssistanceNeed::ALL
                .choose_multiple(rng, count)
                .copied()
                .collect();
            needs.sort_by_key(|n| n.as_str());
            DetailsInput::SpecialGroup {
                groups: vec![
                    *[
                        SpecialGroup::EconomicHardship,
                        SpecialGroup::Unemployed,
                        SpecialGroup::Disability,
                    ]
                    .choose(rng)
                    .unwrap_or(&SpecialGroup::EconomicHardship),
                ],
                needs,
                resources_linked: Some(
                    pick(
                        rng,
                        &[
                            "区总工会困难职工帮扶中心",
                            "街道就业服务站",
                            "市妇联儿童救助项目",
                            "残联职业培训基地",
                        ],
                    )
                    .to_owned(),
                ),
            }
        }
    }
}

fn intake<R: Rng>(rng: &mut R, phrases: &Phrases, case_type: CaseType) -> IntakeInput {
    let channel = match (case_type, rng.random_range(0..100)) {
        (CaseType::LabourDispute, 0..45) | (_, 0..30) => IntakeChannel::UnionReferral,
        (_, 30..50) => IntakeChannel::Hotline,
        (_, 50..70) => IntakeChannel::WalkIn,
        (_, 70..88) => IntakeChannel::SelfReferralOnline,
        _ => IntakeChannel::OutreachScreening,
    };
    IntakeInput {
        channel: Some(channel),
        presenting_problem: Some(pick(rng, phrases.problems).to_owned()),
        urgency: Some(match rng.random_range(0..100) {
            0..50 => Urgency::Routine,
            50..80 => Urgency::Soon,
            80..96 => Urgency::Urgent,
            _ => Urgency::Emergency,
        }),
        consent_service: true,
        consent_sensitive: true,
        guardian_consent: false,
    }
}

fn assessment<R: Rng>(rng: &mut R, phrases: &Phrases) -> AssessmentInput {
    let risk = match rng.random_range(0..100) {
        0..55 => RiskLevel::Low,
        55..85 => RiskLevel::Medium,
        85..97 => RiskLevel::High,
        _ => RiskLevel::Critical,
    };
    AssessmentInput {
        physiological: Some(pick(rng, phrases.physiological).to_owned()),
        psychological: Some(pick(rng, phrases.psychological).to_owned()),
        social: Some(pick(rng, phrases.social).to_owned()),
        risk_level: Some(risk),
        risk_screening: Some(pick(rng, phrases.screening).to_owned()),
        needs: Some(pick(rng, phrases.needs).to_owned()),
        strengths: Some(pick(rng, phrases.strengths).to_owned()),
        // WHO-5 raw scores 0-25, times four.
        who5_baseline: Some(rng.random_range(4..=16) * 4),
    }
}

fn contract<R: Rng>(rng: &mut R, phrases: &Phrases, goal_count: usize) -> ContractInput {
    let goals = phrases
        .goals
        .choose_multiple(rng, goal_count)
        .map(|(description, indicator)| GoalInput {
            id: None,
            description: (*description).to_owned(),
            indicator: Some((*indicator).to_owned()),
            target_date: None,
        })
        .collect();
    ContractInput {
        goals,
        services: Some(pick(rng, phrases.services).to_owned()),
        frequency: Some(pick(rng, phrases.frequency).to_owned()),
        client_agreed: true,
        agreed_on: None,
    }
}

fn session<R: Rng>(rng: &mut R, phrases: &Phrases, held_on: NaiveDate) -> SessionInput {
    SessionInput {
        held_on,
        duration_minutes: *[30, 45, 50, 60, 90].choose(rng).unwrap_or(&50),
        mode: *[
            SessionMode::FaceToFace,
            SessionMode::FaceToFace,
            SessionMode::Phone,
            SessionMode::Online,
            SessionMode::HomeVisit,
            SessionMode::Group,
        ]
        .choose(rng)
        .unwrap_or(&SessionMode::FaceToFace),
        participants: Some("案主、社工".to_owned()),
        notes: Some(pick(rng, phrases.session_notes).to_owned()),
        services_delivered: Some(pick(rng, phrases.session_services).to_owned()),
        // Generated sessions carry no per-goal ratings (a later extension).
        goal_progress: Vec::new(),
    }
}

fn closure<R: Rng>(rng: &mut R, phrases: &Phrases, assessment: &AssessmentInput) -> ClosureInput {
    let baseline = assessment.who5_baseline.unwrap_or(40);
    ClosureInput {
        reason: Some(ClosureReason::GoalsAchieved),
        goal_attainment: Vec::new(),
        who5_closing: Some((baseline + rng.random_range(-2..=9) * 4).clamp(0, 100)),
        satisfaction: Some(*[3, 4, 4, 5, 5, 5].choose(rng).unwrap_or(&4)),
        summary: Some(pick(rng, phrases.summaries).to_owned()),
        follow_up_plan: Some(pick(rng, phrases.follow_up).to_owned()),
    }
}
