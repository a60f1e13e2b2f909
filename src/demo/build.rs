//! Turns the seed tables into model calls, in the order a worker would make them.
//!
//! Nothing here writes a row directly: organisations, accounts, clients, stage
//! records and transitions all go through `crate::db`, so every demo row passes
//! the same validation, edit rules and workflow guards as one typed into the app.

use chrono::{Datelike, NaiveDate, TimeDelta};

use super::seeds::{
    AGENCY, Assessment, CLIENTS, CaseSeed, Closure, Details, Detour, Home, Intake, LI, Plan, STAFF,
    SUPERVISOR, Session, TEAMS, UNIONS,
};
use crate::db::accounts::{self, NewAccount};
use crate::db::cases::{self, Case};
use crate::db::clients::{self, Client};
use crate::db::organisations::{self, Organisation, Team, User};
use crate::db::{DbConnection, StoreResult, details, records, transitions};
use crate::domain::validation::{
    AssessmentInput, ClientInput, ClosureInput, ContractInput, DetailsInput, GoalAttainmentInput,
    GoalInput, GoalProgressInput, IntakeInput, NewCaseInput, SessionInput,
};
use crate::domain::vocab::{
    CaseStage, CaseType, ClosureReason, GoalProgress, OrganisationKind, Role,
};
use crate::domain::workflow::{Transition, TransitionRequest};

/// Everything the cases refer to, as stored.
pub(super) struct World {
    pub agency: Organisation,
    pub teams: Vec<Team>,
    pub unions: Vec<Organisation>,
    /// In [`STAFF`] order.
    pub staff: Vec<User>,
    /// Their login names, in the same order.
    pub logins: Vec<String>,
    pub clients: Vec<Client>,
}

/// Stores the organisations, the demo accounts and the clients.
/// `password_hashes` has one hash per [`STAFF`] row, made before the transaction
/// because hashing is slow.
pub(super) fn setup(
    conn: &mut DbConnection,
    cases: &[&CaseSeed],
    password_hashes: &[String],
) -> StoreResult<World> {
    let mut unions: Vec<Organisation> = Vec::new();
    for seed in UNIONS {
        let parent = seed.parent.map(|p| unions[p].id.clone());
        unions.push(organisations::insert_organisation(
            conn,
            seed.name,
            seed.kind,
            parent.as_deref(),
        )?);
    }
    let agency = organisations::insert_organisation(conn, AGENCY, OrganisationKind::Agency, None)?;
    let teams = TEAMS
        .iter()
        .map(|name| organisations::insert_team(conn, &agency.id, name))
        .collect::<StoreResult<Vec<_>>>()?;
    let at = crate::db::now();
    let mut staff = Vec::new();
    let mut logins = Vec::new();
    for (seed, password_hash) in STAFF.iter().zip(password_hashes) {
        let organisation_id = match seed.home {
            Home::Agency => &agency.id,
            Home::Union(u) => &unions[u].id,
        };
        let team_ids: Vec<String> = seed.teams.iter().map(|&t| teams[t].id.clone()).collect();
        let username = free_username(conn, seed.username)?;
        let user = accounts::create_account(
            conn,
            &NewAccount {
                username: &username,
                display_name: seed.name,
                role: seed.role,
                organisation_id,
                team_ids: &team_ids,
                password_hash,
            },
            at,
        )?;
        accounts::mark_demo(conn, &user.id)?;
        staff.push(user);
        logins.push(username);
    }
    let this_year = crate::db::now().year();
    let mut clients = Vec::new();
    for (i, seed) in CLIENTS.iter().enumerate() {
        // Registered by whoever first worked with them, as would happen in practice.
        let registrar = cases
            .iter()
            .find(|c| c.client == i)
            .map_or(LI, |c| c.worker);
        let input = ClientInput {
            full_name: seed.name.to_owned(),
            gender: Some(seed.gender),
            birth_year: Some(this_year - seed.age),
            phone: seed.phone.map(str::to_owned),
            employer: seed.employer.map(str::to_owned),
            union_member: seed.member,
            union_id: seed.union.map(|u| unions[u].id.clone()),
            district: Some(seed.district.to_owned()),
            special_groups: seed.groups.to_vec(),
        };
        clients.push(clients::insert_client(conn, input, &staff[registrar].id)?);
    }
    Ok(World {
        agency,
        teams,
        unions,
        staff,
        logins,
        clients,
    })
}

/// The seed's login name, or with a number added when `--force` loads the demo
/// again into a database that already has it (login names are unique).
pub(super) fn free_username(conn: &mut DbConnection, base: &str) -> StoreResult<String> {
    let mut candidate = base.to_owned();
    for n in 2.. {
        if accounts::find_credentials(conn, &candidate)?.is_none() {
            break;
        }
        candidate = format!("{base}{n}");
    }
    Ok(candidate)
}

