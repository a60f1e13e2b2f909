//! `/approvals`: the plans and closures waiting for the supervisor, oldest first.

use std::collections::HashMap;

use chrono::NaiveDate;
use maud::{Markup, html};

use super::{date_and_age, risk_badge};
use crate::db::supervision::approvals::QueueItem;
use crate::i18n::Locale;

/// The queue screen's content.
pub fn approvals_page(
    l: Locale,
    items: &[QueueItem],
    truncated: bool,
    names: &HashMap<String, String>,
    today: NaiveDate,
) -> Markup {
    html! {
        div.screen-supervision {
            h1 { (l.text("supervision-approvals-title")) }
            p.muted { (l.text("supervision-approvals-intro")) }
            @if items.is_empty() {
                p.empty { (l.text("supervision-approvals-empty")) }
            } @else {
                ol.approval-queue {
                    @for item in items {
                        li.approval.{ "kind-" (item.kind.as_str()) } {
                            p.card-head {
                                span.approval-kind { (l.label("supervision-approval", item.kind.as_str())) }
                                a.reference href={ "/cases/" (item.case_id) } { (item.reference) }
                                span.client { (item.client_name) }
                                (risk_badge(l, item.risk_level.as_deref()))
                            }
                            p.card-meta {
                                span { (l.label("case-type", &item.case_type)) }
                                span { (l.text("supervision-worker")) ": " (item.worker_name.as_deref().unwrap_or("—")) }
                                span {
                                    (l.text("supervision-requested")) ": "
                                    (names.get(&item.requested_by).map_or("—", String::as_str)) " · "
                                    (date_and_age(l, item.requested_at.date(), today))
                                }
                            }
                            p.approval-open { a href={ "/cases/" (item.case_id) "#moves-title" } { (l.text("supervision-approvals-review")) } }
                        }
                    }
                }
                @if truncated { p.muted { (l.text("supervision-list-truncated")) } }
            }
        }
    }
}
