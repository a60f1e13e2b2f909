//! The form that opens the case: the new client's details (or the chosen
//! client), then the case itself. Everything typed is kept when it comes back
//! with problems, each shown beside its field and listed at the top.

use maud::{Markup, html};

use super::NewCasePage;
use crate::domain::validation::{FieldError, Problem};
use crate::domain::vocab::{CaseType, Gender, SpecialGroup};
use crate::error::field_message;
use crate::i18n::Locale;
use crate::views::components::{checkbox, csrf_field, field_id, text_input, typed_input};

/// The new-case form as typed (every value as text, so that anything typed can
/// be shown again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCaseValues {
    /// An existing client's id (then the client fields are not used).
    pub client_id: String,
    /// Name.
    pub full_name: String,
    /// Gender code.
    pub gender: String,
    /// Year of birth.
    pub birth_year: String,
    /// Phone.
    pub phone: String,
    /// Employer.
    pub employer: String,
    /// Union member.
    pub union_member: bool,
    /// Union organisation id.
    pub union_id: String,
    /// District.
    pub district: String,
    /// Special-group codes.
    pub special_groups: Vec<String>,
    /// "Register anyway" despite possible duplicates.
    pub confirm_new: bool,
    /// Case type code.
    pub case_type: String,
    /// Team id.
    pub team_id: String,
    /// Assigned worker id.
    pub assigned_worker_id: String,
    /// The form's one-time token (`crate::db::submissions`), kept when the
    /// form is shown again so that its eventual success is recorded once.
    pub submission: String,
}

impl NewCaseValues {
    /// Reads a submitted form: the first value of each field, every value of
    /// `special_groups`; unknown fields are ignored.
    pub fn from_pairs(pairs: &[(String, String)]) -> NewCaseValues {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let flag = |name: &str| {
            pairs
                .iter()
                .any(|(k, v)| k == name && !v.is_empty() && v != "false")
        };
        NewCaseValues {
            client_id: get("client_id"),
            full_name: get("full_name"),
            gender: get("gender"),
            birth_year: get("birth_year"),
            phone: get("phone"),
            employer: get("employer"),
            union_member: flag("union_member"),
            union_id: get("union_id"),
            district: get("district"),
            special_groups: pairs
                .iter()
                .filter(|(k, _)| k == "special_groups")
                .map(|(_, v)| v.clone())
                .collect(),
            confirm_new: flag("confirm_new"),
            case_type: get("case_type"),
            team_id: get("team_id"),
            assigned_worker_id: get("assigned_worker_id"),
            submission: get("submission"),
        }
    }
}

/// The choices the form offers, each (id, name).
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// The user's teams.
    pub teams: Vec<(String, String)>,
    /// Who can be assigned: the agency's social workers and supervisors.
    pub staff: Vec<(String, String)>,
    /// Union organisations.
    pub unions: Vec<(String, String)>,
    /// Whether "no team" may be chosen (supervisors, or a worker without a team).
    pub allow_no_team: bool,
    /// This year, the latest year of birth.
    pub this_year: i32,
}

/// The sentence for one problem; this page's own words where the shared
/// locale file has no name for the field.
pub fn message(l: Locale, e: &FieldError) -> String {
    match (e.field.as_str(), e.problem) {
        ("case.case_type", _) => l.text("new-case-error-case-type"),
        ("case.team_id", Problem::Required) => l.text("new-case-error-team"),
        ("client.gender", _) => l.text("new-case-error-gender"),
        ("client.special_groups", _) => l.text("new-case-error-special-groups"),
        _ => field_message(e, l),
    }
}

/// Every problem at the top of the page, each a link to its field.
pub fn error_summary(l: Locale, errors: &[FieldError]) -> Markup {
    html! {
        div.error.error-summary role="alert" {
            p { strong { (l.text("error-invalid")) } }
            ul {
                @for e in errors {
                    li { a href={ "#" (field_id(&e.field)) } { (message(l, e)) } }
                }
            }
        }
    }
}

/// A labelled select over (value, text) pairs, its problems tied to it.
struct Select<'a> {
    field: &'a str,
    name: &'a str,
    label: String,
    options: &'a [(String, String)],
    selected: &'a str,
    empty: Option<String>,
}

fn errors_of(l: Locale, errors: &[FieldError], field: &str) -> (Vec<String>, Option<String>) {
    let messages: Vec<String> = errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| message(l, e))
        .collect();
    let described = (!messages.is_empty()).then(|| format!("{}-error", field_id(field)));
    (messages, described)
}

fn error_list(messages: &[String], described: Option<&str>) -> Markup {
    html! {
        @if let Some(id) = described {
            ul.field-errors id=(id) { @for m in messages { li { (m) } } }
        }
    }
}

fn select(l: Locale, errors: &[FieldError], s: Select<'_>) -> Markup {
    let id = field_id(s.field);
    let (messages, described) = errors_of(l, errors, s.field);
    html! {
        div.field.invalid[described.is_some()] {
            label for=(id) { (s.label) }
            select id=(id) name=(s.name) aria-invalid=[described.as_ref().map(|_| "true")]
                aria-describedby=[described.as_deref()] {
                @if let Some(empty) = &s.empty { option value="" { (empty) } }
                @for (value, text) in s.options {
                    option value=(value) selected[s.selected == value] { (text) }
                }
            }
            (error_list(&messages, described.as_deref()))
        }
    }
}

