//! `/team`: each worker's open cases by stage and by risk, the alerts, and a
//! reassignment form beside each alert.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::case_panel::reassign_form;
use super::{date_and_age, risk_badge};
use crate::access::Principal;
use crate::db::supervision::oversight::{
    Alert, OPEN_STAGES, Oversight, RISK_COLUMNS, ReassignmentChoices,
};
use crate::domain::supervision::AlertKind;
use crate::i18n::{Arg, Locale};
use crate::views::components::errors_for;
use crate::views::stage_forms::Feedback;

/// Everything the team screen shows.
pub struct TeamPage<'a> {
    /// Language.
    pub l: Locale,
    /// The supervisor.
    pub who: &'a Principal,
    /// Counts and alerts.
    pub data: &'a Oversight,
    /// Who may take over the cases of each team (`None`: cases without a team).
    pub choices: &'a ReassignmentChoices,
    /// Today (UTC).
    pub today: NaiveDate,
    /// A refused reassignment, shown beside its form.
    pub feedback: &'a Feedback,
}

fn risk_key(r: Option<crate::domain::vocab::RiskLevel>) -> String {
    r.map_or_else(|| "unassessed".to_owned(), |r| r.as_str().to_owned())
}

fn workload_table(p: &TeamPage<'_>) -> Markup {
    let l = p.l;
    let stage_labels: Vec<String> = OPEN_STAGES
        .iter()
        .map(|s| l.label("stage", s.as_str()))
        .collect();
    let risk_labels: Vec<String> = RISK_COLUMNS
        .iter()
        .map(|r| match r {
            Some(r) => l.label("case-risk", r.as_str()),
            None => l.text("case-risk-unassessed"),
        })
        .collect();
    html! {
        div.case-list-wrap {
            table.case-list.workload {
                caption.visually-hidden { (l.text("supervision-team-workload")) }
                thead {
                    tr {
                        th scope="col" { (l.text("supervision-worker")) }
                        @for s in &stage_labels { th scope="col" { (s) } }
                        th scope="col" { (l.text("supervision-team-total")) }
                        @for r in &risk_labels { th scope="col" { (r) } }
                    }
                }
                tbody {
                    @for w in &p.data.workers {
                        tr.high-risk[w.by_risk[0] + w.by_risk[1] > 0] {
                            th scope="row" {
                                @match &w.worker_id {
                                    Some(_) => { (w.name.as_deref().unwrap_or("—")) },
                                    None => { (l.text("supervision-team-unassigned")) },
                                }
                            }
                            @for (i, n) in w.by_stage.iter().enumerate() {
                                td.{ "col-stage-" (OPEN_STAGES[i].as_str()) } data-label=(stage_labels[i]) { (n) }
                            }
                            td.total data-label=(l.text("supervision-team-total")) { strong { (w.total) } }
                            @for (i, n) in w.by_risk.iter().enumerate() {
                                td.{ "col-risk-" (risk_key(RISK_COLUMNS[i])) }.some[*n > 0] data-label=(risk_labels[i]) { (n) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn alert_text(l: Locale, a: &Alert, today: NaiveDate) -> String {
    let since = date_and_age(l, a.since, today);
    let days = Arg::Number(a.days);
    match a.kind {
        AlertKind::IntakeNotAssessed => l.text_with(
            "supervision-alert-intake-detail",
            &[("days", days), ("since", since.into())],
        ),
        AlertKind::NoContact => l.text_with(
            "supervision-alert-no-contact-detail",
            &[("days", days), ("since", since.into())],
        ),
        AlertKind::RiskWithoutSession => match a.last_session {
            Some(s) => l.text_with(
                "supervision-alert-risk-detail",
                &[("last", date_and_age(l, s, today).into())],
            ),
            None => l.text("supervision-alert-risk-detail-none"),
        },
        AlertKind::PlanPastTarget => {
            l.text_with("supervision-alert-plan-detail", &[("since", since.into())])
        }
    }
}

fn alert_item(p: &TeamPage<'_>, a: &Alert) -> Markup {
    let l = p.l;
    let fb = p.feedback;
    let sent = fb.form.is_none() && fb.typed.get("case_id") == a.case_id;
    let (worker_errors, reason_errors) = if sent {
        (
            errors_for(l, &fb.errors, "assignment.worker_id"),
            errors_for(l, &fb.errors, "assignment.reason"),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let choices = p.choices.get(&a.team_id).map_or(&[][..], Vec::as_slice);
    html! {
        li.oversight-alert.{ "kind-" (a.kind.as_str()) } id={ "alert-" (a.kind.as_str()) "-" (a.case_id) } {
            p.card-head {
                span.flag { "⚠ " (l.label("supervision-alert", a.kind.as_str())) }
                a.reference href={ "/cases/" (a.case_id) } { (a.reference) }
                span.client { (a.client_name) }
                (risk_badge(l, a.risk_level.as_deref()))
            }
            p.alert-detail { (alert_text(l, a, p.today)) }
            p.card-meta {
                span { (l.label("stage", &a.stage)) }
                span { (l.label("case-type", &a.case_type)) }
                span { (l.text("supervision-worker")) ": " (a.worker_name.as_deref().unwrap_or("—")) }
            }
            details.reassign open[sent] {
                summary { (l.text("supervision-reassign-title")) }
                (reassign_form(l, p.who, &a.case_id, a.version, a.worker_id.as_deref(), choices, "team",
                    sent.then_some(&fb.typed), &worker_errors, &reason_errors))
            }
        }
    }
}

/// The team screen's content.
pub fn team_page(p: &TeamPage<'_>) -> Markup {
    let l = p.l;
    let t = p.data.thresholds;
    html! {
        div.screen-supervision {
            h1 { (l.text("supervision-team-title")) }
            @if let Some(message) = &p.feedback.alert {
                div.error.alert role="alert" { p { (message) } }
            }
            section #workload aria-labelledby="workload-title" {
                h2 #workload-title { (l.text("supervision-team-workload")) }
                @if p.data.workers.is_empty() {
                    p.empty { (l.text("supervision-team-no-workers")) }
                } @else {
                    (workload_table(p))
                }
            }
            section #alerts aria-labelledby="alerts-title" {
                h2 #alerts-title { (l.text("supervision-team-alerts")) " " span.count { "(" (p.data.alerts.len()) ")" } }
                p.muted { (l.text_with("supervision-team-thresholds", &[
                    ("no_contact", Arg::Number(t.no_contact_days)),
                    ("intake", Arg::Number(t.intake_days)),
                    ("risk", Arg::Number(t.risk_session_days)),
                ])) }
                @if p.data.alerts.is_empty() {
                    p.empty { (l.text("supervision-team-no-alerts")) }
                } @else {
                    ul.oversight-alerts {
                        @for a in &p.data.alerts { (alert_item(p, a)) }
                    }
                }
                @if p.data.alerts_truncated { p.muted { (l.text("supervision-list-truncated")) } }
            }
        }
    }
}
