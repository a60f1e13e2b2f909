//! The start page of signed-in staff: what needs them today.
//!
//! Social workers see their own open cases; supervisors the open cases of their
//! teams (and of the agency without a team) and the closures waiting for their
//! sign-off. Within each stage, high-risk and overdue cases come first.

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::access::Principal;
use crate::db::case_queries::{
    CaseCard, DUE_WINDOW_DAYS, DueGoal, Overdue, is_high_risk, risk_rank,
};
use crate::domain::Role;
use crate::domain::vocab::CaseStage;
use crate::i18n::{Arg, Locale};

/// Everything the staff home page shows.
#[derive(Debug, Clone)]
pub struct HomeData {
    /// Open cases: the worker's own, or the supervisor's teams'.
    pub caseload: Vec<CaseCard>,
    /// More open cases exist than are shown.
    pub caseload_truncated: bool,
    /// Intake cases nobody has taken, or waiting on the viewer.
    pub intake_queue: Vec<CaseCard>,
    /// Closures waiting for sign-off (supervisors only).
    pub sign_off: Option<Vec<CaseCard>>,
    /// Goals due or overdue.
    pub due: Vec<DueGoal>,
    /// Today (UTC).
    pub today: NaiveDate,
}

/// The home page of a social worker or supervisor.
pub fn staff_home(l: Locale, who: &Principal, data: &HomeData) -> Markup {
    let supervisor = who.role == Role::Supervisor;
    let attention = data
        .caseload
        .iter()
        .filter(|c| is_high_risk(c.risk_level.as_deref()))
        .count();
    let overdue = data
        .caseload
        .iter()
        .filter(|c| !c.overdue.is_empty())
        .count();
    let count = |n: usize| Arg::Number(n as i64);
    html! {
        div.screen-home {
        h1 { (l.text("home-title")) }
        ul.home-summary {
            li { a href="#caseload" {
                strong { (data.caseload.len()) @if data.caseload_truncated { "+" } }
                " " (l.text_with("home-summary-open", &[("count", count(data.caseload.len()))]))
            } }
            li.attention[attention > 0] { a href="#caseload" {
                strong { (attention) } " " (l.text_with("home-summary-high-risk", &[("count", count(attention))]))
            } }
            li.attention[overdue > 0] { a href="#caseload" {
                strong { (overdue) } " " (l.text_with("home-summary-overdue", &[("count", count(overdue))]))
            } }
            li { a href="#due" {
                strong { (data.due.len()) } " " (l.text_with("home-summary-due", &[("count", count(data.due.len()))]))
            } }
        }
        @if let Some(sign_off) = &data.sign_off {
            section #sign-off aria-labelledby="sign-off-title" {
                h2 #sign-off-title { (l.text("home-sign-off")) }
                @if sign_off.is_empty() {
                    p.muted { (l.text("home-sign-off-empty")) }
                } @else {
                    ul.case-cards {
                        @for c in sign_off { (case_card(l, who, c, true)) }
                    }
                }
            }
        }
        (due_section(l, data))
        section #intake-queue aria-labelledby="intake-queue-title" {
            h2 #intake-queue-title { (l.text("home-queue")) }
            p.muted { (l.text(if supervisor { "home-queue-intro-supervisor" } else { "home-queue-intro" })) }
            @if data.intake_queue.is_empty() {
                p.muted { (l.text("home-queue-empty")) }
            } @else {
                ul.case-cards {
                    @for c in &data.intake_queue { (case_card(l, who, c, true)) }
                }
            }
        }
        (caseload_section(l, who, data))
        }
    }
}

fn caseload_section(l: Locale, who: &Principal, data: &HomeData) -> Markup {
    let supervisor = who.role == Role::Supervisor;
    html! {
        section #caseload aria-labelledby="caseload-title" {
            h2 #caseload-title { (l.text(if supervisor { "home-caseload-teams" } else { "home-caseload-mine" })) }
            @if data.caseload.is_empty() {
                p.muted { (l.text("home-caseload-empty")) }
            }
            @for stage in CaseStage::ALL.iter().filter(|s| s.is_open()) {
                @let group = stage_group(&data.caseload, *stage);
                @if !group.is_empty() {
                    h3.stage-group id={ "stage-" (stage.as_str()) } {
                        (l.label("stage", stage.as_str()))
                        " " span.count { "(" (group.len()) ")" }
                    }
                    ul.case-cards {
                        @for c in group { (case_card(l, who, c, supervisor)) }
                    }
                }
            }
            @if data.caseload_truncated {
                p.muted {
                    (l.text_with("home-caseload-truncated", &[("count", Arg::Number(data.caseload.len() as i64))]))
                    " " a href="/cases?stage=open" { (l.text("home-see-all")) }
                }
            }
        }
    }
}

