//! The stage forms of the case page, and the read-only summaries of saved records.
//!
//! Every form shows a [`FormValues`]: the stored record turned into text, or what
//! the user just typed when a save was refused, so that nothing typed is ever lost.
//! Errors sit beside their fields (see `super::components`). Field codes are those
//! of `crate::domain::validation` and `crate::domain::facts::Missing`, so that a
//! refused transition's missing items land beside the fields concerned.

pub mod assessment;
pub mod closure;
pub mod contract;
pub mod details;
pub mod intake;
pub mod intervention;
pub mod signed_out;
pub mod who5;

use maud::{Markup, html};

use super::components::{csrf_field, field_errors, field_id};
use crate::access::Principal;
use crate::domain::validation::FieldError;
use crate::domain::workflow::Transition;
use crate::i18n::Locale;

/// The text values of one form, in the order they were given (as in an
/// urlencoded body: a name may repeat, as checkbox lists do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormValues(Vec<(String, String)>);

impl FormValues {
    /// Values from name-value pairs.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        FormValues(pairs)
    }

    /// The first value given for `name`, or "" (an empty field and a missing one read alike).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value given for `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether a checkbox `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.get(name) == "true"
    }

    /// Whether `value` is among the values of `name` (checkbox lists).
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).any(|v| v == value)
    }

    /// Every name given, in order, each once.
    pub fn names(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for (k, _) in &self.0 {
            if !seen.contains(&k.as_str()) {
                seen.push(k);
            }
        }
        seen
    }

    /// The same values without those of `names`.
    pub fn without(&self, names: &[&str]) -> FormValues {
        FormValues(
            self.0
                .iter()
                .filter(|(k, _)| !names.contains(&k.as_str()))
                .cloned()
                .collect(),
        )
    }

    /// Adds a value.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// Adds a value when there is one (stored `None` stays absent).
    pub fn push_opt(&mut self, name: impl Into<String>, value: Option<impl ToString>) {
        if let Some(v) = value {
            self.push(name, v.to_string());
        }
    }

    /// Adds `"true"` for a ticked checkbox.
    pub fn push_flag(&mut self, name: impl Into<String>, on: bool) {
        if on {
            self.push(name, "true");
        }
    }
}

/// One form of the case page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// 接案.
    Intake,
    /// 预估.
    Assessment,
    /// 计划及合约.
    Contract,
    /// A new session of the intervention.
    Session,
    /// 结案与评估.
    Closure,
    /// The case type's details.
    Details,
    /// A workflow transition.
    Transition(Transition),
}

impl FormKind {
    /// The last segment of the form's action, `/cases/{id}/<path>`.
    pub fn path(self) -> &'static str {
        match self {
            FormKind::Intake => "intake",
            FormKind::Assessment => "assessment",
            FormKind::Contract => "contract",
            FormKind::Session => "sessions",
            FormKind::Closure => "closure",
            FormKind::Details => "details",
            FormKind::Transition(_) => "transitions",
        }
    }

    /// The id of the form on the page, for links to it.
    pub fn anchor(self) -> &'static str {
        match self {
            FormKind::Intake => "form-intake",
            FormKind::Assessment => "form-assessment",
            FormKind::Contract => "form-contract",
            FormKind::Session => "form-session",
            FormKind::Closure => "form-closure",
            FormKind::Details => "form-details",
            FormKind::Transition(_) => "moves-title",
        }
    }
}

/// One field that differs between what is stored now and what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The field's label.
    pub label: String,
    /// What is stored now, as shown to people.
    pub saved: String,
    /// What the user typed, as shown to people.
    pub yours: String,
}

/// Someone else changed the case after the user's page was loaded.
#[derive(Debug, Clone, Default)]
pub struct Conflict {
    /// The fields of the submitted form whose stored value differs from what was typed.
    pub changes: Vec<Change>,
    /// A session with the same date, length and mode is already logged: most likely
    /// the same form was sent twice.
    pub duplicate_session: bool,
}

/// What the page says about a refused save: the form concerned and what was
/// typed into it, the problems beside the fields, a message, and what changed.
#[derive(Debug, Clone, Default)]
pub struct Feedback {
    /// The form that was sent.
    pub form: Option<FormKind>,
    /// What was typed into it.
    pub typed: FormValues,
    /// Problems, by field code.
    pub errors: Vec<FieldError>,
    /// The message above everything (a refusal, a conflict).
    pub alert: Option<String>,
    /// What someone else changed meanwhile.
    pub conflict: Option<Conflict>,
    /// What was typed, labelled, when its form is no longer on the page (the
    /// case moved on meanwhile): shown so that nothing typed is lost.
    pub unsaved: Vec<(String, String)>,
}