/// A fieldset of radio buttons or checkboxes over codes.
fn choice_group(
    l: Locale,
    errors: &[FieldError],
    (field, name, kind): (&str, &str, &str),
    legend: String,
    options: &[(&str, String)],
    checked: &dyn Fn(&str) -> bool,
) -> Markup {
    let id = field_id(field);
    let (messages, described) = errors_of(l, errors, field);
    html! {
        fieldset.field.choices.invalid[described.is_some()] id=(id)
            aria-describedby=[described.as_deref()] {
            legend { (legend) }
            @for (code, text) in options {
                label.choice {
                    input type=(kind) name=(name) value=(code) checked[checked(code)];
                    (text)
                }
            }
            (error_list(&messages, described.as_deref()))
        }
    }
}

fn required(l: Locale, label: &str) -> String {
    l.text_with("new-case-required", &[("label", label.to_owned().into())])
}

fn client_fields(l: Locale, page: &NewCasePage<'_>) -> Markup {
    let (v, e, c) = (page.values, page.errors, page.choices);
    let genders: Vec<(String, String)> = Gender::ALL
        .iter()
        .map(|g| {
            (
                g.as_str().to_owned(),
                l.label("new-case-gender", g.as_str()),
            )
        })
        .collect();
    let groups: Vec<(&str, String)> = SpecialGroup::ALL
        .iter()
        .map(|g| (g.as_str(), l.label("new-case-group", g.as_str())))
        .collect();
    let this_year = c.this_year.to_string();
    html! {
        fieldset.client-fields {
            legend { (l.text("new-case-client-legend")) }
            (text_input(l, e, "client.full_name", "full_name", &required(l, &l.text("new-case-field-name")), &v.full_name))
            (select(l, e, Select { field: "client.gender", name: "gender", label: l.text("new-case-field-gender"),
                options: &genders, selected: &v.gender, empty: Some(l.text("new-case-not-given")) }))
            (typed_input(l, e, "client.birth_year", "birth_year", &l.text("new-case-field-birth-year"), &v.birth_year,
                "number", Some(("1900", &this_year))))
            (typed_input(l, e, "client.phone", "phone", &l.text("new-case-field-phone"), &v.phone, "tel", None))
            (text_input(l, e, "client.employer", "employer", &l.text("new-case-field-employer"), &v.employer))
            (checkbox(l, e, "client.union_member", "union_member", &l.text("new-case-field-union-member"), v.union_member))
            (select(l, e, Select { field: "client.union_id", name: "union_id", label: l.text("new-case-field-union"),
                options: &c.unions, selected: &v.union_id, empty: Some(l.text("new-case-not-given")) }))
            (text_input(l, e, "client.district", "district", &l.text("new-case-field-district"), &v.district))
            (choice_group(l, e, ("client.special_groups", "special_groups", "checkbox"),
                l.text("new-case-field-special-groups"), &groups,
                &|code| v.special_groups.iter().any(|g| g == code)))
        }
    }
}

fn case_fields(l: Locale, page: &NewCasePage<'_>) -> Markup {
    let (v, e, c) = (page.values, page.errors, page.choices);
    let types: Vec<(&str, String)> = CaseType::ALL
        .iter()
        .map(|t| (t.as_str(), l.label("case-type", t.as_str())))
        .collect();
    html! {
        fieldset.case-fields {
            legend { (l.text("new-case-case-legend")) }
            (choice_group(l, e, ("case.case_type", "case_type", "radio"),
                required(l, &l.text("new-case-field-case-type")), &types, &|code| v.case_type == code))
            (select(l, e, Select { field: "case.team_id", name: "team_id", label: l.text("new-case-field-team"),
                options: &c.teams, selected: &v.team_id,
                empty: c.allow_no_team.then(|| l.text("new-case-team-none")) }))
            (select(l, e, Select { field: "case.assigned_worker_id", name: "assigned_worker_id",
                label: l.text("new-case-field-worker"), options: &c.staff, selected: &v.assigned_worker_id,
                empty: Some(l.text("new-case-worker-none")) }))
        }
    }
}

/// The form itself.
pub fn case_form(l: Locale, page: &NewCasePage<'_>) -> Markup {
    html! {
        form.card.new-case-form #new-case-form method="post" action="/cases/new" novalidate {
            (csrf_field(page.who))
            input type="hidden" name="submission" value=(page.values.submission);
            @match page.chosen {
                Some(client) => { input type="hidden" name="client_id" value=(client.client.id); }
                None => {
                    h2 { (l.text("new-case-new-client-title")) }
                    (client_fields(l, page))
                    @if !page.duplicates.is_empty() {
                        div.confirm-new {
                            (checkbox(l, page.errors, "client.confirm_new", "confirm_new",
                                &l.text("new-case-confirm"), page.values.confirm_new))
                        }
                    }
                }
            }
            (case_fields(l, page))
            button type="submit" { (l.text("new-case-submit")) }
        }
    }
}
