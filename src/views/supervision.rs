//! Supervision's screens: the approvals queue, the team oversight screen, the
//! approval settings, and what the case page shows of supervision (the approval
//! awaited, supervision notes beside their records, the reassignment form).

pub mod approvals;
pub mod case_panel;
pub mod notes;
pub mod settings;
pub mod team;

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::i18n::{Arg, Locale};

/// A risk level as a badge (words first; colour only repeats them).
pub fn risk_badge(l: Locale, risk: Option<&str>) -> Markup {
    html! {
        @match risk {
            Some(r) => span.{ "risk-badge level-" (r) } { (l.label("case-risk", r)) },
            None => span.risk-badge { (l.text("case-risk-unassessed")) },
        }
    }
}

/// "3 Nov 2026 (12 days ago)".
pub fn date_and_age(l: Locale, date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    format!(
        "{} ({})",
        l.date(date),
        l.text_with("supervision-days-ago", &[("days", Arg::Number(days))])
    )
}
