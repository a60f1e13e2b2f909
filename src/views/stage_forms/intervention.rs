//! 介入: the session log, and the form for a new session.
//!
//! The data model keeps no per-session goal progress, so the form asks for the
//! progress on each goal in the notes (which are confidential).

use std::collections::HashMap;

use maud::{Markup, html};

use super::{
    FormCtx, FormKind, code_options, group_errors, row, section_form, select_field, withheld_row,
};
use crate::db::records::Session;
use crate::domain::vocab::SessionMode;
use crate::i18n::Locale;
use crate::views::components::{text_area, text_input, typed_input};

/// The form for a new session.
pub fn form(ctx: &FormCtx<'_>) -> Markup {
    let l = ctx.l;
    let modes: Vec<&str> = SessionMode::ALL.iter().map(|c| c.as_str()).collect();
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
        p.hint { (l.text("form-session-progress-hint")) " " (l.text("case-confidential-hint")) }
        (text_area(l, ctx.errors, "session.services_delivered", "services_delivered",
            &l.text("form-session-services"), ctx.v("services_delivered")))
    };
    section_form(ctx, FormKind::Session, "form-session-save", fields)
}

/// The sessions logged so far, newest first; notes only for those who may read them.
pub fn log(
    l: Locale,
    sessions: &[Session],
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
