//! New case at intake: find the client first, then open the case for them, or
//! register a new client and open the case in one go.
//!
//! A search shows the agency's clients with that name or phone and their open
//! cases ("this person may already be a client"), each with a way to open a new
//! case for them. Registering someone whose name or phone is already known
//! shows those clients again and needs an explicit "create anyway".

mod form;

use maud::{Markup, html};

pub use form::{Choices, NewCaseValues};

use super::components::field_id;
use crate::access::Principal;
use crate::db::case_queries::ClientMatch;
use crate::domain::validation::FieldError;
use crate::i18n::{Arg, Locale};

/// What the new-case page shows.
#[derive(Debug, Clone)]
pub struct NewCasePage<'a> {
    /// The signed-in user (for the CSRF field and defaults).
    pub who: &'a Principal,
    /// The search as typed (name, phone).
    pub search: (&'a str, &'a str),
    /// Problems with the search (field `search.name`, `search.phone` or
    /// `search.client_id`, locale key).
    pub search_errors: &'a [(&'static str, &'static str)],
    /// Whether a search was made (so "nothing found" can be said).
    pub searched: bool,
    /// What the search found.
    pub results: &'a [ClientMatch],
    /// Known clients like the one being registered, shown before registering.
    pub duplicates: &'a [ClientMatch],
    /// The existing client the case is being opened for.
    pub chosen: Option<&'a ClientMatch>,
    /// Whether to show the form (after a search, for a chosen client, or again
    /// after a refusal).
    pub show_form: bool,
    /// The form as typed.
    pub values: &'a NewCaseValues,
    /// Problems with the form.
    pub errors: &'a [FieldError],
    /// The form's choices.
    pub choices: &'a Choices,
}

/// The whole new-case page content.
pub fn new_case(l: Locale, page: &NewCasePage<'_>) -> Markup {
    html! {
        div.screen-new-case {
        h1 { (l.text("new-case-title")) }
        @if !page.errors.is_empty() {
            (form::error_summary(l, page.errors))
        }
        @if page.chosen.is_some() {
            p { a href="/cases/new" { (l.text("new-case-other-client")) } }
        } @else {
            (search_form(l, page))
            @if page.searched && page.search_errors.is_empty() {
                (results(l, page.results, "new-case-results-title"))
            }
        }
        @if let Some(client) = page.chosen {
            section.chosen aria-labelledby="chosen-title" {
                h2 #chosen-title { (l.text_with("new-case-existing-title", &[("name", client.client.full_name.clone().into())])) }
                (client_card(l, client, false))
            }
        }
        @if !page.duplicates.is_empty() {
            (results(l, page.duplicates, "new-case-duplicates-title"))
        }
        @if page.show_form {
            (form::case_form(l, page))
        }
        }
    }
}

fn search_form(l: Locale, page: &NewCasePage<'_>) -> Markup {
    let (name, phone) = page.search;
    let problem = |field: &str| {
        page.search_errors
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, key)| l.text(key))
            .collect::<Vec<_>>()
    };
    let field = |field: &'static str, name_attr: &str, label: String, value: &str, kind: &str| {
        let messages = problem(field);
        let id = field_id(field);
        let error_id = format!("{id}-error");
        html! {
            div.field.invalid[!messages.is_empty()] {
                label for=(id) { (label) }
                input id=(id) name=(name_attr) type=(kind) value=(value)
                    autocomplete="off"
                    aria-invalid=[(!messages.is_empty()).then_some("true")]
                    aria-describedby=[(!messages.is_empty()).then_some(error_id.as_str())];
                @if !messages.is_empty() {
                    ul.field-errors id=(error_id) { @for m in &messages { li { (m) } } }
                }
            }
        }
    };
    let general = problem("search.client_id");
    html! {
        form.card.client-search method="get" action="/cases/new" role="search" {
            fieldset {
                legend { (l.text("new-case-search-legend")) }
                p.muted { (l.text("new-case-search-intro")) }
                @if !general.is_empty() {
                    p.error role="alert" { @for m in &general { (m) " " } }
                }
                div.search-fields {
                    (field("search.name", "name", l.text("new-case-search-name"), name, "search"))
                    (field("search.phone", "phone", l.text("new-case-search-phone"), phone, "tel"))
                }
                button type="submit" { (l.text("new-case-search-submit")) }
            }
        }
    }
}

/// Found clients, each with their open cases and a way to open a new case.
fn results(l: Locale, found: &[ClientMatch], title_key: &str) -> Markup {
    html! {
        section.client-results aria-labelledby="results-title" {
            h2 #results-title { (l.text(title_key)) }
            @if found.is_empty() {
                p { (l.text("new-case-results-none")) }
            } @else {
                p.warning role="status" { strong aria-hidden="true" { "! " } (l.text("new-case-duplicate-warning")) }
                ul.client-matches {
                    @for m in found { li { (client_card(l, m, true)) } }
                }
            }
        }
    }
}

/// One client: what identifies them, their open cases, and (when `offer`) the
/// button that opens a new case for them.
fn client_card(l: Locale, m: &ClientMatch, offer: bool) -> Markup {
    let c = &m.client;
    let mut facts: Vec<String> = Vec::new();
    if let Some(g) = &c.gender {
        facts.push(l.label("new-case-gender", g));
    }
    if let Some(y) = c.birth_year {
        facts.push(l.text_with("new-case-born", &[("year", Arg::Number(i64::from(y)))]));
    }
    facts.extend(c.phone.iter().cloned());
    facts.extend(c.employer.iter().cloned());
    facts.extend(c.district.iter().cloned());
    html! {
        div.client-card {
            p.client-name { strong { (c.full_name) } }
            @if !facts.is_empty() { p.muted { (facts.join(" · ")) } }
            @if m.open_cases.is_empty() {
                p.muted { (l.text("new-case-no-open-cases")) }
            } @else {
                p { (l.text("new-case-open-cases")) }
                ul.open-cases {
                    @for case in &m.open_cases {
                        li {
                            a href={ "/cases/" (case.id) } { (case.reference) }
                            " · " (l.label("case-type", &case.case_type))
                            " · " (l.label("stage", &case.stage))
                            " · " (l.text_with("new-case-opened-on", &[("date", l.day_of(case.opened_at).into())]))
                        }
                    }
                }
            }
            @if offer {
                a.button href={ "/cases/new?client_id=" (c.id) } { (l.text("new-case-use-client")) }
            }
        }
    }
}
