//! What the page says above everything when a save was refused: the message,
//! what someone else changed meanwhile, and what was typed into a form that is
//! no longer on the page.

use maud::{Markup, html};

use crate::domain::vocab::CaseStage;
use crate::i18n::Locale;
use crate::views::stage_forms::{Feedback, FormKind, row};

/// The alerts of a refused save (nothing when there is no feedback).
pub fn alerts(l: Locale, stage: CaseStage, fb: &Feedback) -> Markup {
    html! {
        @if let Some(message) = &fb.alert {
            div.error.alert role="alert" {
                p { (message) }
                @if let Some(kind) = fb.form.filter(|_| fb.unsaved.is_empty()) {
                    p.jump { a href={ "#" (kind.anchor()) } { (l.text("form-go-to-form")) } }
                }
            }
        }
        @if let Some(conflict) = &fb.conflict {
            section.conflict aria-labelledby="conflict-title" {
                h2 #conflict-title { (l.text("form-conflict-title")) }
                @match fb.form {
                    Some(FormKind::Session) => {
                        p { (l.text(if conflict.duplicate_session {
                            "form-conflict-duplicate-session"
                        } else {
                            "form-conflict-session"
                        })) }
                    }
                    Some(FormKind::Transition(_)) => {
                        p { (l.text_with("form-conflict-transition", &[("stage", l.label("stage", stage.as_str()).into())])) }
                    }
                    _ if conflict.changes.is_empty() => { p { (l.text("form-conflict-no-changes")) } }
                    _ => {
                        p { (l.text("form-conflict-intro")) }
                        dl.changes {
                            @for c in &conflict.changes {
                                div.change {
                                    dt { (c.label) }
                                    dd.saved { span.tag { (l.text("form-conflict-saved")) } span.text { (c.saved) } }
                                    dd.yours { span.tag { (l.text("form-conflict-yours")) } span.text { (c.yours) } }
                                }
                            }
                        }
                    }
                }
                @if fb.unsaved.is_empty() { p.hint { (l.text("form-conflict-kept")) } }
            }
        }
        @if !fb.unsaved.is_empty() {
            section.unsaved aria-labelledby="unsaved-title" {
                h2 #unsaved-title { (l.text("form-unsaved-title")) }
                p { (l.text("form-unsaved-intro")) }
                dl.summary {
                    @for (label, value) in &fb.unsaved { (row(label, Some(value))) }
                }
            }
        }
    }
}