/// Opens one case and walks it to its seed's stage.
pub(super) fn case(
    conn: &mut DbConnection,
    world: &World,
    seed: &CaseSeed,
    today: NaiveDate,
) -> StoreResult<Case> {
    let worker = &world.staff[seed.worker];
    let details = seed.details.input();
    let case_type = details.case_type();
    let team = match case_type {
        CaseType::Counselling | CaseType::FamilyMediation => &world.teams[0],
        CaseType::LabourDispute | CaseType::SpecialGroup => &world.teams[1],
    };
    let opened = cases::open_case(
        conn,
        NewCaseInput {
            case_type,
            client_id: world.clients[seed.client].id.clone(),
            organisation_id: world.agency.id.clone(),
            team_id: Some(team.id.clone()),
            assigned_worker_id: Some(worker.id.clone()),
        },
        &worker.id,
    )?;
    let mut b = Walk {
        conn,
        seed,
        today,
        worker: (worker, STAFF[seed.worker].role),
        supervisor: (&world.staff[SUPERVISOR], Role::Supervisor),
        case: opened,
    };
    b.case = details::save_details(b.conn, &b.case.id, b.case.version, details, &worker.id)?;

    let mut stage = CaseStage::Intake;
    loop {
        if let Some(Detour::StepBack { at, reason }) = &seed.detour
            && *at == stage
        {
            b.transition(b.worker, Transition::StepBack, Some(reason), None)?;
            b.save_record(b.case.stage()?)?;
            b.advance()?;
        }
        b.save_record(stage)?;
        if stage == seed.stage {
            break;
        }
        if stage == CaseStage::Closure {
            if let Some(Detour::SendBack { reason, session }) = &seed.detour {
                b.transition(b.supervisor, Transition::SendBack, Some(reason), None)?;
                b.session(session)?;
                b.transition(b.worker, Transition::Advance, None, None)?;
            }
            b.transition(
                b.supervisor,
                Transition::ApproveClosure,
                Some(CLOSURE_APPROVED),
                None,
            )?;
        } else {
            b.advance()?;
        }
        stage = b.case.stage()?;
    }
    // A plan the client has agreed to waits for the supervisor's approval.
    if seed.stage == CaseStage::Contract
        && seed.close_early.is_none()
        && seed
            .plan
            .as_ref()
            .is_some_and(|p| p.agreed_days_ago.is_some())
    {
        b.transition(b.worker, Transition::SubmitPlan, None, None)?;
    }
    if let Some((reason, why)) = seed.close_early {
        b.transition(b.worker, Transition::CloseEarly, Some(why), Some(reason))?;
    }
    Ok(b.case)
}

/// One case on its way through the workflow; `case.version` is always the latest.
struct Walk<'a> {
    conn: &'a mut DbConnection,
    seed: &'a CaseSeed,
    today: NaiveDate,
    worker: (&'a User, Role),
    supervisor: (&'a User, Role),
    case: Case,
}

/// The supervisor's comment when approving a plan.
const PLAN_APPROVED: &str = "目标具体、可测量，服务频率与服务对象的情况相符，同意进入介入阶段。";
/// The supervisor's comment when signing off a closure.
const CLOSURE_APPROVED: &str =
    "结案评估完整，目标达成情况有据可查，同意结案；请按计划做好跟进回访。";

impl Walk<'_> {
    /// Moves on from the current stage; a plan goes through the supervisor's
    /// approval (the demo agency keeps the default: plans need approval).
    fn advance(&mut self) -> StoreResult<()> {
        if self.case.stage()? == CaseStage::Contract {
            self.transition(self.worker, Transition::SubmitPlan, None, None)?;
            self.transition(
                self.supervisor,
                Transition::ApprovePlan,
                Some(PLAN_APPROVED),
                None,
            )
        } else {
            self.transition(self.worker, Transition::Advance, None, None)
        }
    }

    /// Saves the seed's record for `stage`, written while the case is in it.
    fn save_record(&mut self, stage: CaseStage) -> StoreResult<()> {
        let (id, version, by) = (&self.case.id, self.case.version, &self.worker.0.id);
        let seed = self.seed;
        self.case = match stage {
            CaseStage::Intake => {
                records::save_intake(self.conn, id, version, seed.intake.input(), by)?
            }
            CaseStage::Assessment => match &seed.assessment {
                Some(a) => records::save_assessment(self.conn, id, version, a.input(), by)?,
                None => return Ok(()),
            },
            CaseStage::Contract => match &seed.plan {
                Some(p) => {
                    let input = p.input(self.today);
                    records::save_contract(self.conn, id, version, input, by)?
                }
                None => return Ok(()),
            },
            CaseStage::Intervention => {
                for s in seed.sessions {
                    self.session(s)?;
                }
                return Ok(());
            }
            CaseStage::Closure => match &seed.closure {
                Some(c) => {
                    let goals = records::load_goals(self.conn, id)?;
                    let input = c.input(goals.iter().map(|g| g.id.clone()));
                    records::save_closure(self.conn, id, version, input, by)?
                }
                None => return Ok(()),
            },
            CaseStage::Closed => return Ok(()),
        };
        Ok(())
    }

    fn session(&mut self, s: &Session) -> StoreResult<()> {
        // Older sessions show less progress than recent ones, as a plan usually goes.
        let goal_progress = records::load_goals(self.conn, &self.case.id)?
            .into_iter()
            .enumerate()
            .map(|(i, g)| GoalProgressInput {
                goal_id: g.id,
                progress: match (s.days_ago + i as i64) % 4 {
                    0 => GoalProgress::Good,
                    1 | 2 => GoalProgress::Some,
                    _ => GoalProgress::NoChange,
                },
                note: None,
            })
            .collect();
        let input = SessionInput {
            held_on: self.today - TimeDelta::days(s.days_ago),
            duration_minutes: s.minutes,
            mode: s.mode,
            participants: Some(s.participants.to_owned()),
            notes: Some(s.notes.to_owned()),
            services_delivered: Some(s.services.to_owned()),
            goal_progress,
        };
        let (case, _) = records::add_session(
            self.conn,
            &self.case.id,
            self.case.version,
            input,
            &self.worker.0.id,
        )?;
        self.case = case;
        Ok(())
    }

    fn transition(
        &mut self,
        (actor, role): (&User, Role),
        transition: Transition,
        reason: Option<&str>,
        closure_reason: Option<ClosureReason>,
    ) -> StoreResult<()> {
        let request = TransitionRequest {
            transition,
            reason: reason.map(str::to_owned),
            closure_reason,
        };
        let (case, _) = transitions::apply(
            self.conn,
            &self.case.id,
            self.case.version,
            &actor.id,
            role,
            request,
        )?;
        self.case = case;
        Ok(())
    }
}

