//! Form components: labelled fields with their errors tied to them, so that
//! screen readers announce the problem with the field and keyboard order follows
//! the page.

use maud::{Markup, html};

use crate::access::Principal;
use crate::domain::validation::FieldError;
use crate::error::field_message;
use crate::i18n::Locale;

/// The hidden CSRF field every form that changes something must carry.
pub fn csrf_field(who: &Principal) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(who.csrf_token); }
}

/// The messages for one field (`field` as in [`FieldError::field`]).
pub fn errors_for(l: Locale, errors: &[FieldError], field: &str) -> Vec<String> {
    errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| field_message(e, l))
        .collect()
}

/// A form field's id, derived from its error-field name (`intake.channel` → `intake-channel`).
pub fn field_id(field: &str) -> String {
    field.replace(['.', '_'], "-")
}

/// The error list of one field, with the id that `aria-describedby` points to.
pub fn field_errors(l: Locale, errors: &[FieldError], field: &str) -> Markup {
    let messages = errors_for(l, errors, field);
    html! {
        @if !messages.is_empty() {
            ul.field-errors id={ (field_id(field)) "-error" } {
                @for m in messages { li { (m) } }
            }
        }
    }
}

fn described_by(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .any(|e| e.field == field)
        .then(|| format!("{}-error", field_id(field)))
}

/// The wrapper every field shares: its label, the control, and its errors, with
/// the control tied to the errors for screen readers.
fn field(
    l: Locale,
    errors: &[FieldError],
    field: &str,
    label: &str,
    control: impl FnOnce(&str, Option<String>) -> Markup,
) -> Markup {
    let id = field_id(field);
    let described = described_by(errors, field);
    html! {
        div.field.invalid[described.is_some()] {
            label for=(id) { (label) }
            (control(&id, described))
            (field_errors(l, errors, field))
        }
    }
}

/// A labelled one-line text input.
pub fn text_input(
    l: Locale,
    errors: &[FieldError],
    field_name: &str,
    name: &str,
    label: &str,
    value: &str,
) -> Markup {
    field(l, errors, field_name, label, |id, described| {
        html! {
            input id=(id) name=(name) value=(value) aria-invalid=[described.as_ref().map(|_| "true")]
                aria-describedby=[described];
        }
    })
}

/// A labelled input of a given type (`number`, `date`...), with an optional (min, max).
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one attribute of the field"
)]
pub fn typed_input(
    l: Locale,
    errors: &[FieldError],
    field_name: &str,
    name: &str,
    label: &str,
    value: &str,
    kind: &str,
    extra: Option<(&str, &str)>,
) -> Markup {
    let (min, max) = extra.unwrap_or(("", ""));
    field(l, errors, field_name, label, |id, described| {
        html! {
            input id=(id) name=(name) type=(kind) value=(value)
                min=[(!min.is_empty()).then_some(min)] max=[(!max.is_empty()).then_some(max)]
                aria-invalid=[described.as_ref().map(|_| "true")]
                aria-describedby=[described];
        }
    })
}

/// A labelled multi-line text area.
pub fn text_area(
    l: Locale,
    errors: &[FieldError],
    field_name: &str,
    name: &str,
    label: &str,
    value: &str,
) -> Markup {
    field(l, errors, field_name, label, |id, described| {
        html! {
            textarea id=(id) name=(name) rows="4" aria-invalid=[described.as_ref().map(|_| "true")]
                aria-describedby=[described] { (value) }
        }
    })
}

/// A labelled select over codes, labelled from the locale files under `prefix`.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one attribute of the field"
)]
pub fn code_select(
    l: Locale,
    errors: &[FieldError],
    field_name: &str,
    name: &str,
    label: &str,
    prefix: &str,
    codes: &[&str],
    selected: Option<&str>,
) -> Markup {
    field(l, errors, field_name, label, |id, described| {
        html! {
            select id=(id) name=(name) aria-invalid=[described.as_ref().map(|_| "true")]
                aria-describedby=[described] {
                option value="" { "—" }
                @for code in codes {
                    option value=(code) selected[selected == Some(*code)] { (l.label(prefix, code)) }
                }
            }
        }
    })
}

/// A labelled checkbox (label after the box, as people expect).
pub fn checkbox(
    l: Locale,
    errors: &[FieldError],
    field_name: &str,
    name: &str,
    label: &str,
    checked: bool,
) -> Markup {
    let id = field_id(field_name);
    let described = described_by(errors, field_name);
    html! {
        div.field.check.invalid[described.is_some()] {
            input id=(id) name=(name) type="checkbox" value="true" checked[checked]
                aria-describedby=[described];
            label for=(id) { (label) }
            (field_errors(l, errors, field_name))
        }
    }
}
