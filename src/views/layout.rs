//! The page frame shared by every screen.

use maud::{DOCTYPE, Markup, html};

use crate::access::Principal;
use crate::domain::Role;
use crate::i18n::Locale;

/// What the frame needs to know about the request.
#[derive(Debug, Clone, Default)]
pub struct Frame<'a> {
    /// The signed-in user, if any.
    pub who: Option<&'a Principal>,
    /// The current path and query, for the language switch to come back to.
    pub here: &'a str,
    /// A flash message key (`flash-<key>` in the locale files), shown once after a redirect.
    pub flash: Option<&'a str>,
    /// For supervisors: approvals waiting for them (the navigation shows the count).
    pub approvals_waiting: Option<i64>,
}

/// The page frame: header with navigation by role, organisation, user, language
/// switch and sign-out; the flash message; then the content.
pub fn page(l: Locale, title: &str, frame: &Frame<'_>, content: Markup) -> Markup {
    let flash = frame
        .flash
        .and_then(|key| l.try_text(&format!("flash-{key}")));
    html! {
        (DOCTYPE)
        html lang=(l.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (l.text("app-name")) }
                link rel="stylesheet" href="/static/app.css";
            }
            body {
                a.skip href="#main" { (l.text("nav-skip")) }
                header.top {
                    a.brand href="/" { (l.text("app-name")) }
                    @if let Some(who) = frame.who {
                        (navigation(l, who, frame))
                    }
                    div.account {
                        (language_switch(l, frame.here))
                        @if let Some(who) = frame.who {
                            span.user {
                                (who.display_name) " · " (l.label("role", who.role.as_str()))
                                span.org { (who.organisation_name) }
                            }
                            form method="post" action="/sign-out" {
                                input type="hidden" name="csrf_token" value=(who.csrf_token);
                                button.link type="submit" { (l.text("sign-out")) }
                            }
                        }
                    }
                }
                main #main {
                    @if let Some(message) = flash {
                        p.flash role="status" { (message) }
                    }
                    (content)
                }
            }
        }
    }
}

/// The frame without request details (sign-in, setup, error pages).
pub fn layout(l: Locale, title: &str, who: Option<&Principal>, content: Markup) -> Markup {
    page(
        l,
        title,
        &Frame {
            who,
            here: "/",
            flash: None,
            approvals_waiting: None,
        },
        content,
    )
}

/// The frame of a public page (the request for help), whose language switch
/// comes back to `here` instead of the home page: a member who changes language
/// on the form must land on the form again.
pub fn public_page(l: Locale, title: &str, here: &str, content: Markup) -> Markup {
    page(
        l,
        title,
        &Frame {
            who: None,
            here,
            flash: None,
            approvals_waiting: None,
        },
        content,
    )
}

fn navigation(l: Locale, who: &Principal, frame: &Frame<'_>) -> Markup {
    let staff = matches!(who.role, Role::SocialWorker | Role::Supervisor);
    html! {
        nav.main aria-label=(l.text("nav-label")) {
            @if staff {
                a href="/" { (l.text("nav-home")) }
                a href="/cases" { (l.text("nav-cases")) }
                a href="/cases/new" { (l.text("nav-new-case")) }
                a href="/transfers" { (l.text("transfer-nav")) }
            }
            @if crate::access::may_read_resources(who) {
                a href="/resources" { (l.text("resource-nav")) }
            }
            @if crate::access::may_see_referrals(who) {
                a href="/referrals" { (l.text("nav-referrals")) }
            }
            @if crate::access::may_refer(who) {
                a href="/referrals/new" { (l.text("nav-new-referral")) }
            }
            @if let Some(n) = frame.approvals_waiting {
                a href="/approvals" {
                    (l.text("nav-approvals"))
                    @if n > 0 {
                        " " span.nav-count title=(l.text_with("nav-approvals-count", &[("count", n.into())])) {
                            @if n >= crate::db::supervision::approvals::COUNT_CAP { "99+" } @else { (n) }
                        }
                    }
                }
                a href="/team" { (l.text("nav-team")) }
            }
            @if crate::access::approval_policy_scope(who).is_some() {
                a href="/settings/approvals" { (l.text("nav-approval-settings")) }
            }
            @if crate::access::may_see_evaluation(who) {
                a href="/reports/evaluation" { (l.text("eval-nav")) }
            }
            @if crate::access::may_administer(who) {
                a href="/admin/service-agreements" { (l.text("nav-agreements")) }
            }
            @if crate::access::audit_scope(who).is_some() {
                a href="/audit" { (l.text("nav-audit")) }
            }
            a.notifications href="/notifications" {
                (l.text("nav-notifications"))
                @if who.unread_notifications > 0 {
                    " " span.badge aria-label=(l.text_with("nav-unread", &[("n", who.unread_notifications.into())])) {
                        (who.unread_notifications.min(99))
                    }
                }
            }
        }
    }
}

fn language_switch(l: Locale, here: &str) -> Markup {
    let back = urlencoding(here);
    html! {
        nav.languages aria-label=(l.text("nav-language")) {
            @for other in Locale::ALL {
                @if other == l {
                    span aria-current="true" lang=(other.tag()) { (other.text("language-name")) }
                } @else {
                    a href={ "/language/" (other.tag()) "?back=" (back) } lang=(other.tag()) hreflang=(other.tag()) {
                        (other.text("language-name"))
                    }
                }
            }
        }
    }
}

/// Percent-encodes a path for use as a query value.
pub fn urlencoding(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