impl Intake {
    fn input(&self) -> IntakeInput {
        IntakeInput {
            channel: Some(self.channel),
            presenting_problem: Some(self.problem.to_owned()),
            urgency: self.urgency,
            consent_service: self.consent_service,
            consent_sensitive: self.consent_sensitive,
            guardian_consent: self.guardian_consent,
        }
    }
}

impl Assessment {
    fn input(&self) -> AssessmentInput {
        let text = |t: &str| Some(t.to_owned());
        AssessmentInput {
            physiological: text(self.physiological),
            psychological: text(self.psychological),
            social: text(self.social),
            risk_level: Some(self.risk),
            risk_screening: text(self.screening),
            needs: text(self.needs),
            strengths: text(self.strengths),
            who5_baseline: self.who5,
        }
    }
}

impl Plan {
    fn input(&self, today: NaiveDate) -> ContractInput {
        ContractInput {
            goals: self
                .goals
                .iter()
                .map(|g| GoalInput {
                    id: None,
                    description: g.description.to_owned(),
                    indicator: Some(g.indicator.to_owned()),
                    target_date: Some(today + TimeDelta::days(g.target_in_days)),
                })
                .collect(),
            services: Some(self.services.to_owned()),
            frequency: Some(self.frequency.to_owned()),
            client_agreed: self.agreed_days_ago.is_some(),
            agreed_on: self.agreed_days_ago.map(|d| today - TimeDelta::days(d)),
        }
    }
}

impl Closure {
    fn input(&self, goal_ids: impl Iterator<Item = String>) -> ClosureInput {
        ClosureInput {
            reason: Some(ClosureReason::GoalsAchieved),
            goal_attainment: goal_ids
                .zip(self.attainment)
                .map(|(goal_id, &attainment)| GoalAttainmentInput {
                    goal_id,
                    attainment,
                })
                .collect(),
            who5_closing: Some(self.who5),
            satisfaction: Some(self.satisfaction),
            summary: Some(self.summary.to_owned()),
            follow_up_plan: Some(self.follow_up.to_owned()),
        }
    }
}

impl Details {
    fn input(&self) -> DetailsInput {
        let text = |t: &str| Some(t.to_owned());
        match *self {
            Details::Counselling {
                concern,
                screening,
                mode,
            } => DetailsInput::Counselling {
                concern: Some(concern),
                self_harm_screening: text(screening),
                preferred_mode: Some(mode),
            },
            Details::Mediation {
                parties,
                conflict,
                agreement,
            } => DetailsInput::FamilyMediation {
                parties: text(parties),
                conflict: text(conflict),
                agreement_reached: agreement,
            },
            Details::Labour {
                employer,
                category,
                workers,
                amount,
                route,
                outcome,
                recovered,
            } => DetailsInput::LabourDispute {
                employer: text(employer),
                category: Some(category),
                workers_affected: Some(workers),
                amount_in_dispute: amount,
                route: Some(route),
                outcome: outcome.and_then(text),
                amount_recovered: recovered,
            },
            Details::Special {
                groups,
                needs,
                resources,
            } => DetailsInput::SpecialGroup {
                groups: groups.to_vec(),
                needs: needs.to_vec(),
                resources_linked: resources.and_then(text),
            },
        }
    }
}
