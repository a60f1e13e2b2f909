//! `/settings/approvals`: which approvals each case type needs in the agency.

use std::collections::HashMap;

use maud::{Markup, html};

use crate::access::Principal;
use crate::db::supervision::policies::PolicyRow;
use crate::i18n::Locale;
use crate::views::components::csrf_field;

/// The settings screen's content.
pub fn settings_page(
    l: Locale,
    who: &Principal,
    rows: &[PolicyRow],
    names: &HashMap<String, String>,
) -> Markup {
    html! {
        div.screen-supervision {
            h1 { (l.text("supervision-settings-title")) }
            p.muted { (l.text("supervision-settings-intro")) }
            form.policy-form method="post" action="/settings/approvals" {
                (csrf_field(who))
                div.table-wrap {
                    table.policies {
                        thead { tr {
                            th scope="col" { (l.text("supervision-settings-type")) }
                            th scope="col" { (l.text("supervision-settings-plan")) }
                            th scope="col" { (l.text("supervision-settings-closure")) }
                            th scope="col" { (l.text("supervision-settings-changed")) }
                        } }
                        tbody {
                            @for row in rows {
                                @let code = row.case_type.as_str();
                                tr {
                                    th scope="row" { (l.label("case-type", code)) }
                                    td data-label=(l.text("supervision-settings-plan")) {
                                        label.check {
                                            input type="checkbox" name={ (code) ".plan" } value="true" checked[row.policy.plan_required];
                                            " " (l.text("supervision-settings-required"))
                                        }
                                    }
                                    td data-label=(l.text("supervision-settings-closure")) {
                                        label.check {
                                            input type="checkbox" name={ (code) ".closure" } value="true" checked[row.policy.closure_required];
                                            " " (l.text("supervision-settings-required"))
                                        }
                                    }
                                    td.muted data-label=(l.text("supervision-settings-changed")) {
                                        @match (&row.updated_by, row.updated_at) {
                                            (Some(by), Some(at)) => {
                                                (names.get(by).map_or("—", String::as_str)) " · " (l.date_time(at))
                                            }
                                            _ => { (l.text("supervision-settings-default")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                p.hint { (l.text("supervision-settings-hint")) }
                button type="submit" { (l.text("supervision-settings-save")) }
            }
        }
    }
}
