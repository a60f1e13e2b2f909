//! 接案: how the case came in, the presenting problem, urgency and the consents.

use std::collections::HashMap;

use maud::{Markup, html};

use super::{FormCtx, FormKind, code_options, label_opt, row, section_form, select_field, yes_no};
use crate::db::records::IntakeRecord;
use crate::domain::vocab::{IntakeChannel, Urgency};
use crate::i18n::Locale;
use crate::views::components::{checkbox, text_area};

/// Who recorded the consents, and when, as a sentence.
fn consent_note(
    l: Locale,
    record: Option<&IntakeRecord>,
    names: &HashMap<String, String>,
) -> Option<String> {
    let r = record?;
    let (by, at) = (r.consent_recorded_by.as_ref()?, r.consent_recorded_at?);
    Some(l.text_with(
        "form-intake-consent-recorded",
        &[
            ("name", names.get(by).cloned().unwrap_or_default().into()),
            ("when", l.date_time(at).into()),
        ],
    ))
}

/// The intake form. `guardian_needed` when the client may be under 14.
pub fn form(
    ctx: &FormCtx<'_>,
    record: Option<&IntakeRecord>,
    names: &HashMap<String, String>,
    guardian_needed: bool,
) -> Markup {
    let l = ctx.l;
    let channels: Vec<&str> = IntakeChannel::ALL.iter().map(|c| c.as_str()).collect();
    let urgencies: Vec<&str> = Urgency::ALL.iter().map(|c| c.as_str()).collect();
    let fields = html! {
        (select_field(ctx, "intake.channel", "channel", &l.text("form-intake-channel"),
            &code_options(l, "case-channel", &channels)))
        (text_area(l, ctx.errors, "intake.presenting_problem", "presenting_problem",
            &l.text("form-intake-presenting-problem"), ctx.v("presenting_problem")))
        (select_field(ctx, "intake.urgency", "urgency", &l.text("form-intake-urgency"),
            &code_options(l, "case-urgency", &urgencies)))
        fieldset.consents {
            legend { (l.text("form-intake-consents")) }
            p.hint { (l.text("form-intake-consents-hint")) }
            (checkbox(l, ctx.errors, "intake.consent_service", "consent_service",
                &l.text("form-intake-consent-service"), ctx.values.checked("consent_service")))
            (checkbox(l, ctx.errors, "intake.consent_sensitive", "consent_sensitive",
                &l.text("form-intake-consent-sensitive"), ctx.values.checked("consent_sensitive")))
            (checkbox(l, ctx.errors, "intake.guardian_consent", "guardian_consent",
                &l.text("form-intake-guardian-consent"), ctx.values.checked("guardian_consent")))
            p.hint.guardian-needed[guardian_needed] {
                (l.text(if guardian_needed { "form-intake-guardian-needed" } else { "form-intake-guardian-hint" }))
            }
            @if let Some(note) = consent_note(l, record, names) { p.recorded { (note) } }
        }
    };
    section_form(ctx, FormKind::Intake, "form-save", fields)
}

/// The saved intake record, read-only.
pub fn summary(
    l: Locale,
    record: Option<&IntakeRecord>,
    names: &HashMap<String, String>,
) -> Markup {
    let Some(r) = record else {
        return html! { p.muted { (l.text("case-nothing-recorded")) } };
    };
    html! {
        dl.summary {
            (row(&l.text("form-intake-channel"), label_opt(l, "case-channel", r.channel.as_deref()).as_deref()))
            (row(&l.text("form-intake-presenting-problem"), r.presenting_problem.as_deref()))
            (row(&l.text("form-intake-urgency"), label_opt(l, "case-urgency", r.urgency.as_deref()).as_deref()))
            (row(&l.text("form-intake-consent-service"), Some(&yes_no(l, r.consent_service))))
            (row(&l.text("form-intake-consent-sensitive"), Some(&yes_no(l, r.consent_sensitive))))
            (row(&l.text("form-intake-guardian-consent"), Some(&yes_no(l, r.guardian_consent))))
            @if let Some(note) = consent_note(l, record, names) {
                (row(&l.text("form-intake-consents"), Some(&note)))
            }
        }
    }
}
