//! What users send, and the rules it must meet before anything is stored.
//!
//! Inputs are plain structs (deserialised by the web layer); `validate` returns
//! every problem at once, each tied to its field, so that a form can show them all
//! beside the fields concerned. Nothing here touches the database.

use chrono::NaiveDate;
use serde::Deserialize;

use super::vocab::*;

/// Longest name, phone, employer or other one-line field.
pub const SHORT_TEXT: usize = 200;
/// Longest note, problem description or summary.
pub const LONG_TEXT: usize = 20_000;

/// What is wrong with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Left empty, but needed.
    Required,
    /// Longer than allowed.
    TooLong {
        /// The maximum, in characters.
        max: usize,
    },
    /// A number outside its range.
    OutOfRange {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// Refers to something that is not there (a goal of another case, say).
    Unknown,
    /// A date after today where only the past makes sense.
    InFuture,
    /// Already used by another record (a login name, say).
    Taken,
    /// Does not match what is stored (the current password, say).
    Incorrect,
    /// A password shorter than the minimum.
    PasswordTooShort,
    /// A password found in common-password lists or otherwise easy to guess.
    PasswordTooCommon,
}

/// A problem tied to the field it concerns (`intake.presenting_problem`...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the form and the API know it.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

/// Collects field errors while a validator walks an input.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError {
            field: field.into(),
            problem,
        });
    }

    /// Checks an optional text's length.
    pub fn text(&mut self, field: &str, value: &Option<String>, max: usize) {
        if let Some(v) = value
            && v.chars().count() > max
        {
            self.push(field, Problem::TooLong { max });
        }
    }

    /// Checks a text that must be present and not blank.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.push(field, Problem::Required);
        } else if value.chars().count() > max {
            self.push(field, Problem::TooLong { max });
        }
    }

    /// Checks an optional number's range.
    pub fn range(&mut self, field: &str, value: Option<i64>, min: i64, max: i64) {
        if let Some(v) = value
            && !(min..=max).contains(&v)
        {
            self.push(field, Problem::OutOfRange { min, max });
        }
    }

    /// Records that a value is already used elsewhere.
    pub fn taken(&mut self, field: impl Into<String>) {
        self.push(field, Problem::Taken);
    }

    /// Records any problem.
    pub fn problem(&mut self, field: impl Into<String>, problem: Problem) {
        self.push(field, problem);
    }

    /// Records that a referenced item does not exist.
    pub fn unknown(&mut self, field: impl Into<String>) {
        self.push(field, Problem::Unknown);
    }

    /// The collected problems, or `Ok` when there are none.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Trims and turns a blank text into `None`, so that blanks never count as recorded.
pub fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// A client (服务对象): no more than the work needs, and no national ID number.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientInput {
    /// Name or the alias the client uses.
    pub full_name: String,
    /// Gender as stated.
    pub gender: Option<Gender>,
    /// Year of birth (enough to know if a guardian must consent).
    pub birth_year: Option<i32>,
    /// Phone number.
    pub phone: Option<String>,
    /// Employer.
    pub employer: Option<String>,
    /// Whether the client is a union member.
    #[serde(default)]
    pub union_member: bool,
    /// The client's union organisation, if known.
    pub union_id: Option<String>,
    /// District of residence or work.
    pub district: Option<String>,
    /// Special-group categories.
    #[serde(default)]
    pub special_groups: Vec<SpecialGroup>,
}

impl ClientInput {
    /// Checks lengths and the year of birth against `this_year`.
    pub fn validate(&self, this_year: i32) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.required_text("client.full_name", &self.full_name, 100);
        e.text("client.phone", &self.phone, 40);
        e.text("client.employer", &self.employer, SHORT_TEXT);
        e.text("client.district", &self.district, SHORT_TEXT);
        e.range(
            "client.birth_year",
            self.birth_year.map(i64::from),
            1900,
            i64::from(this_year),
        );
        e.finish()
    }
}

