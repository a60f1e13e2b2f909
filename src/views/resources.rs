//! The resource directory: the list every signed-in user reads, and the
//! administrator's form to add or change an entry.

use maud::{Markup, html};

use super::components::{checkbox, code_select, csrf_field, text_area, text_input};
use super::stage_forms::FormValues;
use crate::access::Principal;
use crate::db::resources::Resource;
use crate::domain::outbound::ResourceCategory;
use crate::domain::validation::FieldError;
use crate::i18n::Locale;

/// What the list shows.
pub struct ResourceList<'a> {
    /// Language.
    pub l: Locale,
    /// The entries.
    pub rows: &'a [Resource],
    /// The category filter, if any.
    pub category: Option<ResourceCategory>,
    /// Deactivated entries are shown too.
    pub include_inactive: bool,
    /// The reader may add and change entries.
    pub may_manage: bool,
}

fn categories() -> Vec<&'static str> {
    ResourceCategory::ALL.iter().map(|c| c.as_str()).collect()
}

/// The directory list with its filter.
pub fn list_page(p: &ResourceList<'_>) -> Markup {
    let l = p.l;
    let selected = p.category.map(ResourceCategory::as_str);
    html! {
        h1 { (l.text("resource-title")) }
        p.hint { (l.text("resource-intro")) }
        @if p.may_manage {
            p { a href="/resources/new" { (l.text("resource-add")) } }
        }
        form.filters method="get" action="/resources" {
            (code_select(l, &[], "resource.filter_category", "category", &l.text("resource-category"), "resource-category", &categories(), selected))
            (checkbox(l, &[], "resource.include_inactive", "include_inactive", &l.text("resource-include-inactive"), p.include_inactive))
            button type="submit" { (l.text("resource-filter")) }
        }
        @if p.rows.is_empty() {
            p.muted { (l.text("resource-none")) }
        } @else {
            div.table-wrap {
                table.resources {
                    thead { tr {
                        th scope="col" { (l.text("resource-name")) }
                        th scope="col" { (l.text("resource-category")) }
                        th scope="col" { (l.text("resource-contact")) }
                        th scope="col" { (l.text("resource-address")) }
                        th scope="col" { (l.text("resource-notes")) }
                    } }
                    tbody {
                        @for r in p.rows {
                            tr.inactive[!r.active] {
                                td {
                                    @if p.may_manage { a href={ "/resources/" (r.id) } { (r.name) } } @else { (r.name) }
                                    @if !r.active { br; span.muted { (l.text("resource-inactive")) } }
                                }
                                td { (l.label("resource-category", &r.category)) }
                                td { (r.contact.as_deref().unwrap_or("—")) }
                                td { (r.address.as_deref().unwrap_or("—")) }
                                td { (r.notes.as_deref().unwrap_or("—")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The stored entry as form values.
pub fn values_of(r: &Resource) -> FormValues {
    let mut v = FormValues::default();
    v.push("name", r.name.clone());
    v.push("category", r.category.clone());
    v.push_opt("contact", r.contact.clone());
    v.push_opt("address", r.address.clone());
    v.push_opt("notes", r.notes.clone());
    v.push_flag("active", r.active);
    v
}

/// The administrator's form: a new entry (`existing` is `None`) or a change.
pub fn form_page(
    l: Locale,
    who: &Principal,
    existing: Option<&Resource>,
    values: &FormValues,
    errors: &[FieldError],
) -> Markup {
    let action = existing.map_or_else(
        || "/resources".to_owned(),
        |r| format!("/resources/{}", r.id),
    );
    let title = l.text(if existing.is_some() {
        "resource-edit"
    } else {
        "resource-add"
    });
    let category = values.get("category");
    html! {
        h1 { (title) }
        @if !errors.is_empty() { div.error role="alert" { p { (l.text("error-invalid")) } } }
        form.card.narrow method="post" action=(action) {
            (csrf_field(who))
            (text_input(l, errors, "resource.name", "name", &l.text("resource-name"), values.get("name")))
            (code_select(l, errors, "resource.category", "category", &l.text("resource-category"), "resource-category", &categories(), (!category.is_empty()).then_some(category)))
            (text_input(l, errors, "resource.contact", "contact", &l.text("resource-contact"), values.get("contact")))
            (text_input(l, errors, "resource.address", "address", &l.text("resource-address"), values.get("address")))
            (text_area(l, errors, "resource.notes", "notes", &l.text("resource-notes"), values.get("notes")))
            @if existing.is_some() {
                (checkbox(l, errors, "resource.active", "active", &l.text("resource-active"), values.checked("active")))
                p.hint { (l.text("resource-active-hint")) }
            }
            button type="submit" { (l.text("resource-save")) }
        }
        p { a href="/resources" { (l.text("resource-back")) } }
    }
}
