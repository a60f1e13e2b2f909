//! Supervision notes beside the record they belong to, and the form to add one.
//!
//! The notes shown are those the reader may see (filtered by the handler through
//! `access::may_read_note`); the form is there only for a supervisor of the case
//! who does not hold it. A refused note (blank, too long) comes back in the same
//! form with its text and the problem beside it.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::access::Principal;
use crate::db::supervision::notes::SupervisionNote;
use crate::domain::supervision::{MAX_NOTE_CHARS, NoteTarget};
use crate::i18n::Locale;
use crate::views::components::{csrf_field, errors_for};
use crate::views::stage_forms::Feedback;

/// What every notes block on one page shares.
pub struct NotesCtx<'a> {
    /// Language.
    pub l: Locale,
    /// The reader.
    pub who: &'a Principal,
    /// The case.
    pub case_id: &'a str,
    /// The notes the reader may see, oldest first.
    pub notes: &'a [SupervisionNote],
    /// The reader may add notes.
    pub may_write: bool,
    /// Display names of the authors.
    pub names: &'a HashMap<String, String>,
    /// A refused note comes back through the page's feedback.
    pub feedback: &'a Feedback,
}

/// The anchor of a record's notes.
pub fn anchor(target: NoteTarget, target_id: &str) -> String {
    format!("notes-{}-{}", target.as_str(), target_id)
}

/// The notes on one record and, for a supervisor, the form to add one. Nothing
/// when there is neither.
pub fn notes_block(ctx: &NotesCtx<'_>, target: NoteTarget, target_id: &str) -> Markup {
    let l = ctx.l;
    let here: Vec<&SupervisionNote> = ctx
        .notes
        .iter()
        .filter(|n| n.target_kind == target.as_str() && n.target_id == target_id)
        .collect();
    if here.is_empty() && !ctx.may_write {
        return html! {};
    }
    let fb = ctx.feedback;
    let sent_here = fb.form.is_none()
        && fb.typed.get("target_kind") == target.as_str()
        && fb.typed.get("target_id") == target_id;
    let errors = if sent_here {
        errors_for(l, &fb.errors, "note.body")
    } else {
        Vec::new()
    };
    // A note shown again after a refusal keeps its token, so that one saved
    // note is recorded once however often the form is sent.
    let submission = match fb.typed.get("submission") {
        sent if sent_here && !sent.is_empty() => sent.to_owned(),
        _ => crate::db::submissions::new_token(),
    };
    let id = anchor(target, target_id);
    let body_id = format!("{id}-body");
    let error_id = format!("{body_id}-error");
    html! {
        div.supervision-notes id=(id) {
            @if !here.is_empty() {
                h3.notes-title { (l.text("supervision-notes-title")) }
                ul.notes {
                    @for n in &here {
                        li.note {
                            p.note-body { (n.body) }
                            p.note-meta.muted {
                                (ctx.names.get(&n.author_id).map_or("—", String::as_str))
                                " · "
                                time datetime=(n.created_at.format("%Y-%m-%dT%H:%M:%SZ")) { (l.date_time(n.created_at)) }
                            }
                        }
                    }
                }
            }
            @if ctx.may_write {
                details.note-form open[sent_here] {
                    summary { (l.text("supervision-note-add")) }
                    form method="post" action={ "/cases/" (ctx.case_id) "/notes" } {
                        (csrf_field(ctx.who))
                        input type="hidden" name="submission" value=(submission);
                        input type="hidden" name="target_kind" value=(target.as_str());
                        input type="hidden" name="target_id" value=(target_id);
                        div.field.invalid[!errors.is_empty()] {
                            label for=(body_id) { (l.text("supervision-note-body")) }
                            textarea id=(body_id) name="body" rows="3" maxlength=(MAX_NOTE_CHARS)
                                aria-invalid=[(!errors.is_empty()).then_some("true")]
                                aria-describedby=[(!errors.is_empty()).then_some(error_id.as_str())] {
                                @if sent_here { (fb.typed.get("body")) }
                            }
                            @if !errors.is_empty() {
                                ul.field-errors id=(error_id) { @for m in &errors { li { (m) } } }
                            }
                        }
                        p.hint { (l.text(if target.is_confidential() {
                            "supervision-note-hint-confidential"
                        } else {
                            "supervision-note-hint"
                        })) }
                        button type="submit" { (l.text("supervision-note-save")) }
                    }
                }
            }
        }
    }
}