/// Opening a case at intake.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCaseInput {
    /// Which of the four fields of service.
    pub case_type: CaseType,
    /// The client served.
    pub client_id: String,
    /// The serving agency.
    pub organisation_id: String,
    /// The agency team, if known.
    pub team_id: Option<String>,
    /// The social worker who takes the case, if already known.
    pub assigned_worker_id: Option<String>,
}

/// Intake (接案): how the case came in, the problem, urgency and consents.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeInput {
    /// How the case came in.
    pub channel: Option<IntakeChannel>,
    /// The presenting problem in the client's words.
    pub presenting_problem: Option<String>,
    /// How soon a response is needed.
    pub urgency: Option<Urgency>,
    /// Informed consent to the service.
    #[serde(default)]
    pub consent_service: bool,
    /// Consent to process sensitive personal information.
    #[serde(default)]
    pub consent_sensitive: bool,
    /// A guardian's consent, for a client under 14.
    #[serde(default)]
    pub guardian_consent: bool,
}

impl IntakeInput {
    /// Checks lengths.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.text(
            "intake.presenting_problem",
            &self.presenting_problem,
            LONG_TEXT,
        );
        e.finish()
    }
}

/// Assessment (预估): three dimensions, risk, needs, strengths, baseline WHO-5.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInput {
    /// Physiological dimension.
    pub physiological: Option<String>,
    /// Psychological dimension.
    pub psychological: Option<String>,
    /// Social dimension.
    pub social: Option<String>,
    /// Assessed risk level.
    pub risk_level: Option<RiskLevel>,
    /// The screening behind the risk level (confidential).
    pub risk_screening: Option<String>,
    /// Needs.
    pub needs: Option<String>,
    /// Strengths.
    pub strengths: Option<String>,
    /// WHO-5 well-being index at assessment, 0-100.
    pub who5_baseline: Option<i32>,
}

impl AssessmentInput {
    /// Checks lengths and the WHO-5 range.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        for (field, value) in [
            ("assessment.physiological", &self.physiological),
            ("assessment.psychological", &self.psychological),
            ("assessment.social", &self.social),
            ("assessment.risk_screening", &self.risk_screening),
            ("assessment.needs", &self.needs),
            ("assessment.strengths", &self.strengths),
        ] {
            e.text(field, value, LONG_TEXT);
        }
        e.range(
            "assessment.who5_baseline",
            self.who5_baseline.map(i64::from),
            0,
            100,
        );
        e.finish()
    }
}

/// One goal of the plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalInput {
    /// An existing goal's id, to keep it; absent for a new goal.
    pub id: Option<String>,
    /// What the client wants to achieve.
    pub description: String,
    /// How attainment will be measured.
    pub indicator: Option<String>,
    /// When it should be reached.
    pub target_date: Option<NaiveDate>,
}

/// Plan and contract (计划及合约): goals, services and the client's agreement.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractInput {
    /// The goals; this list replaces the plan's goals.
    #[serde(default)]
    pub goals: Vec<GoalInput>,
    /// Agreed services.
    pub services: Option<String>,
    /// How often they are delivered.
    pub frequency: Option<String>,
    /// The client agreed to the plan.
    #[serde(default)]
    pub client_agreed: bool,
    /// When the client agreed.
    pub agreed_on: Option<NaiveDate>,
}

/// Most goals a plan may hold; a plan is a few goals, not a list of tasks.
pub const MAX_GOALS: usize = 20;

impl ContractInput {
    /// Checks goals, lengths, and that the agreement is not dated after `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.agreed_on.is_some_and(|d| d > today) {
            e.push("contract.agreed_on", Problem::InFuture);
        }
        if self.goals.len() > MAX_GOALS {
            e.push(
                "contract.goals",
                Problem::OutOfRange {
                    min: 0,
                    max: MAX_GOALS as i64,
                },
            );
        }
        for (i, g) in self.goals.iter().enumerate() {
            e.required_text(
                &format!("contract.goals.{i}.description"),
                &g.description,
                SHORT_TEXT * 5,
            );
            e.text(
                &format!("contract.goals.{i}.indicator"),
                &g.indicator,
                SHORT_TEXT * 5,
            );
        }
        e.text("contract.services", &self.services, LONG_TEXT);
        e.text("contract.frequency", &self.frequency, SHORT_TEXT);
        e.finish()
    }
}

