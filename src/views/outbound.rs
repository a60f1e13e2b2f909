//! Referrals out (转介) on the case page: the list with each referral's status
//! and feedback, the form that makes a new one, and the form that records how
//! one went. The same forms are shown on their own when a save was refused,
//! with what was typed and the problems beside the fields.

use std::collections::HashMap;

use maud::{Markup, html};

use super::components::csrf_field;
use super::stage_forms::FormValues;
use crate::access::Principal;
use crate::db::outbound::OutboundReferralView;
use crate::db::resources::Resource;
use crate::domain::outbound::{OutboundStatus, ResourceCategory};
use crate::domain::validation::FieldError;
use crate::error::field_message;
use crate::i18n::Locale;

/// What the case page's referrals-out section shows.
#[derive(Debug, Clone, Default)]
pub struct OutboundPanel {
    /// The case's referrals out, oldest first (feedback already withheld where needed).
    pub referrals: Vec<OutboundReferralView>,
    /// The directory's active entries, for the new-referral form.
    pub resources: Vec<Resource>,
    /// The reader may make and update referrals now (may edit, case open).
    pub may_edit: bool,
    /// Feedback was withheld from this reader.
    pub withheld: bool,
}

/// A form field with an explicit id (several update forms share a page), its
/// label, and its errors tied to it.
pub fn labelled(
    l: Locale,
    errors: &[FieldError],
    field: &str,
    id: &str,
    label: &str,
    control: impl FnOnce(Option<&str>) -> Markup,
) -> Markup {
    let messages: Vec<String> = errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| field_message(e, l))
        .collect();
    let error_id = format!("{id}-error");
    let described = (!messages.is_empty()).then_some(error_id.as_str());
    html! {
        div.field.invalid[described.is_some()] {
            label for=(id) { (label) }
            (control(described))
            @if !messages.is_empty() {
                ul.field-errors id=(error_id) { @for m in &messages { li { (m) } } }
            }
        }
    }
}

/// The new-referral form. `values` and `errors` are what was typed and what
/// was wrong, when shown again.
pub fn new_form(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    resources: &[Resource],
    values: &FormValues,
    errors: &[FieldError],
) -> Markup {
    let chosen = values.get("resource_id");
    html! {
        form.outbound-new method="post" action={ "/cases/" (case_id) "/outbound-referrals" } {
            (csrf_field(who))
            input type="hidden" name="version" value=(version);
            (labelled(l, errors, "outbound.resource_id", "outbound-resource", &l.text("outbound-resource"), |d| html! {
                select id="outbound-resource" name="resource_id" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] {
                    option value="" { "—" }
                    @for category in ResourceCategory::ALL {
                        @let in_category: Vec<&Resource> = resources.iter().filter(|r| r.category == category.as_str()).collect();
                        @if !in_category.is_empty() {
                            optgroup label=(l.label("resource-category", category.as_str())) {
                                @for r in in_category {
                                    option value=(r.id) selected[chosen == r.id] { (r.name) }
                                }
                            }
                        }
                    }
                }
            }))
            (labelled(l, errors, "outbound.request", "outbound-request", &l.text("outbound-request"), |d| html! {
                textarea id="outbound-request" name="request" rows="3" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] { (values.get("request")) }
            }))
            p.hint { (l.text("outbound-request-hint")) }
            button type="submit" { (l.text("outbound-submit")) }
        }
    }
}

/// The form that records a referral's status and feedback.
pub fn update_form(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    referral_id: &str,
    values: &FormValues,
    errors: &[FieldError],
) -> Markup {
    let status_id = format!("outbound-{referral_id}-status");
    let feedback_id = format!("outbound-{referral_id}-feedback");
    let current = values.get("status");
    html! {
        form.outbound-update method="post" action={ "/cases/" (case_id) "/outbound-referrals/" (referral_id) } {
            (csrf_field(who))
            input type="hidden" name="version" value=(version);
            (labelled(l, errors, "outbound.status", &status_id, &l.text("outbound-status"), |d| html! {
                select id=(status_id) name="status" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] {
                    @for s in OutboundStatus::ALL {
                        option value=(s.as_str()) selected[current == s.as_str()] { (l.label("outbound-status", s.as_str())) }
                    }
                }
            }))
            (labelled(l, errors, "outbound.feedback", &feedback_id, &l.text("outbound-feedback"), |d| html! {
                textarea id=(feedback_id) name="feedback" rows="3" aria-invalid=[d.map(|_| "true")] aria-describedby=[d] { (values.get("feedback")) }
            }))
            button type="submit" { (l.text("outbound-update-submit")) }
        }
    }
}

