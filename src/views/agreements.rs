//! The administrator's service agreements: which union may refer members to
//! which agency. A union officer's referral form offers only the agencies of
//! their union's agreements (and of the unions above it).

use maud::{Markup, html};

use super::components::{csrf_field, field_errors, field_id};
use crate::access::Principal;
use crate::db::referrals::AgreementRow;
use crate::domain::validation::FieldError;
use crate::i18n::Locale;
use crate::views::stage_forms::FormValues;

/// What the screen shows.
pub struct AgreementsPage<'a> {
    /// Language.
    pub l: Locale,
    /// The administrator (for the CSRF field).
    pub who: &'a Principal,
    /// The agreements recorded.
    pub rows: &'a [AgreementRow],
    /// Unions to choose from: (id, name).
    pub unions: &'a [(String, String)],
    /// Agencies to choose from: (id, name).
    pub agencies: &'a [(String, String)],
    /// What a refused form sent.
    pub values: &'a FormValues,
    /// Its problems, shown beside the fields.
    pub errors: &'a [FieldError],
}

fn select(
    p: &AgreementsPage<'_>,
    field: &str,
    name: &str,
    label: &str,
    options: &[(String, String)],
) -> Markup {
    let id = field_id(field);
    let invalid = p.errors.iter().any(|e| e.field == field);
    let chosen = p.values.get(name);
    html! {
        div.field.invalid[invalid] {
            label for=(id) { (label) }
            select id=(id) name=(name) required
                aria-invalid=[invalid.then_some("true")]
                aria-describedby=[invalid.then(|| format!("{id}-error"))] {
                option value="" { "—" }
                @for (value, text) in options {
                    option value=(value) selected[chosen == value] { (text) }
                }
            }
            (field_errors(p.l, p.errors, field))
        }
    }
}

/// `GET /admin/service-agreements`, or the add form again with its problems.
pub fn agreements_page(p: &AgreementsPage<'_>) -> Markup {
    let l = p.l;
    html! {
        h1 { (l.text("agreements-title")) }
        p.hint { (l.text("agreements-intro")) }
        @if p.rows.is_empty() {
            p.muted #agreements-none { (l.text("agreements-none")) }
        } @else {
            div.table-wrap {
                table #agreements {
                    thead { tr {
                        th scope="col" { (l.text("agreements-union")) }
                        th scope="col" { (l.text("agreements-agency")) }
                        th scope="col" { (l.text("agreements-since")) }
                        th scope="col" { span.visually-hidden { (l.text("agreements-actions")) } }
                    } }
                    tbody {
                        @for r in p.rows {
                            tr {
                                td { (r.union_name) }
                                td { (r.agency_name) }
                                td { (l.date_time(r.created_at)) }
                                td {
                                    form method="post" action="/admin/service-agreements/remove" {
                                        (csrf_field(p.who))
                                        input type="hidden" name="union_id" value=(r.union_id);
                                        input type="hidden" name="agency_id" value=(r.agency_id);
                                        button.danger type="submit"
                                            aria-label=(l.text_with("agreements-end-label", &[
                                                ("union", r.union_name.clone().into()),
                                                ("agency", r.agency_name.clone().into()),
                                            ])) {
                                            (l.text("agreements-end"))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section #add-agreement {
            h2 { (l.text("agreements-add-title")) }
            form.stage-form method="post" action="/admin/service-agreements" novalidate {
                (csrf_field(p.who))
                div.pair {
                    (select(p, "agreement.union_id", "union_id", &l.text("agreements-union"), p.unions))
                    (select(p, "agreement.agency_id", "agency_id", &l.text("agreements-agency"), p.agencies))
                }
                button type="submit" { (l.text("agreements-add")) }
            }
        }
    }
}
