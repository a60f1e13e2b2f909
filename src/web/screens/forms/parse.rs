//! One reader per form: typed text into the domain's input, or every problem
//! found, by field.

use super::{Reader, Who5};
use crate::db::now;
use crate::domain::validation::*;
use crate::domain::vocab::CaseType;
use crate::domain::workflow::{Transition, TransitionRequest};
use crate::views::stage_forms::{FormKind, FormValues};

/// A form read into the domain's input.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// 接案.
    Intake(IntakeInput),
    /// 预估.
    Assessment(AssessmentInput),
    /// 计划及合约.
    Contract(ContractInput),
    /// A new session.
    Session(SessionInput),
    /// 结案与评估.
    Closure(ClosureInput),
    /// Details.
    Details(DetailsInput),
    /// A transition.
    Transition(TransitionRequest),
}

/// A parsed form, and how to put the domain's list positions back on form rows.
///
/// Blank goal rows are skipped, so the third row may be the domain's second goal;
/// errors the domain reports by list position are moved back to the row typed in.
#[derive(Debug, Clone)]
pub struct ParsedForm {
    /// The input.
    pub input: Parsed,
    /// `(prefix, rows)`: the domain's item `k` under `prefix` is form row `rows[k]`.
    remap: Option<(&'static str, Vec<usize>)>,
    /// The WHO-5 questions were left unanswered: the save keeps the stored
    /// score, read from the database (the input's score is `None` meanwhile).
    pub keep_stored_who5: bool,
    /// The five WHO-5 answers behind the input's score, stored beside it.
    pub who5_answers: Option<[u8; 5]>,
}

impl ParsedForm {
    /// Moves errors reported by list position to the form rows they concern.
    pub fn remap_errors(&self, errors: Vec<FieldError>) -> Vec<FieldError> {
        match &self.remap {
            Some((prefix, rows)) => remap(errors, prefix, rows),
            None => errors,
        }
    }
}

fn remap(errors: Vec<FieldError>, prefix: &str, rows: &[usize]) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if let Some(rest) = e
                .field
                .strip_prefix(prefix)
                .and_then(|r| r.strip_prefix('.'))
            {
                let (index, tail) = rest.split_once('.').unwrap_or((rest, ""));
                if let Some(row) = index.parse::<usize>().ok().and_then(|k| rows.get(k)) {
                    e.field = if tail.is_empty() {
                        format!("{prefix}.{row}")
                    } else {
                        format!("{prefix}.{row}.{tail}")
                    };
                }
            }
            e
        })
        .collect()
}

