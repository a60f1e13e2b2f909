//! 介入: the session log, and the form for a new session with the progress on
//! each goal of the plan. Progress ratings are shown to everyone who may read the
//! case; the notes on them, like the session notes, only to those who may read
//! confidential fields.

use std::collections::HashMap;

use maud::{Markup, html};

use super::{
    FormCtx, FormKind, code_options, group_described_by, group_errors, row, section_form,
    select_field, withheld_row,
};
use crate::db::records::{Goal, Session, SessionGoalProgress};
use crate::domain::vocab::{GoalProgress, SessionMode};
use crate::i18n::Locale;
use crate::views::components::{text_area, text_input, typed_input};

/// The form for a new session; `goals` are the plan's goals, each rated here.
pub fn form(ctx: &FormCtx<'_>, goals: &[Goal]) -> Markup {
    let l = ctx.l;
    let modes: Vec<&str> = SessionMode::ALL.iter().map(|c| c.as_str()).collect();
    let progress: Vec<&str> = GoalProgress::ALL.iter().map(|c| c.as_str()).collect();
    let progress_fields = ["session.goal_progress"];
    let fields = html! {
        (group_errors(l, ctx.errors, &["intervention.sessions"]))
        div.pair {
            (typed_input(l, ctx.errors, "session.held_on", "held_on",
                &l.text("form-session-held-on"), ctx.v("held_on"), "date", None))
            (typed_input(l, ctx.errors, "session.duration_minutes", "duration_minutes",
                &l.text("form-session-duration"), ctx.v("duration_minutes"), "number", Some(("1", "1440"))))
        }
        (select_field(ctx, "session.mode", "mode", &l.text("form-session-mode"),
            &code_options(l, "case-mode", &modes)))
        (text_input(l, ctx.errors, "session.participants", "participants",
            &l.text("form-session-participants"), ctx.v("participants")))
        (text_area(l, ctx.errors, "session.notes", "notes",
            &l.text("form-session-notes"), ctx.v("notes")))
        fieldset.goal-progress aria-describedby=[group_described_by(ctx.errors, &progress_fields)] {
            legend { (l.text("form-session-progress")) }
            p.hint { (l.text("form-session-progress-hint")) " " (l.text("case-confidential-hint")) }
            (group_errors(l, ctx.errors, &progress_fields))
            @if goals.is_empty() { p.muted { (l.text("form-contract-no-goals")) } }
            @for (i, goal) in goals.iter().enumerate() {
                div.goal-progress-row {
                    input type="hidden" name={ "progress_goal." (i) } value=(goal.id);
                    (select_field(ctx, &format!("session.goal_progress.{i}"), &format!("progress.{i}"),
                        &format!("{}. {}", i + 1, goal.description),
                        &code_options(l, "case-progress", &progress)))
                    (text_input(l, ctx.errors, &format!("session.goal_progress.{i}.note"),
                        &format!("progress_note.{i}"), &l.text("form-session-progress-note"),
                        ctx.v(&format!("progress_note.{i}"))))
                }
            }
        }
        (text_area(l, ctx.errors, "session.services_delivered", "services_delivered",
            &l.text("form-session-services"), ctx.v("services_delivered")))
    };
    section_form(ctx, FormKind::Session, "form-session-save", fields)
}

/// The sessions logged so far, newest first; notes only for those who may read them.
pub fn log(
    l: Locale,
    sessions: &[Session],
    progress: &[SessionGoalProgress],
    names: &HashMap<String, String>,
    withheld: bool,
) -> Markup {
    html! {
        @if sessions.is_empty() {
            p.muted { (l.text("form-session-none")) }
        } @else {
            ol.sessions reversed {
                @for s in sessions.iter().rev() {
                    li.session {
                        p.session-head {
                            strong { (l.date(s.held_on)) }
                            " · " (l.text_with("form-session-minutes", &[("n", i64::from(s.duration_minutes).into())]))
                            " · " (l.label("case-mode", &s.mode))
                        }
                        dl.summary.compact {
                            (row(&l.text("form-session-participants"), s.participants.as_deref()))
                            (row(&l.text("form-session-services"), s.services_delivered.as_deref()))
                            @if withheld {
                                (withheld_row(l, &l.text("form-session-notes")))
                            } @else {
                                (row(&l.text("form-session-notes"), s.notes.as_deref()))
                            }
                        }
                        (progress_list(l, progress.iter().filter(|p| p.session_id == s.id), withheld))
                        p.muted.recorded {
                            (l.text_with("case-recorded-by", &[
                                ("name", names.get(&s.recorded_by).cloned().unwrap_or_default().into()),
                                ("when", l.date_time(s.recorded_at).into()),
                            ]))
                        }
                    }
                }
            }
        }
    }
}

/// The goals rated at one session: the goal as worded then, the rating, the note.
fn progress_list<'a>(
    l: Locale,
    rated: impl Iterator<Item = &'a SessionGoalProgress>,
    withheld: bool,
) -> Markup {
    let rated: Vec<_> = rated.collect();
    html! {
        @if !rated.is_empty() {
            div.goal-progress-log {
                p.muted { (l.text("form-session-progress")) }
                ul {
                    @for p in &rated {
                        li {
                            (p.goal_description) ": "
                            strong { (l.label("case-progress", &p.progress)) }
                            @if let (false, Some(note)) = (withheld, p.note.as_deref()) {
                                " — " (note)
                            }
                        }
                    }
                }
            }
        }
    }
}