/// The open cases of one stage: those needing attention first, then by risk,
/// then the longest untouched.
fn stage_group(cards: &[CaseCard], stage: CaseStage) -> Vec<&CaseCard> {
    let mut group: Vec<&CaseCard> = cards.iter().filter(|c| c.stage == stage.as_str()).collect();
    group.sort_by_key(|c| {
        (
            !c.needs_attention(),
            std::cmp::Reverse(risk_rank(c.risk_level.as_deref())),
            c.updated_at,
        )
    });
    group
}

fn due_section(l: Locale, data: &HomeData) -> Markup {
    html! {
        section #due aria-labelledby="due-title" {
            h2 #due-title { (l.text("due-title")) }
            p.muted { (l.text_with("due-intro", &[("days", Arg::Number(DUE_WINDOW_DAYS))])) }
            @if data.due.is_empty() {
                p.muted { (l.text_with("due-empty", &[("days", Arg::Number(DUE_WINDOW_DAYS))])) }
            } @else {
                ul.due-list {
                    @for g in &data.due {
                        @let passed = g.target_date < data.today;
                        li.passed[passed] {
                            span.due-date {
                                @if passed {
                                    span.flag { span aria-hidden="true" { "! " } (l.text_with("due-passed", &[("date", l.date(g.target_date).into())])) }
                                } @else {
                                    (l.text_with("due-on", &[("date", l.date(g.target_date).into())]))
                                }
                            }
                            span.due-goal { (g.description) }
                            span.due-case {
                                a href={ "/cases/" (g.case_id) } { (g.reference) }
                                " · " (g.client_name)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One case as a card; `show_worker` names its worker (supervisors, queues).
fn case_card(l: Locale, who: &Principal, c: &CaseCard, show_worker: bool) -> Markup {
    html! {
        li.case-card.attention[c.needs_attention()] {
            div.card-head {
                a.reference href={ "/cases/" (c.id) } { (c.reference) }
                span.client { (c.client_name) }
                (risk_badge(l, c.risk_level.as_deref()))
            }
            p.card-meta {
                span { (l.label("case-type", &c.case_type)) }
                @if show_worker {
                    span {
                        @match (&c.worker_id, &c.worker_name) {
                            (Some(id), _) if *id == who.user_id => { (l.text("home-assigned-to-you")) }
                            (Some(_), Some(name)) => { (l.text_with("home-worker", &[("name", name.clone().into())])) }
                            _ => { (l.text("home-unassigned")) }
                        }
                    }
                }
                span { (l.text_with("home-in-stage-since", &[("date", l.day_of(c.stage_since).into())])) }
                span { (l.text_with("home-last-change", &[("when", l.date_time(c.updated_at).into())])) }
            }
            @if !c.overdue.is_empty() {
                ul.flags {
                    @for o in &c.overdue { li.flag { span aria-hidden="true" { "! " } (overdue_text(l, o)) } }
                }
            }
        }
    }
}

/// The words for one overdue reason.
pub fn overdue_text(l: Locale, o: &Overdue) -> String {
    match o {
        Overdue::IntakeWaiting { days } => {
            l.text_with("due-overdue-intake", &[("days", Arg::Number(*days))])
        }
        Overdue::NoActivity { days } => {
            l.text_with("due-overdue-no-activity", &[("days", Arg::Number(*days))])
        }
        Overdue::GoalPassed { target } => {
            l.text_with("due-overdue-goal", &[("date", l.date(*target).into())])
        }
    }
}

/// The risk level in words with a symbol, so that it never relies on colour.
pub fn risk_badge(l: Locale, risk: Option<&str>) -> Markup {
    html! {
        @if let Some(risk) = risk {
            span class={ "risk-badge level-" (risk) } {
                @if is_high_risk(Some(risk)) { span aria-hidden="true" { "▲ " } }
                (l.label("list-risk", risk))
            }
        }
    }
}

/// The page of users without a caseload: what they can do here.
pub fn other_home(l: Locale, who: &Principal) -> Markup {
    html! {
        h1 { (l.text("home-other-title")) }
        div.card {
            @match who.role {
                Role::Administrator => {
                    p { (l.text("home-admin-intro")) }
                    p { a href="/audit" { (l.text("home-admin-audit")) } }
                }
                _ => {
                    p { (l.text("home-officer-intro")) }
                }
            }
        }
    }
}