/// Row numbers used in names such as `goals.3.description`, in order.
fn rows(values: &FormValues, prefix: &str) -> Vec<usize> {
    let mut rows: Vec<usize> = values
        .names()
        .iter()
        .filter_map(|n| n.strip_prefix(prefix)?.split('.').next()?.parse().ok())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// Reads a form of `kind` for a case of `case_type`.
pub fn parse(
    kind: FormKind,
    values: &FormValues,
    case_type: CaseType,
) -> Result<ParsedForm, Vec<FieldError>> {
    let mut r = Reader::new(values);
    let mut remap_rows = None;
    let mut keep_stored_who5 = false;
    let mut who5_answers = None;
    let (input, validated) = match kind {
        FormKind::Intake => {
            let i = IntakeInput {
                channel: r.code("channel", "intake.channel"),
                presenting_problem: r.text("presenting_problem"),
                urgency: r.code("urgency", "intake.urgency"),
                consent_service: r.checked("consent_service"),
                consent_sensitive: r.checked("consent_sensitive"),
                guardian_consent: r.checked("guardian_consent"),
            };
            let v = i.validate();
            (Parsed::Intake(i), v)
        }
        FormKind::Assessment => {
            let who5 = r.who5("who5", "assessment.who5_items");
            keep_stored_who5 = who5 == Who5::Unanswered;
            who5_answers = who5.answers();
            let i = AssessmentInput {
                physiological: r.text("physiological"),
                psychological: r.text("psychological"),
                social: r.text("social"),
                risk_level: r.code("risk_level", "assessment.risk_level"),
                risk_screening: r.text("risk_screening"),
                needs: r.text("needs"),
                strengths: r.text("strengths"),
                who5_baseline: who5.score(),
            };
            let v = i.validate();
            (Parsed::Assessment(i), v)
        }
        FormKind::Contract => {
            let (i, used) = contract(&mut r);
            let today = crate::local_time::local_day(now());
            let v = i
                .validate(today)
                .map_err(|e| remap(e, "contract.goals", &used));
            remap_rows = Some(("contract.goals", used));
            (Parsed::Contract(i), v)
        }
        FormKind::Session => {
            let held_on = r.date("held_on", "session.held_on");
            let duration = r.number("duration_minutes", "session.duration_minutes", 1, 24 * 60);
            let mode = r.code("mode", "session.mode");
            for (missing, field, name) in [
                (held_on.is_none(), "session.held_on", "held_on"),
                (
                    duration.is_none(),
                    "session.duration_minutes",
                    "duration_minutes",
                ),
                (mode.is_none(), "session.mode", "mode"),
            ] {
                if missing && values.get(name).trim().is_empty() {
                    r.errors.problem(field, Problem::Required);
                }
            }
            let today = crate::local_time::local_day(now());
            let (goal_progress, used) = goal_progress(&mut r);
            // Placeholders for what did not read, so the other fields are still checked.
            let i = SessionInput {
                held_on: held_on.unwrap_or(today),
                duration_minutes: duration.unwrap_or(1),
                mode: mode.unwrap_or(crate::domain::vocab::SessionMode::Phone),
                participants: r.text("participants"),
                notes: r.text("notes"),
                services_delivered: r.text("services_delivered"),
                goal_progress,
            };
            let v = i
                .validate(today)
                .map_err(|e| remap(e, "session.goal_progress", &used));
            remap_rows = Some(("session.goal_progress", used));
            (Parsed::Session(i), v)
        }
        FormKind::Closure => {
            let (i, used, who5) = closure(&mut r);
            keep_stored_who5 = who5 == Who5::Unanswered;
            who5_answers = who5.answers();
            let v = i
                .validate()
                .map_err(|e| remap(e, "closure.goal_attainment", &used));
            remap_rows = Some(("closure.goal_attainment", used));
            (Parsed::Closure(i), v)
        }
        FormKind::Details => {
            let i = details(&mut r, case_type);
            let v = i.validate();
            (Parsed::Details(i), v)
        }
        FormKind::Transition(transition) => {
            let i = TransitionRequest {
                transition,
                reason: r.text("reason"),
                closure_reason: r.code("closure_reason", "transition.closure_reason"),
            };
            let mut e = Errors::default();
            e.text("transition.reason", &i.reason, SHORT_TEXT * 10);
            (Parsed::Transition(i), e.finish())
        }
    };
    let mut errors = r.errors.finish().err().unwrap_or_default();
    for e in validated.err().unwrap_or_default() {
        if !errors.iter().any(|seen| seen.field == e.field) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(ParsedForm {
            input,
            remap: remap_rows,
            keep_stored_who5,
            who5_answers,
        })
    } else {
        Err(errors)
    }
}

/// The transition a transition form asks for.
pub fn transition_of(values: &FormValues) -> Option<Transition> {
    values.get("transition").parse().ok()
}

fn contract(r: &mut Reader<'_>) -> (ContractInput, Vec<usize>) {
    let mut goals = Vec::new();
    let mut used = Vec::new();
    for i in rows(r.values, "goals.") {
        let name = |f: &str| format!("goals.{i}.{f}");
        let id = r.text(&name("id"));
        let description = r.values.get(&name("description")).trim().to_owned();
        let indicator = r.text(&name("indicator"));
        let target_date = r.date(
            &name("target_date"),
            &format!("contract.goals.{i}.target_date"),
        );
        let removed = id.is_some() && r.checked(&name("remove"));
        let blank = id.is_none()
            && description.is_empty()
            && indicator.is_none()
            && r.values.get(&name("target_date")).trim().is_empty();
        if removed || blank {
            continue;
        }
        goals.push(GoalInput {
            id,
            description,
            indicator,
            target_date,
        });
        used.push(i);
    }
    let input = ContractInput {
        goals,
        services: r.text("services"),
        frequency: r.text("frequency"),
        client_agreed: r.checked("client_agreed"),
        agreed_on: r.date("agreed_on", "contract.agreed_on"),
    };
    (input, used)
}

/// The goals rated at a session: rows `progress_goal.N` (the goal's id),
/// `progress.N` (a `GoalProgress` code, blank when not rated) and `progress_note.N`.
fn goal_progress(r: &mut Reader<'_>) -> (Vec<GoalProgressInput>, Vec<usize>) {
    let mut rated = Vec::new();
    let mut used = Vec::new();
    for i in rows(r.values, "progress_goal.") {
        let goal_id = r
            .values
            .get(&format!("progress_goal.{i}"))
            .trim()
            .to_owned();
        let field = format!("session.goal_progress.{i}");
        let note = r.text(&format!("progress_note.{i}"));
        match r.code(&format!("progress.{i}"), &field) {
            Some(progress) => {
                rated.push(GoalProgressInput {
                    goal_id,
                    progress,
                    note,
                });
                used.push(i);
            }
            // A note without a rating would be lost: ask for the rating.
            None if note.is_some() && r.values.get(&format!("progress.{i}")).trim().is_empty() => {
                r.errors.problem(&field, Problem::Required);
            }
            None => {}
        }
    }
    (rated, used)
}

fn closure(r: &mut Reader<'_>) -> (ClosureInput, Vec<usize>, Who5) {
    let mut ratings = Vec::new();
    let mut used = Vec::new();
    for i in rows(r.values, "gas_id.") {
        let goal_id = r.values.get(&format!("gas_id.{i}")).trim().to_owned();
        let field = format!("closure.goal_attainment.{i}");
        if let Some(attainment) = r.number(&format!("gas.{i}"), &field, -2, 2) {
            ratings.push(GoalAttainmentInput {
                goal_id,
                attainment,
            });
            used.push(i);
        }
    }
    let who5 = r.who5("who5", "closure.who5_items");
    let input = ClosureInput {
        reason: r.code("reason", "closure.reason"),
        goal_attainment: ratings,
        who5_closing: who5.score(),
        satisfaction: r.number("satisfaction", "closure.satisfaction", 1, 5),
        summary: r.text("summary"),
        follow_up_plan: r.text("follow_up_plan"),
    };
    (input, used, who5)
}

fn details(r: &mut Reader<'_>, case_type: CaseType) -> DetailsInput {
    match case_type {
        CaseType::Counselling => DetailsInput::Counselling {
            concern: r.code("concern", "details.concern"),
            self_harm_screening: r.text("self_harm_screening"),
            preferred_mode: r.code("preferred_mode", "details.preferred_mode"),
        },
        CaseType::FamilyMediation => DetailsInput::FamilyMediation {
            parties: r.text("parties"),
            conflict: r.text("conflict"),
            agreement_reached: match r.values.get("agreement_reached").trim() {
                "yes" => Some(true),
                "no" => Some(false),
                "" => None,
                _ => {
                    r.errors.unknown("details.agreement_reached");
                    None
                }
            },
        },
        CaseType::LabourDispute => DetailsInput::LabourDispute {
            employer: r.text("employer"),
            category: r.code("category", "details.category"),
            workers_affected: r.number(
                "workers_affected",
                "details.workers_affected",
                1,
                1_000_000,
            ),
            amount_in_dispute: r.yuan("amount_in_dispute", "details.amount_in_dispute"),
            route: r.code("route", "details.route"),
            outcome: r.text("outcome"),
            amount_recovered: r.yuan("amount_recovered", "details.amount_recovered"),
        },
        CaseType::SpecialGroup => DetailsInput::SpecialGroup {
            groups: code_list(r, "groups", "details.groups"),
            needs: code_list(r, "needs", "details.needs"),
            resources_linked: r.text("resources_linked"),
        },
    }
}

/// The ticked codes of a checkbox list; an unknown one is an error on `field`.
fn code_list<T: std::str::FromStr>(r: &mut Reader<'_>, name: &str, field: &str) -> Vec<T> {
    let values = r.values;
    let mut out = Vec::new();
    for code in values.all(name).map(str::trim).filter(|c| !c.is_empty()) {
        match code.parse() {
            Ok(c) => out.push(c),
            Err(_) => r.errors.unknown(field),
        }
    }
    out
}
