//! The public, phone-first request for help, its receipt, and the receipt check.
//!
//! No account, no script, nothing from elsewhere: a worker on a cheap phone on a
//! slow connection must be able to ask for help in a minute.

use maud::{Markup, html};

use crate::domain::referral::ReceiptStatus;
use crate::domain::validation::FieldError;
use crate::i18n::Locale;
use crate::views::components::{checkbox, field_errors, field_id, text_area, text_input};
use crate::views::stage_forms::FormValues;

/// The name of the field people never see and bots fill in.
pub const HONEYPOT: &str = "website";

/// The hidden field with the form's token (see `web::screens::self_referral`).
pub const FORM_TOKEN: &str = "form_token";

/// `GET /help`, or the form again with its problems (same token).
pub fn form(
    l: Locale,
    agencies: &[(String, String)],
    values: &FormValues,
    errors: &[FieldError],
    notice: Option<&str>,
) -> Markup {
    let v = |name: &str| values.get(name).to_owned();
    let agency_field = "self_referral.agency_id";
    html! {
        div.screen-help {
            h1 { (l.text("help-title")) }
            p.lead { (l.text("help-lead")) }
            p.hint { (l.text("help-privacy")) }
            @if let Some(notice) = notice {
                p.notice role="alert" { (notice) }
            }
            form.stage-form method="post" action="/help" novalidate {
                input type="hidden" name=(FORM_TOKEN) value=(values.get(FORM_TOKEN));
                @if agencies.len() == 1 {
                    input type="hidden" name="agency_id" value=(agencies[0].0);
                } @else {
                    div.field.invalid[errors.iter().any(|e| e.field == agency_field)] {
                        label for=(field_id(agency_field)) { (l.text("help-agency")) }
                        select id=(field_id(agency_field)) name="agency_id" {
                            option value="" { "—" }
                            @for (id, name) in agencies {
                                option value=(id) selected[values.get("agency_id") == id] { (name) }
                            }
                        }
                        (field_errors(l, errors, agency_field))
                    }
                }
                (text_input(l, errors, "self_referral.name", "name", &l.text("help-name"), &v("name")))
                (text_input(l, errors, "self_referral.contact", "contact", &l.text("help-contact"), &v("contact")))
                (text_input(l, errors, "self_referral.contact_time", "contact_time", &l.text("help-contact-time"), &v("contact_time")))
                (text_area(l, errors, "self_referral.concern", "concern", &l.text("help-concern"), &v("concern")))
                // Hidden from people (and from screen readers); bots fill it in.
                div.hp aria-hidden="true" {
                    label for="website" { (l.text("help-honeypot")) }
                    input id="website" name=(HONEYPOT) tabindex="-1" autocomplete="off" value="";
                }
                (checkbox(l, errors, "self_referral.consent", "consent", &l.text("help-consent"), values.checked("consent")))
                button type="submit" { (l.text("help-send")) }
            }
            p { a href="/help/status" { (l.text("help-have-code")) } }
        }
    }
}

/// After a request: the receipt code, shown once.
pub fn receipt(l: Locale, code: Option<&str>) -> Markup {
    html! {
        div.screen-help {
            h1 { (l.text("help-received-title")) }
            p.lead { (l.text("help-received-lead")) }
            @if let Some(code) = code {
                p { (l.text("help-receipt-intro")) }
                p.receipt-code { code { (code) } }
                p.hint { (l.text("help-receipt-keep")) }
            }
            p { a href="/help/status" { (l.text("help-check-status")) } }
        }
    }
}

/// `GET /help/status`, and the answer to a check.
pub fn status(
    l: Locale,
    typed: &str,
    found: Option<ReceiptStatus>,
    checked: bool,
    notice: Option<&str>,
) -> Markup {
    html! {
        div.screen-help {
            h1 { (l.text("help-status-title")) }
            @if let Some(notice) = notice {
                p.notice role="alert" { (notice) }
            }
            @if let Some(status) = found {
                p.status-answer role="status" {
                    (l.text("help-status-is")) " "
                    strong { (l.label("help-status", status.as_str())) }
                }
            } @else if checked && notice.is_none() {
                p.notice role="alert" { (l.text("help-status-unknown")) }
            }
            form.stage-form method="post" action="/help/status" novalidate {
                div.field {
                    label for="code" { (l.text("help-code")) }
                    input id="code" name="code" value=(typed) autocomplete="off" autocapitalize="characters" spellcheck="false";
                }
                button type="submit" { (l.text("help-check")) }
            }
            p { a href="/help" { (l.text("help-ask-again")) } }
        }
    }
}