/// One intervention session (介入).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    /// The day it took place.
    pub held_on: NaiveDate,
    /// Length in minutes.
    pub duration_minutes: i32,
    /// How it took place.
    pub mode: SessionMode,
    /// Who took part.
    pub participants: Option<String>,
    /// What happened (confidential).
    pub notes: Option<String>,
    /// Services delivered in the session.
    pub services_delivered: Option<String>,
    /// Progress on the plan's goals; goals not rated this session are left out.
    #[serde(default)]
    pub goal_progress: Vec<GoalProgressInput>,
}

/// Progress on one goal, rated at a session.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalProgressInput {
    /// The goal (of the same case).
    pub goal_id: String,
    /// How far the session moved the client towards it.
    pub progress: GoalProgress,
    /// A short note on it (confidential, as the session notes).
    pub note: Option<String>,
}

impl SessionInput {
    /// Checks the duration, the date against `today`, and lengths.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.range(
            "session.duration_minutes",
            Some(i64::from(self.duration_minutes)),
            1,
            24 * 60,
        );
        if self.held_on > today {
            e.push("session.held_on", Problem::InFuture);
        }
        e.text("session.participants", &self.participants, SHORT_TEXT * 5);
        e.text("session.notes", &self.notes, LONG_TEXT);
        e.text(
            "session.services_delivered",
            &self.services_delivered,
            LONG_TEXT,
        );
        if self.goal_progress.len() > MAX_GOALS {
            e.push(
                "session.goal_progress",
                Problem::OutOfRange {
                    min: 0,
                    max: MAX_GOALS as i64,
                },
            );
        }
        for (i, p) in self.goal_progress.iter().enumerate() {
            let repeated = self.goal_progress[..i]
                .iter()
                .any(|earlier| earlier.goal_id == p.goal_id);
            if repeated {
                e.push(format!("session.goal_progress.{i}"), Problem::Unknown);
            }
            e.text(
                &format!("session.goal_progress.{i}.note"),
                &p.note,
                SHORT_TEXT * 5,
            );
        }
        e.finish()
    }
}

/// The attainment of one goal on the goal attainment scale (−2..+2).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalAttainmentInput {
    /// The goal.
    pub goal_id: String,
    /// −2 much less than expected … +2 much more than expected.
    pub attainment: i32,
}

/// Closure and evaluation (结案与评估).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureInput {
    /// Why the case closes.
    pub reason: Option<ClosureReason>,
    /// Attainment of each goal.
    #[serde(default)]
    pub goal_attainment: Vec<GoalAttainmentInput>,
    /// WHO-5 at closure, 0-100.
    pub who5_closing: Option<i32>,
    /// Client satisfaction, 1-5.
    pub satisfaction: Option<i32>,
    /// The worker's summary.
    pub summary: Option<String>,
    /// What happens after closure.
    pub follow_up_plan: Option<String>,
}

impl ClosureInput {
    /// Checks ranges and lengths.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        for (i, g) in self.goal_attainment.iter().enumerate() {
            e.range(
                &format!("closure.goal_attainment.{i}"),
                Some(i64::from(g.attainment)),
                -2,
                2,
            );
        }
        e.range(
            "closure.who5_closing",
            self.who5_closing.map(i64::from),
            0,
            100,
        );
        e.range(
            "closure.satisfaction",
            self.satisfaction.map(i64::from),
            1,
            5,
        );
        e.text("closure.summary", &self.summary, LONG_TEXT);
        e.text("closure.follow_up_plan", &self.follow_up_plan, LONG_TEXT);
        e.finish()
    }
}