impl Feedback {
    /// The values a form shows: what was typed if this form was sent, else `stored`.
    pub fn values_for<'a>(&'a self, kind: FormKind, stored: &'a FormValues) -> &'a FormValues {
        if self.form == Some(kind) {
            &self.typed
        } else {
            stored
        }
    }

    /// The errors that belong to a form (none unless it was the one sent,
    /// except for the missing items of a refused transition).
    pub fn errors_for(&self, kind: FormKind) -> &[FieldError] {
        match self.form {
            Some(sent) if sent == kind => &self.errors,
            Some(FormKind::Transition(_)) => &self.errors,
            _ => &[],
        }
    }
}

/// What every form on the page needs.
#[derive(Clone, Copy)]
pub struct FormCtx<'a> {
    /// Language.
    pub l: Locale,
    /// Who is signed in (for the CSRF field).
    pub who: &'a Principal,
    /// The case.
    pub case_id: &'a str,
    /// The case version the form is based on.
    pub version: i64,
    /// Problems to show beside the fields.
    pub errors: &'a [FieldError],
    /// The values shown.
    pub values: &'a FormValues,
}

impl FormCtx<'_> {
    /// A value of the form.
    pub fn v(&self, name: &str) -> &str {
        self.values.get(name)
    }
}

/// A form that saves one section: CSRF token, version, the fields, a save button.
pub fn section_form(ctx: &FormCtx<'_>, kind: FormKind, submit_key: &str, fields: Markup) -> Markup {
    let l = ctx.l;
    html! {
        form.stage-form id=(kind.anchor()) method="post" action={ "/cases/" (ctx.case_id) "/" (kind.path()) } {
            (csrf_field(ctx.who))
            input type="hidden" name="version" value=(ctx.version);
            (fields)
            div.actions { button type="submit" { (l.text(submit_key)) } }
        }
    }
}

/// The `aria-describedby` value of a group whose errors are listed under `field`.
pub fn group_described_by(errors: &[FieldError], fields: &[&str]) -> Option<String> {
    let ids: Vec<String> = fields
        .iter()
        .filter(|f| errors.iter().any(|e| e.field == **f))
        .map(|f| format!("{}-error", field_id(f)))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The error lists of several fields, for a fieldset.
pub fn group_errors(l: Locale, errors: &[FieldError], fields: &[&str]) -> Markup {
    html! { @for f in fields { (field_errors(l, errors, f)) } }
}

/// A labelled select with options given as (value, label).
pub fn select_field(
    ctx: &FormCtx<'_>,
    field: &str,
    name: &str,
    label: &str,
    options: &[(String, String)],
) -> Markup {
    let id = field_id(field);
    let described = group_described_by(ctx.errors, &[field]);
    let selected = ctx.v(name);
    html! {
        div.field.invalid[described.is_some()] {
            label for=(id) { (label) }
            select id=(id) name=(name) aria-invalid=[described.as_ref().map(|_| "true")]
                aria-describedby=[described.as_deref()] {
                option value="" { "—" }
                @for (value, text) in options {
                    option value=(value) selected[selected == value] { (text) }
                }
            }
            (field_errors(ctx.l, ctx.errors, field))
        }
    }
}

/// Options for a vocabulary: its codes, labelled from the locale files under `prefix`.
pub fn code_options(l: Locale, prefix: &str, codes: &[&str]) -> Vec<(String, String)> {
    codes
        .iter()
        .map(|c| ((*c).to_owned(), l.label(prefix, c)))
        .collect()
}

/// A row of a read-only summary; empty values show a dash.
pub fn row(label: &str, value: Option<&str>) -> Markup {
    html! {
        div.row {
            dt { (label) }
            dd { @match value.filter(|v| !v.trim().is_empty()) {
                Some(v) => { span.text { (v) } }
                None => { span.muted { "—" } }
            } }
        }
    }
}

/// A row whose value is withheld from this reader.
pub fn withheld_row(l: Locale, label: &str) -> Markup {
    html! {
        div.row {
            dt { (label) }
            dd.withheld { (l.text("case-withheld")) }
        }
    }
}

/// "Yes" or "No".
pub fn yes_no(l: Locale, on: bool) -> String {
    l.text(if on { "form-yes" } else { "form-no" })
}

/// A vocabulary label for an optional stored code.
pub fn label_opt(l: Locale, prefix: &str, code: Option<&str>) -> Option<String> {
    code.map(|c| l.label(prefix, c))
}
