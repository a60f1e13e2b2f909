//! The timeline of a case: everything that happened to it, newest first, with
//! who and when.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use maud::{Markup, html};

use crate::domain::supervision::NoteTarget;
use crate::i18n::Locale;
use crate::views::supervision::notes::{NotesCtx, notes_block};

/// What happened.
#[derive(Debug, Clone)]
pub enum TimelineEvent {
    /// The case was opened at intake.
    Opened,
    /// A workflow transition.
    Moved {
        /// Transition code.
        transition: String,
        /// Stage code before.
        from: String,
        /// Stage code after.
        to: String,
        /// The reason given.
        reason: Option<String>,
        /// The early-closure reason code.
        closure_reason: Option<String>,
    },
    /// A session was logged.
    Session {
        /// The session's id (supervision notes are written on it).
        id: String,
        /// The day it took place.
        held_on: NaiveDate,
        /// Its length.
        minutes: i32,
        /// Mode code.
        mode: String,
    },
    /// A record was saved (section code, as in the audit trail).
    Saved {
        /// Section code.
        section: String,
    },
    /// The case came from a referral (a union's, or an online request).
    Referred {
        /// The referral.
        referral_id: String,
        /// The referring union's name; none for an online request.
        union_name: Option<String>,
    },
    /// A supervisor gave the case to another social worker.
    Reassigned {
        /// Who held it (user id), if anyone.
        from: Option<String>,
        /// Who holds it now (user id).
        to: String,
        /// Why, in the supervisor's words.
        reason: Option<String>,
    },
    /// A supervisor wrote a supervision note (only notes the reader may read
    /// are on their timeline).
    Noted {
        /// The kind of record it is on (`NoteTarget` code).
        target_kind: String,
        /// The record (a session's id, or the case's id).
        target_id: String,
        /// What the supervisor wrote.
        body: String,
    },
    /// A referral out (转介) was made (`made`), or its status recorded.
    Referral {
        /// The resource's name.
        resource: String,
        /// `OutboundStatus` code after the change.
        status: String,
        /// True for the referral itself, false for a later update.
        made: bool,
    },
    /// A step of a transfer: `requested`, `accepted`, `declined`, `cancelled`
    /// or `reassigned`.
    Transfer {
        /// The step.
        step: String,
        /// Where the case goes, as shown (worker · agency).
        to: String,
        /// The reason or decision note.
        note: Option<String>,
    },
}

/// One entry of the timeline.
#[derive(Debug, Clone)]
pub struct TimelineItem {
    /// When (UTC).
    pub at: NaiveDateTime,
    /// Who.
    pub actor_id: Option<String>,
    /// What.
    pub event: TimelineEvent,
}

fn what(l: Locale, event: &TimelineEvent, names: &HashMap<String, String>) -> Markup {
    match event {
        TimelineEvent::Opened => html! { (l.text("case-timeline-opened")) },
        TimelineEvent::Moved {
            transition,
            from,
            to,
            reason,
            closure_reason,
        } => html! {
            strong { (l.label("transition", transition)) }
            @if from != to { br; (l.label("stage", from)) " → " (l.label("stage", to)) }
            @if let Some(r) = closure_reason {
                br; span.muted { (l.text("form-closure-reason")) } " " (l.label("case-closure-reason", r))
            }
            @if let Some(r) = reason { p.reason { (r) } }
        },
        TimelineEvent::Session {
            held_on,
            minutes,
            mode,
            ..
        } => html! {
            strong { (l.text("case-timeline-session")) } br; (l.date(*held_on)) " · "
            (l.text_with("form-session-minutes", &[("n", i64::from(*minutes).into())])) " · "
            (l.label("case-mode", mode))
        },
        TimelineEvent::Saved { section } => html! {
            (l.text_with("case-timeline-saved", &[("section", l.label("section", section).into())]))
        },
        TimelineEvent::Referred {
            referral_id,
            union_name,
        } => html! {
            a href={ "/referrals/" (referral_id) } {
                @match union_name {
                    Some(name) => (l.text_with("case-timeline-referred", &[("union", name.clone().into())])),
                    None => (l.text("case-timeline-self-referred")),
                }
            }
        },
        TimelineEvent::Reassigned { from, to, reason } => {
            let name = |id: &str| names.get(id).cloned().unwrap_or_default();
            html! {
                strong { (l.text("supervision-timeline-reassigned")) }
                br; (from.as_deref().map_or_else(|| "—".to_owned(), name)) " → " (name(to))
                @if let Some(r) = reason { p.reason { (r) } }
            }
        }
        TimelineEvent::Noted {
            target_kind,
            target_id,
            body,
        } => html! {
            strong { (l.text("supervision-timeline-note")) }
            br; a href={ "#notes-" (target_kind) "-" (target_id) } { (l.label("supervision-timeline-note-on", target_kind)) }
            p.reason { (body) }
        },
        TimelineEvent::Referral {
            resource,
            status,
            made,
        } => html! {
            strong { (l.text(if *made { "outbound-timeline-made" } else { "outbound-timeline-updated" })) }
            br; (resource) " · " (l.label("outbound-status", status))
        },
        TimelineEvent::Transfer { step, to, note } => html! {
            strong { (l.label("transfer-timeline", step)) }
            br; (to)
            @if let Some(n) = note { p.reason { (n) } }
        },
    }
}

/// The timeline, newest first; `notes` puts the supervision notes (and, for a
/// supervisor, the form to add one) under each session.
pub fn timeline(
    l: Locale,
    items: &[TimelineItem],
    names: &HashMap<String, String>,
    notes: Option<&NotesCtx<'_>>,
) -> Markup {
    html! {
        section.card.timeline-card aria-labelledby="timeline-title" {
            h2 #timeline-title { (l.text("case-timeline")) }
            @if items.is_empty() {
                p.muted { (l.text("case-nothing-recorded")) }
            } @else {
                ol.timeline {
                    @for item in items {
                        li.{ "event-" (match item.event {
                            TimelineEvent::Opened => "opened",
                            TimelineEvent::Moved { .. } => "moved",
                            TimelineEvent::Session { .. } => "session",
                            TimelineEvent::Saved { .. } => "saved",
                            TimelineEvent::Referred { .. } => "referred",
                            TimelineEvent::Reassigned { .. } => "reassigned",
                            TimelineEvent::Noted { .. } => "noted",
                            TimelineEvent::Referral { .. } => "referral",
                            TimelineEvent::Transfer { .. } => "transfer",
                        }) } {
                            p.when {
                                time datetime=(item.at.format("%Y-%m-%dT%H:%M:%SZ")) { (l.date_time(item.at)) }
                                @if let Some(name) = item.actor_id.as_ref().and_then(|id| names.get(id)) {
                                    " · " span.who { (name) }
                                }
                            }
                            div.what { (what(l, &item.event, names)) }
                            @if let (Some(ctx), TimelineEvent::Session { id, .. }) = (notes, &item.event) {
                                (notes_block(ctx, NoteTarget::Session, id))
                            }
                        }
                    }
                }
            }
        }
    }
}