/// The type-specific details of a case; the variant must match the case type.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "case_type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DetailsInput {
    /// 心理疏导.
    Counselling {
        /// What brings the client.
        concern: Option<CounsellingConcern>,
        /// Self-harm risk screening (confidential).
        self_harm_screening: Option<String>,
        /// Hotline, face to face or online.
        preferred_mode: Option<SessionMode>,
    },
    /// 家庭调解.
    FamilyMediation {
        /// The parties.
        parties: Option<String>,
        /// The conflict (confidential).
        conflict: Option<String>,
        /// Whether an agreement was reached.
        agreement_reached: Option<bool>,
    },
    /// 劳动关系协调.
    LabourDispute {
        /// The employer.
        employer: Option<String>,
        /// The kind of dispute.
        category: Option<DisputeCategory>,
        /// Workers affected.
        workers_affected: Option<i32>,
        /// Amount in dispute, in fen (1/100 yuan).
        amount_in_dispute: Option<i64>,
        /// How it is being resolved.
        route: Option<DisputeRoute>,
        /// The outcome.
        outcome: Option<String>,
        /// Amount recovered, in fen.
        amount_recovered: Option<i64>,
    },
    /// 特殊职工帮扶.
    SpecialGroup {
        /// Which groups the client belongs to.
        #[serde(default)]
        groups: Vec<SpecialGroup>,
        /// What they need.
        #[serde(default)]
        needs: Vec<AssistanceNeed>,
        /// Resources linked so far.
        resources_linked: Option<String>,
    },
}

/// Largest amount of money accepted, in fen: 10 billion yuan.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;

impl DetailsInput {
    /// The case type these details belong to.
    pub fn case_type(&self) -> CaseType {
        match self {
            DetailsInput::Counselling { .. } => CaseType::Counselling,
            DetailsInput::FamilyMediation { .. } => CaseType::FamilyMediation,
            DetailsInput::LabourDispute { .. } => CaseType::LabourDispute,
            DetailsInput::SpecialGroup { .. } => CaseType::SpecialGroup,
        }
    }

    /// Checks lengths and amounts.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        match self {
            DetailsInput::Counselling {
                self_harm_screening,
                ..
            } => e.text(
                "details.self_harm_screening",
                self_harm_screening,
                LONG_TEXT,
            ),
            DetailsInput::FamilyMediation {
                parties, conflict, ..
            } => {
                e.text("details.parties", parties, SHORT_TEXT * 5);
                e.text("details.conflict", conflict, LONG_TEXT);
            }
            DetailsInput::LabourDispute {
                employer,
                workers_affected,
                amount_in_dispute,
                outcome,
                amount_recovered,
                ..
            } => {
                e.text("details.employer", employer, SHORT_TEXT);
                e.range(
                    "details.workers_affected",
                    workers_affected.map(i64::from),
                    1,
                    1_000_000,
                );
                e.range(
                    "details.amount_in_dispute",
                    *amount_in_dispute,
                    0,
                    MAX_AMOUNT,
                );
                e.range("details.amount_recovered", *amount_recovered, 0, MAX_AMOUNT);
                e.text("details.outcome", outcome, LONG_TEXT);
            }
            DetailsInput::SpecialGroup {
                resources_linked, ..
            } => e.text("details.resources_linked", resources_linked, LONG_TEXT),
        }
        e.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_problem_with_its_field() {
        let input = ClosureInput {
            who5_closing: Some(101),
            satisfaction: Some(0),
            summary: Some("x".repeat(LONG_TEXT + 1)),
            goal_attainment: vec![GoalAttainmentInput {
                goal_id: "g".into(),
                attainment: 3,
            }],
            ..Default::default()
        };
        let errors = input.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "closure.goal_attainment.0",
                "closure.who5_closing",
                "closure.satisfaction",
                "closure.summary"
            ]
        );
        assert_eq!(errors[3].problem, Problem::TooLong { max: LONG_TEXT });
    }

    #[test]
    fn blank_names_and_future_births_are_refused() {
        let client = ClientInput {
            full_name: "  ".into(),
            gender: None,
            birth_year: Some(2030),
            phone: None,
            employer: None,
            union_member: false,
            union_id: None,
            district: None,
            special_groups: vec![],
        };
        let errors = client.validate(2026).unwrap_err();
        assert_eq!(errors[0].problem, Problem::Required);
        assert_eq!(errors[1].field, "client.birth_year");
        assert_eq!(clean(Some("  a ".into())), Some("a".into()));
        assert_eq!(clean(Some("   ".into())), None);
    }
}