fn one(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    panel: &OutboundPanel,
    r: &OutboundReferralView,
    names: &HashMap<String, String>,
) -> Markup {
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    let status = &r.referral.status;
    let mut values = FormValues::default();
    values.push("status", status.clone());
    values.push("feedback", r.referral.feedback.clone().unwrap_or_default());
    html! {
        li.outbound id={ "outbound-" (r.referral.id) } {
            p.outbound-head {
                strong { (r.resource_name) }
                " " span.muted { (l.label("resource-category", &r.resource_category)) }
                " " span.{ "outbound-status status-" (status) } { (l.label("outbound-status", status)) }
                @if !r.resource_active { " " span.muted { (l.text("resource-inactive")) } }
            }
            dl.summary {
                div.row { dt { (l.text("outbound-request")) } dd { span.text { (r.referral.request) } } }
                div.row {
                    dt { (l.text("outbound-feedback")) }
                    @if panel.withheld {
                        dd.withheld { (l.text("case-withheld")) }
                    } @else {
                        dd { @match &r.referral.feedback {
                            Some(f) => span.text { (f) },
                            None => span.muted { "—" },
                        } }
                    }
                }
            }
            p.muted.outbound-who {
                (l.text_with("outbound-referred-by", &[
                    ("name", name(&r.referral.referred_by).into()),
                    ("when", l.date_time(r.referral.referred_at).into()),
                ]))
                @if r.referral.updated_at != r.referral.referred_at {
                    " · "
                    (l.text_with("outbound-updated-by", &[
                        ("name", name(&r.referral.updated_by).into()),
                        ("when", l.date_time(r.referral.updated_at).into()),
                    ]))
                }
            }
            @if panel.may_edit {
                details.outbound-edit {
                    summary { (l.text("outbound-update")) }
                    (update_form(l, who, case_id, version, &r.referral.id, &values, &[]))
                }
            }
        }
    }
}

/// The case page's referrals-out section.
pub fn case_section(
    l: Locale,
    who: &Principal,
    case_id: &str,
    version: i64,
    panel: &OutboundPanel,
    names: &HashMap<String, String>,
) -> Markup {
    html! {
        section.card.outbound id="outbound" aria-labelledby="outbound-title" {
            h2 #outbound-title { (l.text("outbound-title")) }
            @if panel.referrals.is_empty() {
                p.muted { (l.text("outbound-none")) }
            } @else {
                ol.outbound-list {
                    @for r in &panel.referrals {
                        (one(l, who, case_id, version, panel, r, names))
                    }
                }
            }
            @if panel.may_edit {
                h3 { (l.text("outbound-new")) }
                @if panel.resources.is_empty() {
                    p.muted { (l.text("outbound-no-resources")) " " a href="/resources" { (l.text("resource-title")) } }
                } @else {
                    (new_form(l, who, case_id, version, &panel.resources, &FormValues::default(), &[]))
                    p.hint { a href="/resources" { (l.text("outbound-directory-link")) } }
                }
            }
        }
    }
}

/// A refused referral form shown on its own: what went wrong, the form with
/// what was typed, and the way back to the case.
pub fn form_page(l: Locale, reference: &str, case_id: &str, alert: &str, form: Markup) -> Markup {
    html! {
        h1 { (l.text("outbound-title")) " · " (reference) }
        div.error role="alert" { p { (alert) } }
        section.card { (form) }
        p { a href={ "/cases/" (case_id) "#outbound" } { (l.text("outbound-back-to-case")) } }
    }
}
