//! The notifications list: what arrived, newest first, unread marked.

use maud::{Markup, html};

use crate::access::Principal;
use crate::db::notifications::Notification;
use crate::i18n::Locale;
use crate::views::components::csrf_field;

/// `GET /notifications`.
pub fn list(l: Locale, who: &Principal, items: &[Notification]) -> Markup {
    let unread = items.iter().any(|n| n.read_at.is_none());
    html! {
        div.screen-notifications {
            div.title-row {
                h1 { (l.text("notifications-title")) }
                @if unread {
                    form method="post" action="/notifications/read" {
                        (csrf_field(who))
                        input type="hidden" name="all" value="true";
                        button.secondary type="submit" { (l.text("notifications-mark-all")) }
                    }
                }
            }
            @if items.is_empty() {
                p.muted { (l.text("notifications-none")) }
            } @else {
                ul.notifications {
                    @for n in items {
                        li.unread[n.read_at.is_none()] {
                            form method="post" action="/notifications/read" {
                                (csrf_field(who))
                                input type="hidden" name="id" value=(n.id);
                                button.link type="submit" {
                                    @if n.read_at.is_none() {
                                        span.badge { (l.text("notifications-new")) } " "
                                    }
                                    (l.text_with(&format!("notification-{}", n.kind.replace('_', "-")), &[("label", n.label.clone().into())]))
                                }
                            }
                            p.when { (l.date_time(n.created_at)) }
                        }
                    }
                }
            }
        }
    }
}
