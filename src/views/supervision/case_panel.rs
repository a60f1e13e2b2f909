//! What the case page shows of supervision: the approval the case awaits, and a
//! supervisor's form to give the case to another social worker of its team.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use maud::{Markup, html};

use crate::access::Principal;
use crate::db::supervision::assignments::Assignment;
use crate::db::supervision::notes::SupervisionNote;
use crate::domain::supervision::{ApprovalKind, ApprovalPolicy};
use crate::i18n::Locale;
use crate::views::components::{csrf_field, errors_for};
use crate::views::stage_forms::Feedback;

/// Supervision's part of the case page, loaded with it.
#[derive(Debug, Clone, Default)]
pub struct CaseSupervision {
    /// The notes the reader may see, oldest first.
    pub notes: Vec<SupervisionNote>,
    /// The reader may add notes (a supervisor of the case who does not hold it).
    pub may_write_notes: bool,
    /// The approval the case awaits: what, who asked, since when.
    pub awaiting: Option<(ApprovalKind, String, NaiveDateTime)>,
    /// The case type's approval policy in this agency.
    pub policy: ApprovalPolicy,
    /// The social workers the reader may give the case to (`None`: the reader may
    /// not reassign it, or it is closed).
    pub reassign_to: Option<Vec<(String, String)>>,
    /// The case's reassignments, oldest first (for the timeline).
    pub assignments: Vec<Assignment>,
}

impl CaseSupervision {
    /// Everyone this part of the page names (for display names).
    pub fn people(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.notes.iter().map(|n| n.author_id.clone()).collect();
        for a in &self.assignments {
            ids.extend(a.from_worker_id.clone());
            ids.push(a.to_worker_id.clone());
        }
        ids.extend(self.awaiting.as_ref().map(|(_, by, _)| by.clone()));
        ids
    }
}

/// "The plan awaits a supervisor's approval since ..." (nothing when nothing is
/// awaited, or a closure whose sign-off the case type does not ask for).
pub fn awaiting_banner(l: Locale, s: &CaseSupervision, names: &HashMap<String, String>) -> Markup {
    let Some((kind, by, at)) = &s.awaiting else {
        return html! {};
    };
    if *kind == ApprovalKind::Closure && !s.policy.closure_required {
        return html! {};
    }
    let key = match kind {
        ApprovalKind::Plan => "supervision-awaiting-plan",
        ApprovalKind::Closure => "supervision-awaiting-closure",
    };
    html! {
        p.note.awaiting-approval role="status" {
            strong { (l.text(key)) }
            " "
            (l.text_with("supervision-awaiting-since", &[
                ("name", names.get(by).cloned().unwrap_or_default().into()),
                ("when", l.date_time(*at).into()),
            ]))
        }
    }
}

/// The reassignment form of the case page (a supervisor, an open case).
pub fn reassign_card(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    current: Option<&str>,
    choices: &[(String, String)],
    feedback: &Feedback,
) -> Markup {
    let sent = feedback.form.is_none() && feedback.typed.get("back") == "case";
    let worker_errors = if sent {
        errors_for(l, &feedback.errors, "assignment.worker_id")
    } else {
        Vec::new()
    };
    let reason_errors = if sent {
        errors_for(l, &feedback.errors, "assignment.reason")
    } else {
        Vec::new()
    };
    html! {
        section.card.reassign aria-labelledby="reassign-title" {
            h2 #reassign-title { (l.text("supervision-reassign-title")) }
            (reassign_form(l, who, case_id, version, current, choices, "case", sent.then_some(&feedback.typed), &worker_errors, &reason_errors))
        }
    }
}

/// The fields of a reassignment; `back` says where to return (`case` or `team`).
#[expect(
    clippy::too_many_arguments,
    reason = "a form that names every value it shows"
)]
pub fn reassign_form(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    current: Option<&str>,
    choices: &[(String, String)],
    back: &str,
    typed: Option<&crate::views::stage_forms::FormValues>,
    worker_errors: &[String],
    reason_errors: &[String],
) -> Markup {
    let prefix = format!("reassign-{case_id}");
    let chosen = typed.map_or("", |t| t.get("worker_id"));
    let reason = typed.map_or("", |t| t.get("reason"));
    let others: Vec<&(String, String)> = choices
        .iter()
        .filter(|(id, _)| Some(id.as_str()) != current)
        .collect();
    html! {
        @if others.is_empty() {
            p.muted { (l.text("supervision-reassign-nobody")) }
        } @else {
            form.reassign-form method="post" action={ "/cases/" (case_id) "/assignment" } {
                (csrf_field(who))
                input type="hidden" name="version" value=(version);
                input type="hidden" name="back" value=(back);
                div.field.invalid[!worker_errors.is_empty()] {
                    label for={ (prefix) "-worker" } { (l.text("supervision-reassign-to")) }
                    select id={ (prefix) "-worker" } name="worker_id" {
                        option value="" { "—" }
                        @for (id, name) in &others {
                            option value=(id) selected[chosen == id.as_str()] { (name) }
                        }
                    }
                    @if !worker_errors.is_empty() { ul.field-errors { @for m in worker_errors { li { (m) } } } }
                }
                div.field.invalid[!reason_errors.is_empty()] {
                    label for={ (prefix) "-reason" } { (l.text("supervision-reassign-reason")) }
                    input id={ (prefix) "-reason" } name="reason" value=(reason);
                    @if !reason_errors.is_empty() { ul.field-errors { @for m in reason_errors { li { (m) } } } }
                }
                button.secondary type="submit" { (l.text("supervision-reassign-submit")) }
            }
        }
    }
}
